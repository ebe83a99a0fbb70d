package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The AVX2 register tile: 6 rows x 2 vectors (6 x 16 floats). Twelve accumulators, two B
 * vectors and a broadcast A value fit the 16 vector registers without spills. Same loop as
 * {@link VectorGemm8x2}, which explains why the two are written out.
 */
final class VectorGemm6x2 extends VectorGemmTile {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;

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
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR;
            int bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40); c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50); c51 = av.fma(b1, c51);
        }
        int r = cOff;
        c00.intoArray(c, r); c01.intoArray(c, r + L);
        r += ldc;
        c10.intoArray(c, r); c11.intoArray(c, r + L);
        r += ldc;
        c20.intoArray(c, r); c21.intoArray(c, r + L);
        r += ldc;
        c30.intoArray(c, r); c31.intoArray(c, r + L);
        r += ldc;
        c40.intoArray(c, r); c41.intoArray(c, r + L);
        r += ldc;
        c50.intoArray(c, r); c51.intoArray(c, r + L);
    }
}
