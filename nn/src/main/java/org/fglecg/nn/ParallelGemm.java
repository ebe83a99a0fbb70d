package org.fglecg.nn;

import org.fglecg.tensor.kernel.Gemm;
import org.fglecg.tensor.kernel.Parallel;

/**
 * One large SGEMM split over the compute threads by blocks of C's rows or columns (whichever
 * is longer). Every element of C is computed by the same code on the same operands whatever
 * the split, so results do not depend on the thread count. Small products run inline.
 */
final class ParallelGemm {
    /** Below this many multiply-adds one thread is faster than handing work out. */
    private static final long MIN_PARALLEL_MACS = 1L << 20;
    private static final int ALIGN = 16;

    private ParallelGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        int threads = Parallel.threads();
        if (threads == 1 || (long) m * n * k < MIN_PARALLEL_MACS) {
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        boolean byRows = m >= n;
        int len = byRows ? m : n;
        int block = Math.max(ALIGN, (len / threads + ALIGN - 1) / ALIGN * ALIGN);
        int tasks = (len + block - 1) / block;
        Parallel.forEach(tasks, t -> {
            int s = t * block;
            int e = Math.min(len, s + block);
            if (byRows) {
                int ao = aOff + (transA ? s : s * lda);
                Gemm.sgemm(transA, transB, e - s, n, k, alpha, a, ao, lda, b, bOff, ldb, beta, c, cOff + s * ldc, ldc);
            } else {
                int bo = bOff + (transB ? s * ldb : s);
                Gemm.sgemm(transA, transB, m, e - s, k, alpha, a, aOff, lda, b, bo, ldb, beta, c, cOff + s, ldc);
            }
        });
    }
}
