package org.fglecg.tensor.kernel;

/**
 * Single-precision GEMM on row-major arrays: {@code C = alpha * op(A) * op(B) + beta * C}.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb}, {@code ldc} are the
 * row strides of A, B and C as stored (so for transA, A is stored k x m with row stride lda).
 * When beta is 0, C is not read (NaNs in C do not propagate), as in BLAS.
 *
 * <p>PLACEHOLDER: a plain triple loop so the rest of the code base can compile against the final
 * signature; the kernel work replaces the body.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
