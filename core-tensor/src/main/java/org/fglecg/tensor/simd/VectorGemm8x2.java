package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The AVX-512 register tile: 8 rows x 2 vectors (8 x 32 floats). Sixteen accumulators, two B
 * vectors and a broadcast A value use 19 of the 32 vector registers; each step of p loads two
 * B vectors and eight A scalars for sixteen FMAs, and 8 rows divide the 128-channel weights.
 * {@link VectorGemm6x2} is the same loop for 16-register AVX2. Both are written out, one local
 * variable per accumulator: an array of accumulators would hold {@code FloatVector} objects on
 * the heap instead of registers.
 */
final class VectorGemm8x2 extends VectorGemmTile {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    private static final int MR = 8;
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
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
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
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60); c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70); c71 = av.fma(b1, c71);
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
        r += ldc;
        c60.intoArray(c, r); c61.intoArray(c, r + L);
        r += ldc;
        c70.intoArray(c, r); c71.intoArray(c, r + L);
    }
}
