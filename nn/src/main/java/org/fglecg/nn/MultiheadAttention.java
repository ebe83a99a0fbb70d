package org.fglecg.nn;

import java.util.Arrays;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.kernel.Gemm;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Bidirectional (unmasked) multi-head self-attention on {@code [batch, time, d]}, PyTorch's
 * MultiheadAttention layout: {@code in_proj_weight [3d, d]}, {@code in_proj_bias [3d]} (rows
 * q, k, v), {@code out_proj} a Linear(d, d). Per head: softmax(q k^T / sqrt(d/h)) with
 * dropout on the attention weights in training, times v.
 *
 * <p>The core (scores, softmax, dropout, weighted sum) is one fused node over the packed
 * {@code qkv [batch, time, 3d]}; each (sample, head) pair is one task. Only the softmax
 * weights and one bit per weight of the dropout mask are kept for backward; the masks come from
 * per-task generators seeded from the module's generator, so they do not depend on the thread
 * count.
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

    /**
     * Per (sample, head) the head dimension is tiny (5 for the student), so q, k, v are copied
     * transposed to {@code [hd, time]}: every product then runs along time (long axpy / dot
     * rows) instead of along the head dimension.
     */
    private Tensor attend(Tensor qkv) {
        int batch = qkv.size(0), time = qkv.size(1), d = dModel, hd = d / heads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        float p = isTraining() ? dropout : 0f;
        long seed = p > 0 ? rng.nextLong() : 0;
        int tt = time * time, tasks = batch * heads;
        // Backward needs every task's softmax weights; without a graph each task keeps its own
        // in per-thread scratch instead (no batch x heads x time^2 array).
        boolean graph = NoGrad.isGradEnabled() && qkv.requiresGrad();
        float[] probs = graph ? TensorArena.uninitialized(tasks * tt) : null;          // softmax, before dropout
        // Backward applies the forward's dropout mask again from these bits (one per weight)
        // rather than drawing it a second time, which cost as much as the forward's draw.
        int words = Dropout.keptWords(tt);
        long[] kept = graph && p > 0 ? new long[tasks * words] : null;
        Tensor ctx = Tensor.empty(batch, time, d);                     // each task writes its head's columns
        float[] c = ctx.data();
        float[] q = qkv.data();
        int qo = qkv.offset();
        Parallel.forEach(tasks, task -> {
            HeadScratch s = HeadScratch.get(hd, time);
            headForward(s, q, qo, task, heads, scale, graph ? probs : s.dp, graph ? task * tt : 0, p, seed,
                    kept, task * words, c);
        });
        return Tensor.fromFunction("self_attention", ctx, g -> {
            Tensor gc = g.contiguous();
            Tensor dqkv = Tensor.empty(batch, time, 3 * d);
            float[] dq = dqkv.data();
            float keep = p > 0 ? 1f / (1f - p) : 1f;
            Kernels kernels = Kernels.get();
            Parallel.forEach(tasks, task -> {
                HeadScratch s = HeadScratch.get(hd, time);
                int b = task / heads, h = task % heads, po = task * tt, dbase = b * time * 3 * d + h * hd;
                s.gatherQkv(q, qo, d, b, h, scale);
                s.gather(gc.data(), gc.offset(), d, b, h * hd, 1f, s.gT);
                float[] dp = s.dp, pd = probs;
                int pdo = po;
                if (p > 0) {                                           // the forward's mask
                    Dropout.applyKept(kept, task * words, keep, probs, po, s.pm, 0, tt);
                    pd = s.pm;
                    pdo = 0;
                }
                // dP' = g v^T ; dV^T = g^T P'
                Gemm.sgemm(true, false, time, time, hd, 1f, s.gT, 0, time, s.vT, 0, time, 0f, dp, 0, time);
                Gemm.sgemm(false, false, hd, time, time, 1f, s.gT, 0, time, pd, pdo, time, 0f, s.out1, 0, time);
                s.scatter(s.out1, dq, dbase + 2 * d, 3 * d);
                // through dropout, then softmax: dS = P * (dP - rowsum(dP * P))
                if (p > 0) {                                           // dP = dP' keep where P' != 0
                    float[] pm = s.pm;
                    for (int j = 0; j < tt; j++) {
                        int nonZero = ~(((Float.floatToRawIntBits(pm[j]) & 0x7FFFFFFF) - 1) >> 31);
                        dp[j] = Float.intBitsToFloat(Float.floatToRawIntBits(dp[j] * keep) & nonZero);
                    }
                }
                for (int i = 0; i < time; i++) {
                    int row = i * time, pr = po + row;
                    float dot = kernels.dot(dp, row, probs, pr, time);
                    for (int j = 0; j < time; j++) dp[row + j] = probs[pr + j] * (dp[row + j] - dot);
                }
                // dQ^T = scale kT dS^T ; dK^T = (q scale)^T dS
                Gemm.sgemm(false, true, hd, time, time, scale, s.kT, 0, time, dp, 0, time, 0f, s.out1, 0, time);
                s.scatter(s.out1, dq, dbase, 3 * d);
                Gemm.sgemm(false, false, hd, time, time, 1f, s.qT, 0, time, dp, 0, time, 0f, s.out1, 0, time);
                s.scatter(s.out1, dq, dbase + d, 3 * d);
            });
            return new Tensor[] {dqkv};
        }, qkv);
    }

    /**
     * Task {@code task} = (sample, head) of the forward: softmax(q k^T scale) into
     * {@code pr[po ...]} (time x time), dropout p with its mask drawn from the task's stream (bits
     * kept at {@code kept[keptOff ...]} when kept is given), times v, into ctx [batch, time, d].
     */
    private static void headForward(HeadScratch s, float[] qkv, int qkvOff, int task, int heads, float scale,
                                    float[] pr, int po, float p, long seed, long[] kept, int keptOff, float[] ctx) {
        int hd = s.hd, time = s.time, d = hd * heads, b = task / heads, h = task % heads;
        s.gatherQkv(qkv, qkvOff, d, b, h, scale);
        // S = (q scale) k^T: row i = sum_e q[i, e] kT[e, :]
        Gemm.sgemm(true, false, time, time, hd, 1f, s.qT, 0, time, s.kT, 0, time, 0f, pr, po, time);
        for (int i = 0; i < time; i++) softmaxRow(pr, po + i * time, time);
        float[] pd = pr;
        int pdo = po;
        if (p > 0) {
            Dropout.apply(Dropout.stream(seed, task), p, pr, po, s.pm, 0, time * time, kept, keptOff);
            pd = s.pm;
            pdo = 0;
        }
        // ctx^T = vT P'^T: each element a dot product along time
        Gemm.sgemm(false, true, hd, time, time, 1f, s.vT, 0, time, pd, pdo, time, 0f, s.out1, 0, time);
        s.scatter(s.out1, ctx, b * time * d + h * hd, d);
    }

    /**
     * Inference, no graph, nothing allocated after the first call on a thread: ctx [batch,
     * time, d] of qkv [batch, time, 3d] (the in-projection's output, from {@code qkvOff}), on
     * the calling thread, the same bits as {@link #forward} in eval mode.
     */
    void inferInto(float[] qkv, int qkvOff, int batch, int time, float[] ctx) {
        int hd = dModel / heads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        HeadScratch s = HeadScratch.get(hd, time);
        for (int task = 0; task < batch * heads; task++) {
            headForward(s, qkv, qkvOff, task, heads, scale, s.dp, 0, 0f, 0, null, 0, ctx);
        }
    }

    /** Per-thread buffers of one (sample, head) task: transposed q, k, v, gradient, products. */
    private static final class HeadScratch {
        private static final ThreadLocal<HeadScratch> LOCAL = new ThreadLocal<>();
        final int hd, time;
        final float[] qT, kT, vT, gT, out1, dp, pm;

        private HeadScratch(int hd, int time) {
            this.hd = hd;
            this.time = time;
            qT = new float[hd * time];
            kT = new float[hd * time];
            vT = new float[hd * time];
            gT = new float[hd * time];
            out1 = new float[hd * time];
            dp = new float[time * time];
            pm = new float[time * time];
        }

        static HeadScratch get(int hd, int time) {
            HeadScratch s = LOCAL.get();
            if (s == null || s.hd != hd || s.time != time) LOCAL.set(s = new HeadScratch(hd, time));
            return s;
        }

        /** qT, kT, vT of head h of sample b from a packed qkv [batch, time, 3d] (from off); q scaled. */
        void gatherQkv(float[] qkv, int off, int d, int b, int h, float scale) {
            gather(qkv, off, 3 * d, b, h * hd, scale, qT);
            gather(qkv, off, 3 * d, b, d + h * hd, 1f, kT);
            gather(qkv, off, 3 * d, b, 2 * d + h * hd, 1f, vT);
        }

        /** dst[e, t] = k * x[b, t, col + e] for x of shape [batch, time, w] contiguous from off. */
        void gather(float[] xd, int off, int w, int b, int col, float k, float[] dst) {
            int base = off + b * time * w + col;
            for (int t = 0; t < time; t++) {
                int src = base + t * w;
                for (int e = 0; e < hd; e++) dst[e * time + t] = k * xd[src + e];
            }
        }

        /** dst[base + t * stride + e] = src[e, t]. */
        void scatter(float[] src, float[] dst, int base, int stride) {
            for (int t = 0; t < time; t++) {
                int o = base + t * stride;
                for (int e = 0; e < hd; e++) dst[o + e] = src[e * time + t];
            }
        }
    }

    /** In-place numerically stable softmax of a[off .. off+n) on the vector kernels. */
    static void softmaxRow(float[] a, int off, int n) {
        Kernels k = Kernels.get();
        float max = k.max(a, off, n);
        for (int j = off; j < off + n; j++) a[j] -= max;
        k.exp(a, off, a, off, n);
        k.scale(1f / k.sum(a, off, n), a, off, a, off, n);
    }
}
