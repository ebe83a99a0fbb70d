package org.fglecg.nn;

import java.util.Arrays;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Gemm;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Bidirectional (unmasked) multi-head self-attention on {@code [batch, time, d]}, PyTorch's
 * MultiheadAttention layout: {@code in_proj_weight [3d, d]}, {@code in_proj_bias [3d]} (rows
 * q, k, v), {@code out_proj} a Linear(d, d). Per head: softmax(q k^T / sqrt(d/h)) with
 * dropout on the attention weights in training, times v.
 *
 * <p>The core (scores, softmax, dropout, weighted sum) is one fused node over the packed
 * {@code qkv [batch, time, 3d]}; each (sample, head) pair is one task whose GEMMs read q, k, v
 * in place via strides. Dropout masks come from per-task generators seeded from the module's
 * generator, so they do not depend on the thread count.
 */
public final class MultiheadAttention extends Module {
    public final int dModel, heads;
    public final float dropout;
    final Tensor inProjWeight, inProjBias;
    final Linear outProj;
    private final Rng rng;

    public MultiheadAttention(int dModel, int heads, float dropout, Rng rng) {
        this(dModel, heads, dropout, rng, rng.split());
    }

    /** {@code init} draws the initial weights, {@code noise} the dropout masks. */
    public MultiheadAttention(int dModel, int heads, float dropout, Rng init, Rng noise) {
        if (dModel % heads != 0) throw new IllegalArgumentException("MultiheadAttention: d_model " + dModel
                + " is not divisible by " + heads + " heads");
        this.dModel = dModel;
        this.heads = heads;
        this.dropout = dropout;
        inProjWeight = registerParameter("in_proj_weight", Init.xavierUniform(init, 3 * dModel, dModel));
        inProjBias = registerParameter("in_proj_bias", Tensor.zeros(3 * dModel));
        outProj = registerModule("out_proj", new Linear(dModel, dModel, init));
        Arrays.fill(outProj.bias.data(), 0f);                          // PyTorch zeroes out_proj.bias
        this.rng = noise;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 || x.size(2) != dModel) throw new IllegalArgumentException("MultiheadAttention(d "
                + dModel + "): input shape " + Arrays.toString(x.shape()) + ", expected [batch, time, " + dModel + "]");
        Tensor qkv = Linear.apply(x, inProjWeight, inProjBias, "MultiheadAttention.in_proj");
        return outProj.forward(attend(qkv));
    }

    private Tensor attend(Tensor qkv) {
        int batch = qkv.size(0), time = qkv.size(1), d = dModel, hd = d / heads, ld = 3 * d;
        float scale = (float) (1.0 / Math.sqrt(hd));
        float p = isTraining() ? dropout : 0f;
        long seed = p > 0 ? rng.nextLong() : 0;
        float[] q = qkv.data();
        int qo = qkv.offset();
        int tt = time * time, tasks = batch * heads;
        float[] probs = new float[tasks * tt];                         // softmax, before dropout
        float[] masked = p > 0 ? new float[tasks * tt] : probs;        // after dropout
        Tensor ctx = Tensor.zeros(batch, time, d);
        float[] c = ctx.data();
        Parallel.forEach(tasks, task -> {
            int b = task / heads, h = task % heads;
            int base = qo + b * time * ld + h * hd, po = task * tt;
            Gemm.sgemm(false, true, time, time, hd, scale, q, base, ld, q, base + d, ld, 0f, probs, po, time);
            for (int i = 0; i < time; i++) softmaxRow(probs, po + i * time, time);
            if (p > 0) {
                Rng r = new Rng(seed + 0x9E3779B97F4A7C15L * (task + 1));
                float keep = 1f / (1f - p);
                for (int i = po; i < po + tt; i++) masked[i] = r.nextFloat() < p ? 0f : probs[i] * keep;
            }
            Gemm.sgemm(false, false, time, hd, time, 1f, masked, po, time, q, base + 2 * d, ld,
                    0f, c, b * time * d + h * hd, d);
        });
        return Tensor.fromFunction("self_attention", ctx, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dqkv = Tensor.zeros(batch, time, ld);
            float[] dq = dqkv.data();
            float keep = p > 0 ? 1f / (1f - p) : 1f;
            Parallel.forEach(tasks, task -> {
                int b = task / heads, h = task % heads;
                int base = qo + b * time * ld + h * hd, dbase = b * time * ld + h * hd;
                int gbase = go + b * time * d + h * hd, po = task * tt;
                float[] dp = new float[tt];
                // dV = P'^T dctx ; dP' = dctx V^T
                Gemm.sgemm(true, false, time, hd, time, 1f, masked, po, time, gd, gbase, d, 0f, dq, dbase + 2 * d, ld);
                Gemm.sgemm(false, true, time, time, hd, 1f, gd, gbase, d, q, base + 2 * d, ld, 0f, dp, 0, time);
                // through dropout, then softmax: dS = P * (dP - rowsum(dP * P))
                for (int i = 0; i < time; i++) {
                    int row = i * time;
                    double dot = 0;
                    for (int j = 0; j < time; j++) {
                        float m = p > 0 ? (masked[po + row + j] == 0f ? 0f : keep) : 1f;
                        dp[row + j] *= m;
                        dot += dp[row + j] * probs[po + row + j];
                    }
                    float fd = (float) dot;
                    for (int j = 0; j < time; j++) dp[row + j] = probs[po + row + j] * (dp[row + j] - fd);
                }
                // dQ = scale * dS K ; dK = scale * dS^T Q
                Gemm.sgemm(false, false, time, hd, time, scale, dp, 0, time, q, base + d, ld, 0f, dq, dbase, ld);
                Gemm.sgemm(true, false, time, hd, time, scale, dp, 0, time, q, base, ld, 0f, dq, dbase + d, ld);
            });
            return new Tensor[] {dqkv};
        }, qkv);
    }

    /** In-place numerically stable softmax of a[off .. off+n). */
    static void softmaxRow(float[] a, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, a[off + j]);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(a[off + j] - max);
            a[off + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < n; j++) a[off + j] *= inv;
    }
}
