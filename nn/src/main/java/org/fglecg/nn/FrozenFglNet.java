package org.fglecg.nn;

import java.util.function.IntConsumer;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Activations;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;
import org.fglecg.tensor.kernel.RowSums;

/**
 * An {@link FglNet} for inference only, with nothing allocated per beat: BatchNorm folded into
 * the convolutions, the linear layers' weights laid out once, and every intermediate in buffers
 * that each thread owns and reuses. It computes the same bits as {@link FglNet#inferenceCopy()}
 * {@code .predict} (the layers share their arithmetic with it), for any batch and thread count.
 *
 * <p>A batch is cut into fixed chunks of {@link #CHUNK} beats; each chunk goes through the whole
 * network on one thread of the {@link Parallel} pool, so the threads never wait for each other
 * between layers. A batch of one chunk runs on the calling thread (its large products may still
 * use the pool). Safe to call from several threads at once: each gets its own buffers.
 */
public final class FrozenFglNet {
    /** Beats per chunk: large enough for long GEMM rows, small enough to keep a chunk's work in L2. */
    public static final int CHUNK = 32;
    private static final int BRANCH_CHANNELS = FglNet.BRANCH_CHANNELS, CHANNELS = FglNet.CHANNELS;

    public final FglNet.Config config;
    private final FglNet net;                                         // folded, eval mode, never trained
    private final int len, time, d;
    private final FrozenLinear embed, head;
    private final FrozenLinear[] seSqueeze, seExcite, inProj, outProj, feedForward1, feedForward2;
    private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

    // The batch being cut into chunks (guarded by this; a single chunk never touches them).
    private float[] batchIn, batchOut;
    private int batchInOff, batchOutOff, batchSize;
    private final IntConsumer chunkTask = this::runChunk;

    private FrozenFglNet(FglNet folded) {
        this.net = folded;
        this.config = folded.config;
        this.len = config.length();
        this.time = config.seqLen();
        this.d = config.dModel();
        embed = FrozenLinear.of(folded.embed);
        head = FrozenLinear.of(folded.head);
        int blocks = folded.blocks.size(), layers = folded.encoder.layers.size();
        seSqueeze = new FrozenLinear[blocks];
        seExcite = new FrozenLinear[blocks];
        for (int i = 0; i < blocks; i++) {
            SEBlock b = seBlock(i);
            seSqueeze[i] = FrozenLinear.of(b.fc1);
            seExcite[i] = FrozenLinear.of(b.fc2);
        }
        inProj = new FrozenLinear[layers];
        outProj = new FrozenLinear[layers];
        feedForward1 = new FrozenLinear[layers];
        feedForward2 = new FrozenLinear[layers];
        for (int i = 0; i < layers; i++) {
            TransformerEncoderLayer l = encoderLayer(i);
            inProj[i] = FrozenLinear.of(l.selfAttn.inProjWeight, l.selfAttn.inProjBias);
            outProj[i] = FrozenLinear.of(l.selfAttn.outProj);
            feedForward1[i] = FrozenLinear.of(l.linear1);
            feedForward2[i] = FrozenLinear.of(l.linear2);
        }
    }

    /** A frozen copy of {@code net}'s current weights (net itself is left as it is). */
    public static FrozenFglNet of(FglNet net) {
        return new FrozenFglNet(net.inferenceCopy());
    }

    /**
     * Logits of {@code batch} beats: {@code x[xOff + b * length + i]} is sample i of beat b (the
     * layout of a {@code [batch, 1, length]} tensor); logits go to {@code out[outOff + b *
     * classes + k]}.
     */
    public void logits(float[] x, int xOff, int batch, float[] out, int outOff) {
        int classes = config.numClasses();
        if (batch < 0 || xOff < 0 || outOff < 0) throw new IllegalArgumentException("FrozenFglNet.logits: batch "
                + batch + ", input offset " + xOff + ", output offset " + outOff + ": none may be negative");
        if ((long) xOff + (long) batch * len > x.length) throw new IllegalArgumentException("FrozenFglNet.logits: "
                + batch + " beats of " + len + " samples from offset " + xOff + " need " + ((long) xOff + (long) batch * len)
                + " input floats, the array has " + x.length);
        if ((long) outOff + (long) batch * classes > out.length) throw new IllegalArgumentException("FrozenFglNet.logits: "
                + batch + " beats x " + classes + " logits from offset " + outOff + " need "
                + ((long) outOff + (long) batch * classes) + " output floats, the array has " + out.length);
        if (batch <= CHUNK) {
            if (batch > 0) forwardChunk(x, xOff, batch, out, outOff);
            return;
        }
        synchronized (this) {
            batchIn = x;
            batchInOff = xOff;
            batchSize = batch;
            batchOut = out;
            batchOutOff = outOff;
            try {
                Parallel.forEach((batch + CHUNK - 1) / CHUNK, chunkTask);
            } finally {
                batchIn = batchOut = null;                             // do not keep the caller's arrays
            }
        }
    }

    /** Logits {@code [batch, classes]} of an input {@code [batch, 1, length]} (allocates the result only). */
    public Tensor predict(Tensor input) {
        if (input.dim() != 3 || input.size(1) != 1 || input.size(2) != len) {
            throw new IllegalArgumentException("FrozenFglNet: input shape " + java.util.Arrays.toString(input.shape())
                    + ", expected [batch, 1, " + len + "]");
        }
        Tensor x = input.contiguous();
        Tensor out = Tensor.zeros(x.size(0), config.numClasses());
        logits(x.data(), x.offset(), x.size(0), out.data(), 0);
        return out;
    }

    private void runChunk(int c) {
        int from = c * CHUNK, n = Math.min(CHUNK, batchSize - from);
        forwardChunk(batchIn, batchInOff + from * len, n, batchOut, batchOutOff + from * config.numClasses());
    }

    /** FglNet.forward for {@code n <= CHUNK} beats, step for step, in this thread's buffers. */
    private void forwardChunk(float[] x, int xo, int n, float[] out, int oo) {
        Workspace w = workspace(n);
        Kernels k = Kernels.get();
        int cat = 3 * BRANCH_CHANNELS;
        for (int i = 0; i < 3; i++) {                                  // the branches, concatenated
            conv(net.branches.get(i)).inferInto(x, xo, n, len, w.col, w.gemm, w.cat, i * BRANCH_CHANNELS * len, cat * len);
        }
        k.relu(w.cat, 0, w.cat, 0, n * cat * len);
        net.pool.inferInto(w.cat, 0, n, cat, len, w.pooled, 0);
        conv(net.proj).inferInto(w.pooled, 0, n, time, w.col, w.gemm, w.a, 0, CHANNELS * time);
        int act = n * CHANNELS * time;
        k.relu(w.a, 0, w.a, 0, act);
        for (int i = 0; i < seSqueeze.length; i++) runSeBlock(i, w, n, k);
        for (int b = 0; b < n; b++) {                                  // [n, 128, T] -> [n, T, 128]
            for (int c = 0; c < CHANNELS; c++) {
                for (int t = 0, src = (b * CHANNELS + c) * time; t < time; t++) w.seq[(b * time + t) * CHANNELS + c] = w.a[src + t];
            }
        }
        int rows = n * time;
        embed.apply(w.seq, 0, rows, w.h, 0);
        float[] pos = net.pos.data();
        for (int b = 0, po = net.pos.offset(); b < n; b++) {
            for (int i = 0, o = b * time * d; i < time * d; i++) w.h[o + i] += pos[po + i];
        }
        for (int i = 0; i < inProj.length; i++) runEncoderLayer(i, w, rows, n, k);
        for (int b = 0; b < n; b++) {                                  // mean over time, as Tensor.mean
            for (int j = 0; j < d; j++) {
                w.pooledOut[b * d + j] = (float) RowSums.strided(w.h, b * time * d + j, time, d) * (float) (1.0 / time);
            }
        }
        head.apply(w.pooledOut, 0, n, out, oo);
    }

    /** SEBlock.forward in place on w.a. */
    private void runSeBlock(int i, Workspace w, int n, Kernels k) {
        SEBlock b = seBlock(i);
        int act = n * CHANNELS * time;
        b.conv1.inferInto(w.a, 0, n, time, w.col, w.gemm, w.t1, 0, CHANNELS * time);
        k.relu(w.t1, 0, w.t1, 0, act);
        b.conv2.inferInto(w.t1, 0, n, time, w.col, w.gemm, w.t2, 0, CHANNELS * time);
        for (int r = 0; r < n * CHANNELS; r++) {                       // mean over time, as Tensor.mean
            w.squeeze[r] = (float) RowSums.contiguous(k, w.t2, r * time, time) * (float) (1.0 / time);
        }
        seSqueeze[i].apply(w.squeeze, 0, n, w.hidden, 0);
        k.relu(w.hidden, 0, w.hidden, 0, n * seSqueeze[i].out());
        seExcite[i].apply(w.hidden, 0, n, w.excite, 0);
        Activations.sigmoid(k, w.excite, 0, w.excite, 0, n * CHANNELS, w.sigmoidScratch);
        for (int r = 0; r < n * CHANNELS; r++) {                       // relu(y * s + x), the residual
            float s = w.excite[r];
            for (int j = r * time, e = j + time; j < e; j++) w.a[j] = Math.max(0f, w.t2[j] * s + w.a[j]);
        }
    }

    /** TransformerEncoderLayer.forward in eval mode, in place on w.h. */
    private void runEncoderLayer(int i, Workspace w, int rows, int n, Kernels k) {
        TransformerEncoderLayer l = encoderLayer(i);
        inProj[i].apply(w.h, 0, rows, w.qkv, 0);
        l.selfAttn.inferInto(w.qkv, 0, n, time, w.ctx);
        outProj[i].apply(w.ctx, 0, rows, w.att, 0);
        int m = rows * d;
        k.add(w.h, 0, w.att, 0, w.att, 0, m);
        l.norm1.inferInto(w.att, 0, rows, w.h1, 0);
        feedForward1[i].apply(w.h1, 0, rows, w.ff, 0);
        k.relu(w.ff, 0, w.ff, 0, rows * feedForward1[i].out());
        feedForward2[i].apply(w.ff, 0, rows, w.att, 0);
        k.add(w.h1, 0, w.att, 0, w.att, 0, m);
        l.norm2.inferInto(w.att, 0, rows, w.h, 0);
    }

    private static Conv1d conv(Module branch) {
        return (Conv1d) ((Sequential) branch).get(0);
    }

    private SEBlock seBlock(int i) {
        return (SEBlock) net.blocks.get(i);
    }

    private TransformerEncoderLayer encoderLayer(int i) {
        return (TransformerEncoderLayer) net.encoder.layers.get(i);
    }

    /** This thread's buffers, grown (never shrunk) to hold {@code n} beats. */
    private Workspace workspace(int n) {
        Workspace w = workspaces.get();
        if (w == null || w.beats < n) {
            w = new Workspace(n, this);
            workspaces.set(w);
        }
        return w;
    }

    /** Every intermediate of a chunk of {@code beats} beats. */
    private static final class Workspace {
        final int beats;
        final float[] col, gemm, cat, pooled, a, t1, t2, squeeze, hidden, excite, sigmoidScratch;
        final float[] seq, h, qkv, ctx, att, h1, ff, pooledOut;

        Workspace(int beats, FrozenFglNet f) {
            this.beats = beats;
            int len = f.len, time = f.time, d = f.d, rows = beats * time;
            int colMax = 0;
            for (int i = 0; i < 3; i++) colMax = Math.max(colMax, conv(f.net.branches.get(i)).colLength(beats, len));
            colMax = Math.max(colMax, conv(f.net.proj).colLength(beats, time));
            colMax = Math.max(colMax, f.seBlock(0).conv1.colLength(beats, time));
            col = new float[colMax];
            gemm = new float[Math.max(BRANCH_CHANNELS * beats * len, CHANNELS * rows)];
            cat = new float[3 * BRANCH_CHANNELS * beats * len];
            pooled = new float[3 * BRANCH_CHANNELS * rows];
            a = new float[CHANNELS * rows];
            t1 = new float[CHANNELS * rows];
            t2 = new float[CHANNELS * rows];
            squeeze = new float[beats * CHANNELS];
            hidden = new float[beats * f.seSqueeze[0].out()];
            excite = new float[beats * CHANNELS];
            sigmoidScratch = new float[Activations.SIGMOID_BLOCK];
            seq = new float[rows * CHANNELS];
            h = new float[rows * d];
            qkv = new float[rows * 3 * d];
            ctx = new float[rows * d];
            att = new float[rows * d];
            h1 = new float[rows * d];
            ff = new float[rows * f.feedForward1[0].out()];
            pooledOut = new float[beats * d];
        }
    }
}
