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
}
