package org.fglecg.nn;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.fglecg.nn.loss.Losses;
import org.fglecg.tensor.GradCheck;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/** The losses' hand-written gradients agree with finite differences. */
class LossGradientProperties {
    @Property(tries = 30)
    void fglLoss(@ForAll @IntRange(min = 1, max = 6) int batch, @ForAll @FloatRange(min = 0f, max = 1f) float a,
                 @ForAll @FloatRange(min = 0.5f, max = 8f) float tau, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Tensor z = Tensor.randn(rng, batch, 4).mul(3f).detach().requiresGrad(true);
        Tensor zt = Tensor.randn(rng, batch, 4).mul(3f);
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) y[i] = rng.nextInt(4);
        float[] w = {0.1f, 1.5f, 0.7f, 1.7f};
        GradCheck.forFloat32Layers(seed).check("fgl loss", () -> Losses.fgl(z, zt, y, w, a, tau), List.of(z));
    }
}
