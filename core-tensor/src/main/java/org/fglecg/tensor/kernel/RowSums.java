package org.fglecg.tensor.kernel;

/**
 * The sums a reduction over one dimension is made of, on plain arrays: shared by
 * {@code Tensor.sum} / {@code Tensor.mean} and the allocation-free inference path, so a mean
 * over time there has the bits of the tensor one.
 */
public final class RowSums {
    /** SIMD partial sums of this many elements are added up in double: fast and still accurate. */
    static final int BLOCK = 1024;

    private RowSums() {}

    /** Sum of x[off .. off + n): vector sums of blocks of {@link #BLOCK}, added in double. */
    public static double contiguous(Kernels k, float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i += BLOCK) s += k.sum(x, off + i, Math.min(BLOCK, n - i));
        return s;
    }

    /** Sum of x[off + i * stride] for i in [0, n), in double, in order. */
    public static double strided(float[] x, int off, int n, int stride) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i * stride];
        return s;
    }
}
