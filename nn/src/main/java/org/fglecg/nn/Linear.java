package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Gemm;

/**
 * {@code y = x W^T + b} over the last axis of {@code [..., in]} (PyTorch's Linear; weight
 * {@code [out, in]}). One fused node: the leading axes are flattened into one GEMM.
 */
public final class Linear extends Module {
    public final int inFeatures, outFeatures;
    final Tensor weight, bias;

    public Linear(int in, int out, Rng rng) {
        this.inFeatures = in;
        this.outFeatures = out;
        double bound = 1.0 / Math.sqrt(in);
        weight = registerParameter("weight", Init.uniform(rng, bound, out, in));
        bias = registerParameter("bias", Init.uniform(rng, bound, out));
    }

    @Override
    public Tensor forward(Tensor x) {
        return apply(x, weight, bias, "Linear");
    }

    /** {@code x W^T + b} for any weight [out, in] and bias [out] (shared with attention's projections). */
    static Tensor apply(Tensor input, Tensor weight, Tensor bias, String who) {
        int out = weight.size(0), in = weight.size(1);
        if (input.dim() < 1 || input.size(-1) != in) {
            throw new IllegalArgumentException(who + "(" + in + "->" + out + "): input shape "
                    + java.util.Arrays.toString(input.shape()) + ", expected [..., " + in + "]");
        }
        Tensor x = input.contiguous();
        int rows = x.numel() / in;
        int[] shape = x.shape();
        shape[shape.length - 1] = out;
        Tensor y = Tensor.empty(shape);                                 // bias rows, then the product
        boolean transposed = transposeWeight(in, out);
        float[] w = transposed ? transposedCopy(weight) : weight.data();
        gemmInto(x.data(), x.offset(), rows, in, out, w, transposed ? 0 : weight.offset(), transposed,
                bias.data(), bias.offset(), y.data(), 0);
        return Tensor.fromFunction("linear", y, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.empty(x.shape());                       // GEMMs with beta 0 write all of dx, dw
            Gemm.sgemm(false, false, rows, in, out, 1f, gd, go, out, weight.data(), weight.offset(), in,
                    0f, dx.data(), 0, in);
            Tensor dw = Tensor.empty(out, in);
            Gemm.sgemm(true, false, out, in, rows, 1f, gd, go, out, x.data(), x.offset(), in,
                    0f, dw.data(), 0, in);
            Tensor db = Tensor.zeros(out);
            float[] dbd = db.data();
            double[] acc = new double[out];
            for (int r = 0; r < rows; r++) {
                for (int j = 0, o = go + r * out; j < out; j++) acc[j] += gd[o + j];
            }
            for (int j = 0; j < out; j++) dbd[j] = (float) acc[j];
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }

    /**
     * Whether the product runs on a copy of W^T: when out >= in the small products then run
     * as long rows along out.
     */
    static boolean transposeWeight(int in, int out) {
        return out >= in;
    }

    /** W^T [in, out] of a weight [out, in]. */
    static float[] transposedCopy(Tensor weight) {
        int out = weight.size(0), in = weight.size(1);
        float[] wt = new float[in * out], wd = weight.data();
        for (int o = 0, wo = weight.offset(); o < out; o++) {
            for (int i = 0; i < in; i++) wt[i * out + o] = wd[wo + o * in + i];
        }
        return wt;
    }

    /**
     * y[yo + r * out ...] = x[xo + r * in ...] W^T + b for {@code rows} rows: the bias is
     * written first, the product added onto it. {@code w} is W [out, in] from {@code wo}, or
     * W^T [in, out] when {@code transposed}.
     */
    static void gemmInto(float[] x, int xo, int rows, int in, int out, float[] w, int wo, boolean transposed,
                         float[] bias, int bo, float[] y, int yo) {
        for (int r = 0; r < rows; r++) System.arraycopy(bias, bo, y, yo + r * out, out);
        if (transposed) {
            Gemm.sgemm(false, false, rows, out, in, 1f, x, xo, in, w, wo, out, 1f, y, yo, out);
        } else {
            Gemm.sgemm(false, true, rows, out, in, 1f, x, xo, in, w, wo, in, 1f, y, yo, out);
        }
    }
}
