package org.fglecg.tensor.kernel;

/**
 * Plain-Java 4 x 4 micro-kernel: sixteen accumulators held in locals (registers), so each
 * loaded A and B value feeds four fused multiply-adds.
 */
final class ScalarGemmMicroKernel implements GemmMicroKernel {
    private static final int MR = 4;
    private static final int NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void tile(int kc, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR;
            int bi = bOff + p * ldb;
            float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
            float a0 = a[ai];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            float a1 = a[ai + 1];
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            float a2 = a[ai + 2];
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            float a3 = a[ai + 3];
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        store(c00, c01, c02, c03, c, cOff);
        store(c10, c11, c12, c13, c, cOff + ldc);
        store(c20, c21, c22, c23, c, cOff + 2 * ldc);
        store(c30, c31, c32, c33, c, cOff + 3 * ldc);
    }

    private static void store(float v0, float v1, float v2, float v3, float[] c, int i) {
        c[i] = v0;
        c[i + 1] = v1;
        c[i + 2] = v2;
        c[i + 3] = v3;
    }
}
