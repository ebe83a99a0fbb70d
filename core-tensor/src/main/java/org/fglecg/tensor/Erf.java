package org.fglecg.tensor;

import org.fglecg.tensor.kernel.Kernels;

/** The normal distribution functions GELU needs; Java has no erf. */
final class Erf {
    static final float INV_SQRT_2PI = 0.3989422804014327f;
    private static final float INV_SQRT2 = 0.7071067811865476f;
    private static final Kernels K = Kernels.get();

    private Erf() {}

    /**
     * y[i] = Phi(x[xo + i]) for i in [from, to): the standard normal CDF, 0.5 erfc(-x / sqrt 2).
     * erfc is the Chebyshev-fitted exponential of Numerical Recipes (3rd ed., 6.2.2), relative
     * error below 1.2e-7; evaluated in float, with the exponential through the SIMD kernel, it
     * stays within about 1e-6 relative (the exponent's own rounding dominates in the tails).
     */
    static void normalCdf(float[] x, int xo, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float z = Math.abs(x[xo + i]) * INV_SQRT2;
            float t = 1f / (1f + 0.5f * z);
            y[i] = -z * z - 1.26551223f + t * (1.00002368f + t * (0.37409196f + t * (0.09678418f
                    + t * (-0.18628806f + t * (0.27886807f + t * (-1.13520398f + t * (1.48851587f
                    + t * (-0.82215223f + t * 0.17087277f))))))));
        }
        K.exp(y, from, y, from, to - from);
        for (int i = from; i < to; i++) {
            float v = x[xo + i];
            float z = Math.abs(v) * INV_SQRT2;
            float half = 0.5f / (1f + 0.5f * z) * y[i]; // 0.5 erfc(|x| / sqrt 2) = Phi(-|x|)
            float step = 0.5f + 0.5f * Math.copySign(1f, v); // 1 for x >= 0, else 0: no branch
            y[i] = half + step * (1f - 2f * half);
        }
    }
}
