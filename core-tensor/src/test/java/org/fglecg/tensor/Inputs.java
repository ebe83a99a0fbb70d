package org.fglecg.tensor;

import java.util.Arrays;

/** Random shapes and values for the gradient properties ({@link GradCheck} checks them). */
final class Inputs {
    private Inputs() {}

    /** A random shape of rank in [minRank, maxRank], sizes in [1, maxSize]. */
    static int[] shape(Rng rng, int minRank, int maxRank, int maxSize) {
        int r = minRank + rng.nextInt(maxRank - minRank + 1);
        int[] s = new int[r];
        for (int i = 0; i < r; i++) s[i] = 1 + rng.nextInt(maxSize);
        return s;
    }

    /** A shape broadcastable with {@code s}: some leading dims dropped, some dims set to 1. */
    static int[] partner(Rng rng, int[] s) {
        int drop = rng.nextInt(s.length + 1);
        int[] p = Arrays.copyOfRange(s, drop, s.length);
        for (int i = 0; i < p.length; i++) if (rng.nextInt(3) == 0) p[i] = 1;
        return p;
    }

    /** Values in [lo, hi) with a random sign when {@code signed}: keeps inputs away from kinks and poles. */
    static Tensor values(Rng rng, int[] shape, float lo, float hi, boolean signed) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            float v = lo + (hi - lo) * rng.nextFloat();
            d[i] = signed && rng.nextInt(2) == 0 ? -v : v;
        }
        return t;
    }

    static Tensor normal(Rng rng, int... shape) {
        return Tensor.randn(rng, shape);
    }
}
