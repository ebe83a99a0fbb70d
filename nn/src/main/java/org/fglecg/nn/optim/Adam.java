package org.fglecg.nn.optim;

import java.util.List;
import org.fglecg.tensor.Tensor;

/**
 * Adam with PyTorch's semantics (torch.optim.Adam, amsgrad off): optional L2 weight decay added
 * to the gradient, then m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final float[][] m, v;
    private int t;

    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        m = new float[this.params.size()][];
        v = new float[this.params.size()][];
    }

    @Override
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (lr / bc1), b1 = (float) beta1, b2 = (float) beta2;
        float wd = (float) weightDecay, e = (float) eps, c2 = (float) bc2Sqrt;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() == null) continue;
            float[] g = gradValues(p), pd = p.data();
            int po = p.offset(), n = p.numel();
            if (m[i] == null) { m[i] = new float[n]; v[i] = new float[n]; }
            float[] mi = m[i], vi = v[i];
            for (int k = 0; k < n; k++) {
                float gk = g[k] + wd * pd[po + k];
                mi[k] = b1 * mi[k] + (1 - b1) * gk;
                vi[k] = b2 * vi[k] + (1 - b2) * gk * gk;
                pd[po + k] -= stepSize * mi[k] / ((float) Math.sqrt(vi[k]) / c2 + e);
            }
        }
    }

    /**
     * Step count and, per parameter (in constructor order), the first and second moments (null
     * before the parameter's first update): what a checkpoint must hold so that training resumed
     * from it continues exactly. Copies, not views.
     */
    public record State(int step, float[][] expAvg, float[][] expAvgSq) {}

    public State state() {
        return new State(t, copy(m), copy(v));
    }

    /** Restores {@link #state()}; the moments must match the parameters' sizes. */
    public void loadState(State s) {
        if (s.expAvg().length != params.size() || s.expAvgSq().length != params.size())
            throw new IllegalArgumentException("Adam state for " + s.expAvg().length + " parameters, optimiser has " + params.size());
        for (int i = 0; i < params.size(); i++) {
            for (float[] a : new float[][] {s.expAvg()[i], s.expAvgSq()[i]}) {
                if (a != null && a.length != params.get(i).numel())
                    throw new IllegalArgumentException("Adam state: parameter " + i + " has " + params.get(i).numel()
                            + " elements, saved moment has " + a.length);
            }
        }
        t = s.step();
        float[][] a = copy(s.expAvg()), b = copy(s.expAvgSq());
        System.arraycopy(a, 0, m, 0, m.length);
        System.arraycopy(b, 0, v, 0, v.length);
    }

    private static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) c[i] = x[i] == null ? null : x[i].clone();
        return c;
    }
}
