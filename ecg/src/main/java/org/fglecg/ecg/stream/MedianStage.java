package org.fglecg.ecg.stream;

import org.fglecg.ecg.data.SlidingMedian;

/**
 * One centred running median ({@link org.fglecg.ecg.data.MedianBaseline#medianFilter}) in
 * streaming form: the median at sample t is emitted once sample t + after has arrived, where
 * after = w - w/2 - 1 is the part of the window in the future. {@link #flush} emits the last
 * {@code after} medians over the shrinking window at the end, so a flushed stream equals the
 * offline filter bit for bit, edges included.
 */
final class MedianStage {
    private final int w, before, after;
    private final SlidingMedian median;
    private long received, emitted;

    MedianStage(int w) {
        if (w < 1) throw new IllegalArgumentException("median window must be >= 1, got " + w);
        this.w = w;
        this.before = w / 2;
        this.after = w - before - 1;
        this.median = new SlidingMedian(w);
    }

    /** Samples of delay: the median of sample t is known when sample t + delay() arrives. */
    int delay() {
        return after;
    }

    void push(float x, SampleSink out) {
        long j = received++;
        int slot = (int) (j % w);
        // Sample j - w leaves the window of t = j - after as j enters; they share a slot.
        if (j >= w) median.replace(slot, x);
        else median.add(slot, x);
        if (j >= after) out.sample(emitted++, median.median());
    }

    /** Ends the stream: the medians of the last samples over the windows that shrink at the end. */
    void flush(SampleSink out) {
        for (long t = emitted; t < received; t++) {
            long leaving = t - before - 1;
            if (leaving >= 0) median.remove((int) (leaving % w));
            out.sample(emitted++, median.median());
        }
    }
}
