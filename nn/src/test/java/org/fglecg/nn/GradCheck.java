package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * Finite-difference gradient check: the scalar loss sum(f(...) * R) for a fixed random R is
 * differentiated analytically (backward) and by central differences; the differences are
 * accumulated in double. Layers compute in float32, so the step is 1e-3 and the tolerance is
 * relative to the largest gradient magnitude (floor 1e-2) after subtracting the float32 rounding
 * noise of the difference quotient (8 ulp-ish of sum |f * R|, divided by the step).
 * Near a kink (ReLU, max) within one step the central difference is wrong, but the one-sided
 * difference on the base point's side is right: an element passes when the central or either
 * one-sided difference agrees (a wrong backward fails all three).
 */
final class GradCheck {
    private GradCheck() {}

    /** Checks d loss / d t for every tensor in {@code wrt} (leaves requiring grad). */
    static void check(String what, Supplier<Tensor> f, List<Tensor> wrt, long seed) {
        check(what, f, wrt, seed, 1e-3, 2e-2);
    }

    static void check(String what, Supplier<Tensor> f, List<Tensor> wrt, long seed, double step, double tol) {
        Tensor out0 = f.get();
        Tensor r = Tensor.randn(new Rng(seed), out0.shape());
        for (Tensor t : wrt) t.zeroGrad();
        out0.mul(r).sum().backward();
        List<float[]> analytic = new ArrayList<>();
        for (Tensor t : wrt) {
            assertTrue(t.grad() != null, what + ": no gradient reached an input");
            analytic.add(t.grad().contiguous().toArray());
        }
        float[] rd = r.toArray();
        for (int w = 0; w < wrt.size(); w++) {
            Tensor t = wrt.get(w);
            float[] d = t.data();
            float[] a = analytic.get(w);
            double scale = 1e-2, worst = 0;          // floor: float32 noise of the differences
            for (float v : a) scale = Math.max(scale, Math.abs(v));
            int at = -1;
            double atNum = 0;
            double mid = dot(f, rd);
            // float32 rounding of the loss, seen through a difference quotient
            double noise = 8 * 6e-8 * absDot(f, rd) / step;
            for (int i = 0; i < t.numel(); i++) {
                int idx = t.offset() + i;
                float keep = d[idx];
                d[idx] = (float) (keep + step);
                double up = dot(f, rd);
                d[idx] = (float) (keep - step);
                double down = dot(f, rd);
                d[idx] = keep;
                double num = (up - down) / (2 * step);
                double err = Math.min(Math.abs(num - a[i]),
                        Math.min(Math.abs((up - mid) / step - a[i]), Math.abs((mid - down) / step - a[i])));
                err = Math.max(0, err - noise) / scale;
                if (err > worst) { worst = err; at = i; atNum = num; }
            }
            assertTrue(worst <= tol, what + ": input " + w + " element " + at + ": analytic "
                    + (at >= 0 ? a[at] : 0) + " vs numeric " + atNum + " (relative error " + worst + ")");
        }
    }

    private static double absDot(Supplier<Tensor> f, float[] r) {
        try (NoGrad g = NoGrad.enter()) {
            float[] o = f.get().contiguous().toArray();
            double s = 0;
            for (int i = 0; i < o.length; i++) s += Math.abs((double) o[i] * r[i]);
            return s;
        }
    }

    private static double dot(Supplier<Tensor> f, float[] r) {
        try (NoGrad g = NoGrad.enter()) {
            float[] o = f.get().contiguous().toArray();
            double s = 0;
            for (int i = 0; i < o.length; i++) s += (double) o[i] * r[i];
            return s;
        }
    }

    static Tensor randn(Rng rng, int... shape) {
        return Tensor.randn(rng, shape).requiresGrad(true);
    }
}
