package org.fglecg.tensor.kernel;

/**
 * Single-precision GEMM on row-major arrays: {@code C = alpha * op(A) * op(B) + beta * C}.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb}, {@code ldc} are the
 * row strides of A, B and C as stored (so for transA, A is stored k x m with row stride lda).
 * When beta is 0, C is not read (NaNs in C do not propagate), as in BLAS.
 *
 * <p>Runs {@link Sgemm} on the kernels {@link Kernels#get()} chose, over the {@link Parallel}
 * pool; the same inputs and thread count give the same bits.
 */
public final class Gemm {
    private static final Sgemm DEFAULT = new Sgemm(Kernels.get());

    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        DEFAULT.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }
}
