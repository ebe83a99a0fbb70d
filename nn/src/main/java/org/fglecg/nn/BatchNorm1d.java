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
    private boolean folded;

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
        if (folded) {
            if (isTraining()) throw new IllegalStateException("BatchNorm1d was folded into its convolution: inference only");
            return input;
        }
        Tensor x = input.contiguous();
        int batch = x.size(0), len = x.dim() == 3 ? x.size(2) : 1;
        return isTraining() ? trainForward(x, batch, len) : evalForward(x, batch, len);
    }

    /** A convolution whose output goes straight into a batch norm: what {@link #foldAll} folds. */
    record ConvPair(Conv1d conv, BatchNorm1d norm) {}

    /**
     * Folds every BatchNorm1d in {@code root}'s module tree into the convolution that feeds it.
     * The pairs come from the modules that hold them ({@link Module#convBatchNormPairs()}: a
     * Sequential's adjacent Conv1d, BatchNorm1d; a block naming its own), found by walking the
     * submodules; a BatchNorm1d that no convolution feeds directly is an error, so nothing is
     * left unfolded silently. Returns the number folded.
     */
    static int foldAll(Module root) {
        java.util.List<ConvPair> pairs = new java.util.ArrayList<>();
        java.util.Map<BatchNorm1d, String> names = new java.util.LinkedHashMap<>(); // BatchNorm1d has identity equality
        collect(root, "", pairs, names);
        java.util.Set<BatchNorm1d> paired = new java.util.HashSet<>();
        for (ConvPair p : pairs) paired.add(p.norm());
        names.forEach((bn, name) -> {
            if (!paired.contains(bn))
                throw new IllegalStateException("cannot fold BatchNorm1d '" + name + "': no Conv1d feeds it directly");
        });
        for (ConvPair p : pairs) p.norm().foldInto(p.conv());
        return pairs.size();
    }

    private static void collect(Module m, String name, java.util.List<ConvPair> pairs,
                                java.util.Map<BatchNorm1d, String> names) {
        if (m instanceof BatchNorm1d bn) names.put(bn, name);
        pairs.addAll(m.convBatchNormPairs());
        m.children().forEach((k, c) -> collect(c, name.isEmpty() ? k : name + "." + k, pairs, names));
    }

    /**
     * Folds this eval-mode normalisation into the convolution before it (W' = W * scale,
     * b' = b * scale + shift per output channel) and becomes the identity: for inference copies.
     */
    void foldInto(Conv1d conv) {
        if (conv.outChannels != channels) throw new IllegalArgumentException("fold: conv has "
                + conv.outChannels + " output channels, BatchNorm1d " + channels);
        float[][] ss = evalScaleShift();
        float[] w = conv.weight.data(), b = conv.bias.data();
        int per = conv.inChannels * conv.kernelSize, wo = conv.weight.offset(), bo = conv.bias.offset();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < per; i++) w[wo + c * per + i] *= ss[0][c];
            b[bo + c] = b[bo + c] * ss[0][c] + ss[1][c];
        }
        folded = true;
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
        Tensor out = Tensor.empty(x.shape());
        float[] o = out.data();
        Parallel.forEach(batch, b -> {
            for (int c = 0; c < channels; c++) {
                float s = ss[0][c], h = ss[1][c];
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) o[i] = xd[xo + i] * s + h;
            }
        });
        // The affine map is differentiable too (e.g. a gradient check in eval mode).
        float[] mean = new float[channels], invStd = new float[channels];
        float[] m = runningMean.data(), v = runningVar.data();
        for (int c = 0; c < channels; c++) {
            mean[c] = m[c];
            invStd[c] = (float) (1.0 / Math.sqrt(v[c] + eps));
        }
        return Tensor.fromFunction("batch_norm_eval", out, g -> backward(g, x, batch, len, mean, invStd, false),
                x, weight, bias);
    }

    private Tensor trainForward(Tensor x, int batch, int len) {
        long n = (long) batch * len;
        if (n < 2) throw new IllegalArgumentException("BatchNorm1d: training needs more than one value per channel, got input "
                + java.util.Arrays.toString(x.shape()));
        float[] xd = x.data();
        int xo = x.offset();
        float[] mean = new float[channels], invStd = new float[channels];
        float[] gw = weight.data(), bw = bias.data(), rm = runningMean.data(), rv = runningVar.data();
        Tensor out = Tensor.empty(x.shape());
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
        return Tensor.fromFunction("batch_norm", out, g -> backward(g, x, batch, len, mean, invStd, true),
                x, weight, bias);
    }

    /**
     * Gradients of y = gamma (x - mean) invStd + beta per channel. With {@code batchStats} the
     * mean and invStd came from this batch, which adds their terms:
     * dx = gamma invStd (g - mean(g) - xhat mean(g xhat)); else dx = gamma invStd g.
     */
    private Tensor[] backward(Tensor gradOut, Tensor x, int batch, int len, float[] mean, float[] invStd,
                              boolean batchStats) {
        Tensor gc = gradOut.contiguous();
        float[] gd = gc.data(), xd = x.data(), gw = weight.data();
        int go = gc.offset(), xo = x.offset();
        long n = (long) batch * len;
        Tensor dx = Tensor.empty(x.shape()), dw = Tensor.empty(channels), db = Tensor.empty(channels); // all written
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
            float k = gw[c] * inv, mg = batchStats ? (float) (sg / n) : 0f, mgx = batchStats ? (float) (sgx / n) : 0f;
            for (int b = 0; b < batch; b++) {
                for (int i = (b * channels + c) * len, e = i + len; i < e; i++) {
                    float xhat = (xd[xo + i] - mu) * inv;
                    dxd[i] = k * (gd[go + i] - mg - xhat * mgx);
                }
            }
        });
        return new Tensor[] {dx, dw, db};
    }
}
