package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/**
 * A linear map's weights laid out once for inference: what {@link Linear#apply} does per call
 * (including its W^T copy when out >= in) without the copy, the tensor or the graph.
 */
record FrozenLinear(int in, int out, float[] w, int wo, boolean transposed, float[] bias, int bo) {

    static FrozenLinear of(Linear linear) {
        return of(linear.weight, linear.bias);
    }

    /** For a weight [out, in] and bias [out], e.g. attention's in-projection. */
    static FrozenLinear of(Tensor weight, Tensor bias) {
        int out = weight.size(0), in = weight.size(1);
        boolean transposed = Linear.transposeWeight(in, out);
        return transposed
                ? new FrozenLinear(in, out, Linear.transposedCopy(weight), 0, true, bias.data(), bias.offset())
                : new FrozenLinear(in, out, weight.data(), weight.offset(), false, bias.data(), bias.offset());
    }

    /** y[yo + r * out ...] = x[xo + r * in ...] W^T + b for {@code rows} rows. */
    void apply(float[] x, int xo, int rows, float[] y, int yo) {
        Linear.gemmInto(x, xo, rows, in, out, w, wo, transposed, bias, bo, y, yo);
    }
}
