package org.fglecg.nn;

import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Layer normalisation over the last axis (PyTorch's LayerNorm(d), eps 1e-5, elementwise affine,
 * biased variance). One fused node; rows are split into fixed chunks over the threads.
 */
public final class LayerNorm extends Module {
    private static final int CHUNK = 256;
    public final int features;
    public final double eps = 1e-5;
    final Tensor weight, bias;

    public LayerNorm(int features) {
        this.features = features;
        weight = registerParameter("weight", Tensor.ones(features));
        bias = registerParameter("bias", Tensor.zeros(features));
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = features;
        if (input.dim() < 1 || input.size(-1) != d) throw new IllegalArgumentException("LayerNorm(" + d
                + "): input shape " + java.util.Arrays.toString(input.shape()) + ", expected [..., " + d + "]");
        Tensor x = input.contiguous();
        float[] xd = x.data(), gw = weight.data();
        int xo = x.offset(), rows = x.numel() / d, tasks = (rows + CHUNK - 1) / CHUNK;
        Tensor out = Tensor.empty(x.shape());                           // every row normalised below
        float[] o = out.data(), xhat = TensorArena.uninitialized(rows * d), invStd = new float[rows];
        Parallel.forEach(tasks, t -> normalizeRows(xd, xo, t * CHUNK, Math.min(rows, t * CHUNK + CHUNK), o, 0, xhat, invStd));
        return Tensor.fromFunction("layer_norm", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.empty(x.shape());
            float[] dxd = dx.data();
            float[][] partW = new float[tasks][d], partB = new float[tasks][d];
            Parallel.forEach(tasks, t -> {
                float[] pw = partW[t], pb = partB[t];
                for (int r = t * CHUNK, re = Math.min(rows, r + CHUNK); r < re; r++) {
                    int base = r * d;
                    double sg = 0, sgx = 0;
                    for (int j = 0; j < d; j++) {
                        float gj = gd[go + base + j], h = xhat[base + j];
                        pw[j] += gj * h;
                        pb[j] += gj;
                        float gh = gj * gw[j];
                        sg += gh;
                        sgx += gh * h;
                    }
                    float mg = (float) (sg / d), mgx = (float) (sgx / d), inv = invStd[r];
                    for (int j = 0; j < d; j++) {
                        dxd[base + j] = inv * (gd[go + base + j] * gw[j] - mg - xhat[base + j] * mgx);
                    }
                }
            });
            Tensor dw = Tensor.zeros(d), db = Tensor.zeros(d);
            for (int t = 0; t < tasks; t++) {                          // fixed order: deterministic
                for (int j = 0; j < d; j++) {
                    dw.data()[j] += partW[t][j];
                    db.data()[j] += partB[t][j];
                }
            }
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }

    /**
     * Inference into a caller-owned array, no graph, nothing allocated: {@code out[oo ...]} =
     * this normalisation of {@code rows} rows of {@code x} from {@code xo}, as {@link #forward}.
     */
    void inferInto(float[] x, int xo, int rows, float[] out, int oo) {
        normalizeRows(x, xo, 0, rows, out, oo, null, null);
    }

    /** Rows [r0, r1): out = (x - mean) / sqrt(var + eps) * weight + bias; x-hat and 1/std kept when given. */
    private void normalizeRows(float[] x, int xo, int r0, int r1, float[] out, int oo, float[] xhat, float[] invStd) {
        int d = features;
        float[] gw = weight.data(), bw = bias.data();
        for (int r = r0; r < r1; r++) {
            int base = r * d;
            double s = 0, ss = 0;
            for (int j = 0; j < d; j++) s += x[xo + base + j];
            double mu = s / d;
            for (int j = 0; j < d; j++) {
                double v = x[xo + base + j] - mu;
                ss += v * v;
            }
            float inv = (float) (1.0 / Math.sqrt(ss / d + eps));
            if (invStd != null) invStd[r] = inv;
            for (int j = 0; j < d; j++) {
                float h = (float) (x[xo + base + j] - mu) * inv;
                if (xhat != null) xhat[base + j] = h;
                out[oo + base + j] = h * gw[j] + bw[j];
            }
        }
    }
}
