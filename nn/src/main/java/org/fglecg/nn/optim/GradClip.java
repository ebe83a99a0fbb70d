package org.fglecg.nn.optim;

import java.util.List;
import org.fglecg.tensor.Tensor;

/** Gradient clipping by global L2 norm (PyTorch's clip_grad_norm_). */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients by min(1, maxNorm / (norm + 1e-6)) where norm is the L2 norm of all
     * gradients together; returns that norm (before clipping).
     */
    public static double clipNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (float g : p.grad().contiguous().toArray()) sq += (double) g * g;
        }
        double norm = Math.sqrt(sq), coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Tensor p : params) {
                if (p.grad() == null) continue;
                Tensor g = p.grad().contiguous();
                float[] d = g.data();
                for (int i = g.offset(), e = i + g.numel(); i < e; i++) d[i] *= (float) coef;
                if (g != p.grad()) throw new IllegalStateException("gradient of a parameter is not contiguous");
            }
        }
        return norm;
    }
}
