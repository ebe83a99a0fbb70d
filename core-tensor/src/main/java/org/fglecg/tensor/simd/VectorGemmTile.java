package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.fglecg.tensor.kernel.GemmMicroKernel;

/**
 * What the vector register tiles share: C = alpha * tile + beta * C for a full tile, with the
 * rounding of {@link GemmMicroKernel#update(float, float, float, float)}: {@code tile * alpha}
 * when beta is 0 (C not read), else {@code fma(tile, alpha, C * beta)}. It lives outside the
 * subclasses' {@code tile} methods so their epilogue stays one straight run of stores (see
 * {@link GemmMicroKernel#tile}); {@code nr()} is a multiple of the vector length.
 */
abstract class VectorGemmTile implements GemmMicroKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    @Override
    public final void update(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc) {
        int mr = mr(), nr = nr();
        FloatVector av = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            for (int r = 0; r < mr; r++)
                for (int q = 0; q < nr; q += L)
                    FloatVector.fromArray(S, tile, r * nr + q).mul(av).intoArray(c, cOff + r * ldc + q);
        } else {
            FloatVector bv = FloatVector.broadcast(S, beta);
            for (int r = 0; r < mr; r++) {
                for (int q = 0; q < nr; q += L) {
                    int ci = cOff + r * ldc + q;
                    FloatVector.fromArray(S, tile, r * nr + q)
                            .fma(av, FloatVector.fromArray(S, c, ci).mul(bv)).intoArray(c, ci);
                }
            }
        }
    }
}
