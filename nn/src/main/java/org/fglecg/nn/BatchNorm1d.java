package org.fglecg.nn;

import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Batch normalisation over {@code [batch, channels, length]} (or {@code [batch, channels]}),
 * PyTorch semantics: in training, normalise by the batch mean and biased variance per channel
 * and update the running statistics with momentum 0.1 using the unbiased variance; in eval,
 * use the running statistics. eps 1e-5. One fused node; channels are processed in parallel, each
 * by one thread in a fixed order (deterministic).
 */
public final class BatchNorm1d extends Module {
    public final int channels;
    public final double eps = 1e-5, momentum = 0.1;
    final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

    public BatchNorm1d(int channels) {
        this.channels = channels;
        weight = registerParameter("weight", Tensor.ones(channels));
        bias = registerParameter("bias", Tensor.zeros(channels));
        runningMean = registerBuffer("running_mean", Tensor.zeros(channels), false);
        runningVar = registerBuffer("running_var", Tensor.ones(channels), false);
        // int64 in PyTorch; held as a float here (exact up to 2^24 batches), saved as I64.
        numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(), true);
    }

    @Override
    public Tensor forward(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 2) || input.size(1) != channels) {
            throw new IllegalArgumentException("BatchNorm1d(" + channels + "): input shape "
                    + java.util.Arrays.toString(input.shape()) + ", expected [batch, " + channels + "(, length)]");
        }
        Tensor x = input.contiguous();
        int batch = x.size(0), len = x.dim() == 3 ? x.size(2) : 1;
        return isTraining() ? trainForward(x, batch, len) : evalForward(x, batch, len);
    }

    /** Per-channel scale and shift of eval mode: y = x * scale + shift. */
    float[][] evalScaleShift() {
        float[] scale = new float[channels], shift = new float[channels];
        float[] g = weight.data(), b = bias.data(), m = runningMean.data(), v = runningVar.data();
        for (int c = 0; c < channels; c++) {
            float inv = (float) (1.0 / Math.sqrt(v[c] + eps));
            scale[c] = g[c] * inv;
            shift[c] = b[c] - m[c] * scale[c];
        }
        return new float[][] {scale, shift};
    }

    private Tensor evalForward(Tensor x, int batch, int len) {
        float[][] ss = evalScaleShift();
        float[] xd = x.data();
        int xo = x.offset();
        Tensor out = Tensor.zeros(x.shape());
        float[] o = out.data();
        Parallel.forEach(batch, b -> {
            for (int c = 0; c < channels; c++) {
                float s = ss[0][c], h = ss[1][c];
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) o[i] = xd[xo + i] * s + h;
            }
        });
        // The affine map is differentiable too (e.g. a gradient check in eval mode).
        return Tensor.fromFunction("batch_norm_eval", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.zeros(x.shape()), dw = Tensor.zeros(channels), db = Tensor.zeros(channels);
            float[] dxd = dx.data(), dwd = dw.data(), dbd = db.data();
            float[] m = runningMean.data(), v = runningVar.data();
            Parallel.forEach(channels, c -> {
                double inv = 1.0 / Math.sqrt(v[c] + eps), sg = 0, sgx = 0;
                for (int b = 0; b < batch; b++) {
                    for (int i = (b * channels + c) * len, e = i + len; i < e; i++) {
                        float gi = gd[go + i];
                        dxd[i] = gi * ss[0][c];
                        sg += gi;
                        sgx += gi * (xd[xo + i] - m[c]) * inv;
                    }
                }
                dwd[c] = (float) sgx;
                dbd[c] = (float) sg;
            });
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }

    private Tensor trainForward(Tensor x, int batch, int len) {
        long n = (long) batch * len;
        if (n < 2) throw new IllegalArgumentException("BatchNorm1d: training needs more than one value per channel, got input "
                + java.util.Arrays.toString(x.shape()));
        float[] xd = x.data();
        int xo = x.offset();
        float[] mean = new float[channels], invStd = new float[channels];
        float[] gw = weight.data(), bw = bias.data(), rm = runningMean.data(), rv = runningVar.data();
        Tensor out = Tensor.zeros(x.shape());
        float[] o = out.data();
        Parallel.forEach(channels, c -> {
            double s = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) s += xd[xo + i];
            }
            double mu = s / n, ss = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) {
                    double d = xd[xo + i] - mu;
                    ss += d * d;
                }
            }
            double var = ss / n;
            float inv = (float) (1.0 / Math.sqrt(var + eps));
            mean[c] = (float) mu;
            invStd[c] = inv;
            float scale = gw[c] * inv, shift = bw[c] - (float) mu * scale;
            for (int b = 0; b < batch; b++) {
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) o[i] = xd[xo + i] * scale + shift;
            }
            rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mu);
            rv[c] = (float) ((1 - momentum) * rv[c] + momentum * ss / (n - 1));
        });
        numBatchesTracked.data()[numBatchesTracked.offset()] += 1;
        return Tensor.fromFunction("batch_norm", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.zeros(x.shape()), dw = Tensor.zeros(channels), db = Tensor.zeros(channels);
            float[] dxd = dx.data(), dwd = dw.data(), dbd = db.data();
            Parallel.forEach(channels, c -> {
                float mu = mean[c], inv = invStd[c];
                double sg = 0, sgx = 0;
                for (int b = 0; b < batch; b++) {
                    for (int i = (b * channels + c) * len, e = i + len; i < e; i++) {
                        float gi = gd[go + i];
                        sg += gi;
                        sgx += gi * (xd[xo + i] - mu) * inv;
                    }
                }
                dwd[c] = (float) sgx;
                dbd[c] = (float) sg;
                // dx = gamma * inv / n * (n * g - sum(g) - xhat * sum(g * xhat))
                float k = gw[c] * inv, mg = (float) (sg / n), mgx = (float) (sgx / n);
                for (int b = 0; b < batch; b++) {
                    for (int i = (b * channels + c) * len, e = i + len; i < e; i++) {
                        float xhat = (xd[xo + i] - mu) * inv;
                        dxd[i] = k * (gd[go + i] - mg - xhat * mgx);
                    }
                }
            });
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }
}
