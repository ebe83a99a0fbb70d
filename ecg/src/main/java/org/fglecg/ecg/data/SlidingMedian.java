package org.fglecg.ecg.data;

/**
 * The median of a sliding window in O(log w) per insert or removal: two indexed binary heaps,
 * a max-heap holding the lower half and a min-heap holding the upper half. Elements are named
 * by a slot (the caller uses {@code sampleIndex % capacity}); each slot remembers its heap and
 * position, so any element can be removed, not only the heap tops.
 */
public final class SlidingMedian {
    private final float[] value;   // by slot
    private final int[] position;  // by slot: index in its heap
    private final boolean[] inLow; // by slot: which heap
    private final int[] low;       // max-heap of slots (lower half)
    private final int[] high;      // min-heap of slots (upper half)
    private int nLow, nHigh;

    public SlidingMedian(int capacity) {
        value = new float[capacity];
        position = new int[capacity];
        inLow = new boolean[capacity];
        low = new int[capacity];
        high = new int[capacity];
    }

    public void clear() {
        nLow = nHigh = 0;
    }

    public int size() {
        return nLow + nHigh;
    }

    public void add(int slot, float v) {
        value[slot] = v;
        push(slot, nLow == 0 || v <= value[low[0]]);
        rebalance();
    }

    public void remove(int slot) {
        if (inLow[slot]) {
            removeAt(low, position[slot], --nLow, true);
        } else {
            removeAt(high, position[slot], --nHigh, false);
        }
        rebalance();
    }

    /**
     * Replaces the value of {@code slot} by {@code v} in one pass (the steady state of a sliding
     * window, where the sample leaving and the one entering share a slot): the heaps keep their
     * sizes, so no rebalancing is needed; when {@code v} belongs to the other half, the other
     * heap's top crosses over into the freed place.
     */
    public void replace(int slot, float v) {
        int p = position[slot];
        if (inLow[slot]) {
            if (nHigh == 0 || v <= value[high[0]]) {
                value[slot] = v;
                siftDown(low, p, nLow, true);
                siftUp(low, position[slot], true);
            } else {
                int h = high[0];           // smallest of the upper half moves down
                low[p] = h;
                inLow[h] = true;
                siftUp(low, p, true);      // h >= every other lower element: it can only rise
                high[0] = slot;
                inLow[slot] = false;
                value[slot] = v;
                siftDown(high, 0, nHigh, false);
            }
        } else {
            if (nLow == 0 || v >= value[low[0]]) {
                value[slot] = v;
                siftDown(high, p, nHigh, false);
                siftUp(high, position[slot], false);
            } else {
                int l = low[0];            // largest of the lower half moves up
                high[p] = l;
                inLow[l] = false;
                siftUp(high, p, false);
                low[0] = slot;
                inLow[slot] = true;
                value[slot] = v;
                siftDown(low, 0, nLow, true);
            }
        }
    }

    /** The median: the middle value, or the mean of the two middle values for an even count. */
    public float median() {
        if ((nLow + nHigh & 1) == 1) return value[low[0]];
        return (value[low[0]] + value[high[0]]) * 0.5f;
    }

    /** Keeps nLow == nHigh or nLow == nHigh + 1 by moving one heap's top to the other heap. */
    private void rebalance() {
        if (nLow > nHigh + 1) {
            int s = low[0];
            removeAt(low, 0, --nLow, true);
            push(s, false);
        } else if (nHigh > nLow) {
            int s = high[0];
            removeAt(high, 0, --nHigh, false);
            push(s, true);
        }
    }

    /** Inserts a slot (its value already set) into the lower or the upper heap. */
    private void push(int slot, boolean toLow) {
        inLow[slot] = toLow;
        if (toLow) {
            low[nLow] = slot;
            siftUp(low, nLow++, true);
        } else {
            high[nHigh] = slot;
            siftUp(high, nHigh++, false);
        }
    }

    /** Removes heap[i]; {@code last} is the index of the heap's last element (the new size). */
    private void removeAt(int[] heap, int i, int last, boolean max) {
        if (i == last) return;
        heap[i] = heap[last];
        position[heap[i]] = i;
        siftDown(heap, i, last, max);
        siftUp(heap, i, max);
    }

    /** Whether a should be above b: larger in the max-heap, smaller in the min-heap. */
    private boolean above(int a, int b, boolean max) {
        return max ? value[a] > value[b] : value[a] < value[b];
    }

    private void siftUp(int[] heap, int i, boolean max) {
        int s = heap[i];
        while (i > 0) {
            int p = (i - 1) >> 1;
            if (!above(s, heap[p], max)) break;
            heap[i] = heap[p];
            position[heap[i]] = i;
            i = p;
        }
        heap[i] = s;
        position[s] = i;
    }

    private void siftDown(int[] heap, int i, int size, boolean max) {
        int s = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && above(heap[c + 1], heap[c], max)) c++;
            if (!above(heap[c], s, max)) break;
            heap[i] = heap[c];
            position[heap[i]] = i;
            i = c;
        }
        heap[i] = s;
        position[s] = i;
    }
}
