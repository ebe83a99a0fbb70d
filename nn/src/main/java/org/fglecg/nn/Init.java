package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * PyTorch's default initialisations, drawn from one {@link Rng} so a seed fixes a model.
 *
 * <ul>
 *   <li>Conv1d / Linear weight and bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (PyTorch's
 *       kaiming_uniform with a = sqrt(5), and its bias rule);
 *   <li>BatchNorm / LayerNorm: weight 1, bias 0, running mean 0, running var 1;
 *   <li>MultiheadAttention in_proj_weight: Xavier uniform; in_proj_bias and out_proj.bias 0;
 *   <li>positional embedding: N(0, 0.02^2) (the reference model's choice).
 * </ul>
 */
public final class Init {
    private Init() {}

    /** U(-bound, bound). */
    public static Tensor uniform(Rng rng, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((2 * rng.nextFloat() - 1) * bound);
        return t;
    }

    /** N(0, std^2). */
    public static Tensor normal(Rng rng, double std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rng.nextGaussian() * std);
        return t;
    }

    /** Xavier (Glorot) uniform for a [fanOut, fanIn] matrix: bound sqrt(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform(Rng rng, int fanOut, int fanIn) {
        return uniform(rng, Math.sqrt(6.0 / (fanIn + fanOut)), fanOut, fanIn);
    }
}
