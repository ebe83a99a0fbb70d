package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * Inverted dropout (PyTorch's): in training each element is zeroed with probability p and the
 * survivors are scaled by 1/(1-p); in eval it is the identity. The mask comes from the module's
 * own seeded generator, so a seed fixes every mask.
 */
public final class Dropout extends Module {
    public final float p;
    private final Rng rng;

    public Dropout(float p, Rng rng) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining() || p == 0f) return input;
        Tensor x = input.contiguous();
        int n = x.numel();
        float[] xd = x.data(), mask = new float[n];
        int xo = x.offset();
        float keep = 1f / (1f - p);
        Tensor out = Tensor.zeros(x.shape());
        float[] o = out.data();
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextFloat() < p ? 0f : keep;
            o[i] = xd[xo + i] * mask[i];
        }
        return Tensor.fromFunction("dropout", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.zeros(x.shape());
            float[] d = dx.data();
            for (int i = 0; i < n; i++) d[i] = gd[go + i] * mask[i];
            return new Tensor[] {dx};
        }, x);
    }
}
