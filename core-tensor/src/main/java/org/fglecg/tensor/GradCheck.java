package org.fglecg.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks autograd against finite differences, like {@code torch.autograd.gradcheck} but for
 * float32. The loss is L = sum(w * f(...)) for fixed weights w ~ N(0, 1) drawn from the
 * checker's {@link Rng}, accumulated in double. For every element x of every checked input, the
 * analytic dL/dx (one backward) is compared with the central difference (L(x + h) - L(x - h)) /
 * step, where x +- h is stored in float and the step is the difference of the stored values.
 *
 * <p>The one rule: an element passes when
 *
 * <pre>
 * |analytic - numeric| &lt;= noise + atol + rtol * max(|analytic|, |numeric|)
 *                          + ofLargest * max(0.01, largest |analytic| of that input)
 * </pre>
 *
 * with these settings:
 * <ul>
 *   <li>{@link #tolerance(double, double) atol, rtol} (default 2e-3, 1e-2);</li>
 *   <li>{@link #toleranceOfLargest(double) ofLargest} (default 0): a tolerance relative to the
 *       input's largest gradient, for layers whose small gradients are sums of float32 terms;</li>
 *   <li>{@link #roundingNoise(boolean) noise} (default off): the float32 rounding of the loss
 *       seen through the difference quotient, 8 * 6e-8 * sum |w * f| / h;</li>
 *   <li>{@link #kinks(boolean) kinks} (default off): near a kink (ReLU, max) within one step the
 *       central difference is wrong but the one-sided difference on the base point's side is
 *       right, so the numeric value closest to the analytic one among the central and the two
 *       one-sided differences is taken (a wrong backward fails all three). With kinks on both
 *       sides within one step (two ReLU inputs near 0 at once: seen in an encoder layer) every
 *       difference at h is wrong; an element that fails at h is tried again at h / 10 and
 *       h / 100 and passes if a step agrees within the same allowance. The allowance keeps the
 *       rounding noise of h (a smaller step is noisier, and allowing for that let a 10 % wrong
 *       ReLU slope pass).</li>
 * </ul>
 *
 * {@link #forFloat32Layers(long)} is the setting for whole layers (nn); the default is the one
 * for single differentiable ops. A failure throws {@link AssertionError} naming the worst element.
 *
 * <pre>{@code
 * new GradCheck(new Rng(1)).check("square", x -> x[0].mul(x[0]), Tensor.randn(new Rng(2), 3, 2));
 * GradCheck.forFloat32Layers(seed).check("conv1d", () -> conv.forward(x), inputsAndParameters);
 * }</pre>
 */
public final class GradCheck {
    private static final double LARGEST_FLOOR = 1e-2;

    private final Rng rng;
    private double h = 1e-2;
    private double atol = 2e-3;
    private double rtol = 1e-2;
    private double ofLargest;
    private boolean noise, kinks, strided;

    /** A checker with the defaults for single ops: step 1e-2, atol 2e-3, rtol 1e-2; weights from {@code rng}. */
    public GradCheck(Rng rng) {
        this.rng = rng;
    }

    /**
     * The setting for float32 layers: step 1e-3, no atol or rtol, a tolerance of 2e-2 of the
     * input's largest gradient, rounding noise subtracted, kinks allowed; weights from {@code new Rng(seed)}.
     */
    public static GradCheck forFloat32Layers(long seed) {
        return new GradCheck(new Rng(seed)).step(1e-3).tolerance(0, 0).toleranceOfLargest(2e-2).roundingNoise(true)
                .kinks(true);
    }

    /** Half the distance between the two points of the central difference. */
    public GradCheck step(double h) {
        this.h = h;
        return this;
    }

    public GradCheck tolerance(double atol, double rtol) {
        this.atol = atol;
        this.rtol = rtol;
        return this;
    }

    /** Adds {@code tol * max(0.01, largest |gradient| of the input)} to the allowed error. */
    public GradCheck toleranceOfLargest(double tol) {
        this.ofLargest = tol;
        return this;
    }

    /** Whether the float32 rounding noise of the loss is allowed on top. */
    public GradCheck roundingNoise(boolean on) {
        this.noise = on;
        return this;
    }

    /** Whether a one-sided difference may stand in for the central one (functions with kinks). */
    public GradCheck kinks(boolean on) {
        this.kinks = on;
        return this;
    }

    /**
     * For {@link #check(String, Function, Tensor...)}: present each input to f as a reversed-dims
     * permute of a contiguous leaf, so the ops see non-contiguous views and the gradient has to
     * flow back through the permute.
     */
    public GradCheck strided(boolean on) {
        this.strided = on;
        return this;
    }

    private static int[] reversed(int r) {
        int[] p = new int[r];
        for (int i = 0; i < r; i++) p[i] = r - 1 - i;
        return p;
    }

    /** Checks f at {@code values} (the inputs f sees: their shapes and values), with respect to each of them. */
    public void check(String name, Function<Tensor[], Tensor> f, Tensor... values) {
        int n = values.length;
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor v : values) {
            Tensor stored = strided && v.dim() > 1 ? v.permute(reversed(v.dim())) : v;
            leaves.add(Tensor.fromArray(stored.toArray(), stored.shape()).requiresGrad(true));
        }
        Supplier<Tensor> g = () -> {
            Tensor[] presented = new Tensor[n];
            for (int i = 0; i < n; i++) {
                Tensor l = leaves.get(i);
                presented[i] = strided && l.dim() > 1 ? l.permute(reversed(l.dim())) : l;
            }
            return f.apply(presented);
        };
        run(name, g, leaves, values, strided ? " (strided inputs)" : "");
    }

    /**
     * Checks f (which reads the tensors in {@code wrt}, e.g. an input and a module's parameters)
     * with respect to every tensor in {@code wrt}: contiguous leaves requiring grad, perturbed in
     * place one element at a time. Their gradients are reset first.
     */
    public void check(String name, Supplier<Tensor> f, List<Tensor> wrt) {
        run(name, f, wrt, null, "");
    }

    private void run(String name, Supplier<Tensor> f, List<Tensor> wrt, Tensor[] shown, String note) {
        for (Tensor t : wrt) t.zeroGrad();
        Tensor out = f.get();
        float[] w = Tensor.randn(rng, out.shape()).toArray();
        out.backward(Tensor.fromArray(w.clone(), out.shape()));
        List<float[]> analytic = new ArrayList<>();
        for (int i = 0; i < wrt.size(); i++) {
            Tensor grad = wrt.get(i).grad();
            if (grad == null) throw new AssertionError(name + ": input " + i + " got no gradient");
            analytic.add(grad.contiguous().toArray());
        }
        double mid = kinks ? loss(f, w, false) : 0;
        double roundOff = noise ? 8 * 6e-8 * loss(f, w, true) / h : 0;
        for (int i = 0; i < wrt.size(); i++) {
            Tensor t = wrt.get(i);
            float[] x = t.data();
            float[] a = analytic.get(i);
            double largest = LARGEST_FLOOR;
            for (float v : a) largest = Math.max(largest, Math.abs(v));
            int worstAt = -1;
            double worstExcess = 0, worstNumeric = 0, worstError = 0, worstAllowed = 0;
            for (int j = 0; j < t.numel(); j++) {
                int idx = t.offset() + j;
                double numeric = 0, err = Double.POSITIVE_INFINITY, allowed = 0;
                double step = h;
                for (int tries = kinks ? 3 : 1; tries > 0 && !(err <= allowed); tries--, step /= 10) {
                    double[] d = difference(f, w, x, idx, step, mid, a[j]);
                    numeric = d[0];
                    err = d[1];
                    allowed = roundOff + atol + rtol * Math.max(Math.abs(a[j]), Math.abs(numeric))
                            + ofLargest * largest;
                }
                if (!(err <= allowed) && (worstAt < 0 || !(err - allowed <= worstExcess))) {
                    worstAt = j;
                    worstExcess = err - allowed;
                    worstNumeric = numeric;
                    worstError = err;
                    worstAllowed = allowed;
                }
            }
            if (worstAt >= 0) {
                int[] shape = shown != null ? shown[i].shape() : t.shape();
                throw new AssertionError(String.format(java.util.Locale.ROOT,
                        "%s: input %d %s element %d (value %s): autograd %.6g, finite difference %.6g "
                                + "(error %.3g, allowed %.3g)%s", name, i, Arrays.toString(shape), worstAt,
                        x[t.offset() + worstAt], a[worstAt], worstNumeric, worstError, worstAllowed, note));
            }
        }
    }

    /**
     * {numeric, |analytic - numeric|} for element idx of x at half-step {@code step}: the
     * central difference, or with kinks the closest of it and the one-sided ones (around
     * {@code mid}, the loss at the base point).
     */
    private double[] difference(Supplier<Tensor> f, float[] w, float[] x, int idx, double step, double mid,
                                float analytic) {
        float orig = x[idx];
        float xp = (float) (orig + step), xm = (float) (orig - step);
        x[idx] = xp;
        double up = loss(f, w, false);
        x[idx] = xm;
        double down = loss(f, w, false);
        x[idx] = orig;
        double numeric = (up - down) / ((double) xp - (double) xm);
        double err = Math.abs(analytic - numeric);
        if (kinks) {
            err = Math.min(err, Math.abs((up - mid) / ((double) xp - orig) - analytic));
            err = Math.min(err, Math.abs((mid - down) / ((double) orig - xm) - analytic));
        }
        return new double[] {numeric, err};
    }

    /** sum(w * f) in double, or sum |w * f| with {@code abs}; records no graph. */
    private static double loss(Supplier<Tensor> f, float[] w, boolean abs) {
        try (NoGrad g = NoGrad.enter()) {
            float[] y = f.get().contiguous().toArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += abs ? Math.abs((double) w[i] * y[i]) : (double) w[i] * y[i];
            return s;
        }
    }
}
