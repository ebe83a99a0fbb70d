package org.fglecg.tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks autograd against central finite differences. The loss is L = sum(w * f(inputs)) for a
 * fixed random w, accumulated in double; each input element is nudged by +-h in float and the
 * difference quotient divides by the actually stored (double) step. With {@code strided}, each
 * input is presented to f as a reversed-dims permute of a contiguous leaf, so the ops see
 * non-contiguous views and the gradient has to flow back through the permute.
 */
final class GradCheck {
    private final Rng rng;
    private double h = 1e-2;
    private double atol = 2e-3;
    private double rtol = 1e-2;
    private boolean strided;

    GradCheck(Rng rng) {
        this.rng = rng;
    }

    GradCheck step(double h) {
        this.h = h;
        return this;
    }

    GradCheck tolerance(double atol, double rtol) {
        this.atol = atol;
        this.rtol = rtol;
        return this;
    }

    GradCheck strided(boolean on) {
        this.strided = on;
        return this;
    }

    private static int[] reversed(int r) {
        int[] p = new int[r];
        for (int i = 0; i < r; i++) p[i] = r - 1 - i;
        return p;
    }

    private Tensor present(Tensor leaf) {
        return strided && leaf.dim() > 1 ? leaf.permute(reversed(leaf.dim())) : leaf;
    }

    /** Runs the check; the values are the inputs f sees (their shapes and values). */
    void check(String name, Function<Tensor[], Tensor> f, Tensor... values) {
        int n = values.length;
        Tensor[] leaves = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor v = values[i];
            Tensor stored = strided && v.dim() > 1 ? v.permute(reversed(v.dim())) : v;
            leaves[i] = Tensor.fromArray(stored.toArray(), stored.shape()).requiresGrad(true);
        }
        Tensor[] presented = new Tensor[n];
        for (int i = 0; i < n; i++) presented[i] = present(leaves[i]);
        Tensor out = f.apply(presented);
        float[] w = new float[out.numel()];
        for (int i = 0; i < w.length; i++) w[i] = rng.nextFloat() * 2f - 1f;
        Tensor wt = Tensor.fromArray(w, out.shape());
        out.backward(wt);

        for (int i = 0; i < n; i++) {
            float[] x = leaves[i].data();
            Tensor grad = leaves[i].grad();
            if (grad == null) throw new AssertionError(name + ": input " + i + " got no gradient");
            float[] analytic = grad.toArray();
            for (int j = 0; j < x.length; j++) {
                float orig = x[j];
                float xp = (float) (orig + h), xm = (float) (orig - h);
                x[j] = xp;
                double lp = loss(f, leaves, w);
                x[j] = xm;
                double lm = loss(f, leaves, w);
                x[j] = orig;
                double numeric = (lp - lm) / ((double) xp - (double) xm);
                double a = analytic[j];
                double err = Math.abs(a - numeric);
                if (!(err <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
                    throw new AssertionError(String.format("%s: input %d %s element %d (value %s): autograd %.6g, finite difference %.6g%s",
                            name, i, Arrays.toString(values[i].shape()), j, orig, a, numeric, strided ? " (strided inputs)" : ""));
                }
            }
        }
    }

    private double loss(Function<Tensor[], Tensor> f, Tensor[] leaves, float[] w) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor[] presented = new Tensor[leaves.length];
            for (int i = 0; i < leaves.length; i++) presented[i] = present(leaves[i]);
            float[] y = f.apply(presented).toArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) w[i] * y[i];
            return s;
        }
    }

    // ------------------------------------------------------------------ random inputs

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
