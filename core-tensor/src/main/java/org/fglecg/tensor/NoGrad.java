package org.fglecg.tensor;

/**
 * A scope in which no autograd history is recorded, per thread and nestable:
 *
 * <pre>{@code try (NoGrad g = NoGrad.enter()) { ... } }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final int[] depth;
    private boolean closed;

    private NoGrad(int[] depth) {
        this.depth = depth;
    }

    /** Turns grad mode off on this thread until the returned scope is closed. */
    public static NoGrad enter() {
        int[] d = DEPTH.get();
        d[0]++;
        return new NoGrad(d);
    }

    /**
     * Whether grad mode is on on this thread, i.e. no NoGrad scope is open: true outside any
     * scope, false inside one (PyTorch's {@code torch.is_grad_enabled()}).
     */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (closed) return; // closing twice must not re-enable grad mode for an outer scope
        closed = true;
        depth[0]--;
    }
}
