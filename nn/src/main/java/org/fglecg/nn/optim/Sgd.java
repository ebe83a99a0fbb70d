package org.fglecg.nn.optim;

import java.util.List;
import org.fglecg.tensor.Tensor;

/**
 * SGD with momentum, PyTorch's semantics (dampening 0, optional Nesterov and L2 weight decay):
 * d = g + wd p; buf = d on the first step, else momentum buf + d; p -= lr (nesterov ? d + momentum buf : buf).
 */
public final class Sgd extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;
    private final float[][] buf;

    public Sgd(List<Tensor> params, double lr, double momentum, double weightDecay, boolean nesterov) {
        super(params, lr);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        buf = new float[this.params.size()][];
    }

    @Override
    public void step() {
        float mu = (float) momentum, wd = (float) weightDecay, rate = (float) lr;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() == null) continue;
            float[] g = gradValues(p), pd = p.data();
            int po = p.offset(), n = p.numel();
            boolean first = buf[i] == null;
            if (first) buf[i] = new float[n];
            float[] b = buf[i];
            for (int k = 0; k < n; k++) {
                float d = g[k] + wd * pd[po + k];
                if (mu != 0f) {
                    b[k] = first ? d : mu * b[k] + d;
                    d = nesterov ? d + mu * b[k] : b[k];
                }
                pd[po + k] -= rate * d;
            }
        }
    }
}
