package org.fglecg.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage reused from one training step to the next, PyTorch's caching allocator in its
 * simplest form. A step allocates the same arrays in the same order every time (the same shapes
 * at the same batch size); without reuse each is a fresh, zeroed allocation and garbage a moment
 * later (hundreds of MB per step). Inside a scope opened with {@link #open()}, every new tensor
 * created on the opening thread ({@link Tensor#zeros} and every op's result) and every buffer a
 * layer takes through {@link #zeroed} or {@link #uninitialized} is lent from arrays the previous
 * scope used; closing the scope takes all of them back.
 *
 * <pre>{@code
 * TensorArena arena = new TensorArena();          // one per training loop
 * for (...) {
 *     try (TensorArena.Scope s = arena.open()) {
 *         Tensor loss = ...forward...;  loss.backward();  optimizer.step();
 *         float value = loss.item();               // copy out what must outlive the step
 *     }
 * }
 * }</pre>
 *
 * <p>The contract: no tensor created inside a scope may be used after it closes. Parameters,
 * their gradients ({@link Tensor#grad()} is a copy the leaf owns), optimizer state and arrays
 * returned by {@link Tensor#toArray()} are not lent, so a training step needs nothing else.
 * Lent arrays are zeroed, as fresh Java arrays are, unless taken as {@link #uninitialized} (or
 * through {@link Tensor#empty}) by code that writes every element before reading any; so
 * results are bit for bit those without an arena. With {@code -Dfglecg.arena.poison=true} (the test suites set it) closing a scope fills
 * what it takes back with NaN, so a tensor used after its scope shows up in any test as NaN
 * instead of silently reading the next step's values.
 *
 * <p>Memory: the arena keeps what one step used (the arrays the last scope borrowed, nothing
 * older), up to a capacity (by default half the JVM's maximum heap; what does not fit is
 * allocated afresh each step, as without an arena). So it holds the step's total allocation
 * rather than its live peak: about 0.7 GB for the student's training step at batch 128 and
 * 2.7 GB for the teacher's. Arrays below {@link #MIN_LENGTH} floats are left to the JVM. One
 * arena is used by one thread at a time.
 */
public final class TensorArena {
    /** Shorter arrays are allocated as usual: cheap, and not worth a map lookup. */
    static final int MIN_LENGTH = 1024;
    private static final boolean POISON = Boolean.getBoolean("fglecg.arena.poison");
    private static final ThreadLocal<TensorArena> OPEN = new ThreadLocal<>();

    private final long capacityBytes;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private long reusedBytes, allocatedBytes;

    /** An arena that keeps at most half the JVM's maximum heap. */
    public TensorArena() {
        this(Runtime.getRuntime().maxMemory() / 2);
    }

    /** An arena that keeps at most {@code capacityBytes} of arrays between scopes. */
    public TensorArena(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("TensorArena: negative capacity " + capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    /**
     * Lends this arena's arrays to the calling thread until the returned scope is closed. Scopes
     * do not nest: a thread holds at most one open arena.
     */
    public Scope open() {
        if (OPEN.get() != null) throw new IllegalStateException("a TensorArena scope is already open on this thread");
        OPEN.set(this);
        return new Scope();
    }

    /**
     * A zeroed {@code float[n]}: lent by the arena open on the calling thread, if any, else new.
     * For a layer's own buffers that live as long as the tensors it returns.
     */
    public static float[] zeroed(int n) {
        return take(n, true);
    }

    /**
     * A {@code float[n]} for a buffer its caller writes in full before reading: lent by the open
     * arena without zeroing (it holds whatever the last step left there, or NaN under
     * {@code -Dfglecg.arena.poison}), else new. An element read before it is written shows up
     * as NaN in the tests; without an arena this is a plain new array, as {@code torch.empty}
     * is zeros on many allocators.
     */
    public static float[] uninitialized(int n) {
        return take(n, false);
    }

    private static float[] take(int n, boolean zero) {
        if (n >= MIN_LENGTH) {
            TensorArena a = OPEN.get();
            if (a != null) return a.lend(n, zero);
        }
        return new float[n];
    }

    /** Bytes lent from earlier scopes' arrays, and bytes newly allocated, since this arena was made. */
    public long reusedBytes() {
        return reusedBytes;
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }

    private float[] lend(int n, boolean zero) {
        ArrayDeque<float[]> q = free.get(n);
        float[] a = q == null ? null : q.pollFirst();
        if (a == null) {
            // A miss in a step that matched the last one never happens: the shapes changed (the
            // epoch's last, shorter batch), so what the arena still holds is unlikely to fit.
            // Dropping it now keeps this step from holding two steps' arrays.
            free.clear();
            a = new float[n];
            allocatedBytes += 4L * n;
        } else {
            if (zero) Arrays.fill(a, 0f);
            reusedBytes += 4L * n;
        }
        lent.add(a);
        return a;
    }

    /**
     * Takes back what the scope lent, in the order lent, until the capacity is reached: the next
     * step's first miss then comes where the kept arrays end, and dropping the rest (see
     * {@link #lend}) loses none it could reuse. Arrays the scope did not use are dropped, so the
     * arena holds one step.
     */
    private void takeBack() {
        free.clear();
        long kept = 0;
        boolean full = false;
        for (float[] a : lent) {
            if (POISON) Arrays.fill(a, Float.NaN);
            full = full || kept + 4L * a.length > capacityBytes;
            if (full) continue;
            kept += 4L * a.length;
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(a);
        }
        lent.clear();
    }

    /** An open scope of a {@link TensorArena}; closing it ends the loan of every array it lent. */
    public final class Scope implements AutoCloseable {
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Scope() {}

        @Override
        public void close() {
            if (closed) return;
            if (Thread.currentThread() != owner)
                throw new IllegalStateException("a TensorArena scope must be closed on the thread that opened it");
            closed = true;
            OPEN.remove();
            takeBack();
        }
    }
}
