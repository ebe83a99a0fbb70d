package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Gemm;
import org.fglecg.tensor.kernel.Parallel;

/**
 * 1-D convolution over {@code [batch, in, length]} (PyTorch's Conv1d: cross-correlation,
 * zero padding, stride, dilation, bias). One fused autograd node.
 *
 * <p>How: im2col for the whole batch into {@code col[in*k, batch*outLen]}, then a single large
 * SGEMM {@code W[out, in*k] x col} (the shape the GEMM kernel is tuned for; Gemm spreads it over the threads),
 * then a re-layout to {@code [batch, out, outLen]} with the bias. Backward is two more large
 * SGEMMs: {@code dW = dY col^T} and {@code dcol = W^T dY}, then col2im.
 */
public final class Conv1d extends Module {
    public final int inChannels, outChannels, kernelSize, stride, padding, dilation;
    final Tensor weight, bias;

    /**
     * {@code torch.nn.Conv1d(in, out, kernel_size, stride, padding, dilation)}, in PyTorch's
     * argument order; weight and bias drawn from U(-1/sqrt(in*k), 1/sqrt(in*k)) by {@code rng}.
     */
    public Conv1d(int in, int out, int kernelSize, int stride, int padding, int dilation, Rng rng) {
        this.inChannels = in;
        this.outChannels = out;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        double bound = 1.0 / Math.sqrt(in * kernelSize);
        weight = registerParameter("weight", Init.uniform(rng, bound, out, in, kernelSize));
        bias = registerParameter("bias", Init.uniform(rng, bound, out));
    }

    /**
     * Buffers reused across steps (a training step would otherwise allocate ~1 GB): the im2col
     * matrix, handed back when its graph's backward has run (or at once without a graph), so a
     * graph never sees it overwritten: a second forward before that backward takes a fresh one;
     * and a scratch for the GEMM result / re-laid-out gradient, dead after each use. A module
     * instance is not for concurrent use from several threads.
     */
    private float[] spareCol, scratch;

    private float[] takeCol(int n) {
        float[] c = spareCol;
        spareCol = null;
        return c != null && c.length == n ? c : new float[n];          // im2col writes every element
    }

    private float[] scratch(int n) {
        if (scratch == null || scratch.length != n) scratch = new float[n];
        return scratch;
    }

    /** {@code torch.nn.Conv1d(in, out, kernel_size, stride, padding)}: dilation 1. */
    public Conv1d(int in, int out, int kernelSize, int stride, int padding, Rng rng) {
        this(in, out, kernelSize, stride, padding, 1, rng);
    }

    /** {@code torch.nn.Conv1d(in, out, kernel_size)}: stride 1, no padding, dilation 1. */
    public Conv1d(int in, int out, int kernelSize, Rng rng) {
        this(in, out, kernelSize, 1, 0, 1, rng);
    }

    public int outLength(int length) {
        return (length + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3 || input.size(1) != inChannels) {
            throw new IllegalArgumentException("Conv1d(" + inChannels + "->" + outChannels + "): input shape "
                    + java.util.Arrays.toString(input.shape()) + ", expected [batch, " + inChannels + ", length]");
        }
        Tensor x = input.contiguous();
        int batch = x.size(0), len = x.size(2), outLen = outLength(len);
        if (outLen < 1) throw new IllegalArgumentException("Conv1d: input length " + len + " too short for kernel " + kernelSize);
        int rows = inChannels * kernelSize, cols = batch * outLen;
        float[] col = takeCol(rows * cols);
        float[] xd = x.data();
        int xo = x.offset();
        Parallel.forEach(batch, b -> im2colSample(xd, xo, b, batch, len, outLen, col));
        float[] y = scratch(outChannels * cols);
        Gemm.sgemm(false, false, outChannels, cols, rows, 1f, weight.data(), weight.offset(), rows, col, 0, cols, 0f, y, 0, cols);
        Tensor out = Tensor.empty(batch, outChannels, outLen);      // every element written below
        float[] o = out.data();
        Parallel.forEach(batch, b -> addBiasSample(y, b, batch, outLen, o, b * outChannels * outLen));
        Tensor result = Tensor.fromFunction("conv1d", out, g -> backward(g, x, col, batch, len, outLen), x, weight, bias);
        if (!result.requiresGrad()) spareCol = col;                    // no graph keeps it
        return result;
    }

    private Tensor[] backward(Tensor gradOut, Tensor x, float[] col, int batch, int len, int outLen) {
        Tensor g = gradOut.contiguous();
        float[] gd = g.data();
        int go = g.offset();
        int rows = inChannels * kernelSize, cols = batch * outLen;
        float[] gy = scratch(outChannels * cols);                      // dY as [out, batch*outLen]
        Parallel.forEach(batch, b -> {
            for (int c = 0; c < outChannels; c++) {
                System.arraycopy(gd, go + (b * outChannels + c) * outLen, gy, c * cols + b * outLen, outLen);
            }
        });
        Tensor dw = Tensor.empty(outChannels, inChannels, kernelSize);
        Gemm.sgemm(false, true, outChannels, rows, cols, 1f, gy, 0, cols, col, 0, cols, 0f, dw.data(), 0, rows);
        Tensor db = Tensor.zeros(outChannels);
        float[] dbd = db.data();
        Parallel.forEach(outChannels, c -> {
            double s = 0;
            for (int i = c * cols, e = i + cols; i < e; i++) s += gy[i];
            dbd[c] = (float) s;
        });
        Tensor dx = null;
        if (x.requiresGrad() || !x.isLeaf()) {
            float[] dcol = col;                                        // col is dead after dW: reuse it
            Gemm.sgemm(true, false, rows, cols, outChannels, 1f, weight.data(), weight.offset(), rows,
                    gy, 0, cols, 0f, dcol, 0, cols);
            dx = Tensor.zeros(batch, inChannels, len);
            col2im(dcol, batch, len, outLen, dx.data());
        }
        spareCol = col;                                                // the graph is done with it
        return new Tensor[] {dx, dw, db};
    }

    /**
     * Inference into caller-owned arrays, no graph, nothing allocated: {@code out[outOff + b *
     * outStride + c * outLen + t]} = this convolution of {@code x [batch, in, len]} (contiguous
     * from {@code xo}), the same bits as {@link #forward}. {@code col} needs {@link
     * #colLength}, {@code y} {@code outChannels * batch * outLen} floats; a single sample goes
     * straight into {@code out}, and a pointwise convolution of one sample reads x in place.
     */
    void inferInto(float[] x, int xo, int batch, int len, float[] col, float[] y, float[] out, int outOff,
                   int outStride) {
        int outLen = outLength(len), rows = inChannels * kernelSize, cols = batch * outLen;
        float[] b = col;
        int bo = 0;
        if (batch == 1 && kernelSize == 1 && stride == 1 && padding == 0) {
            b = x;                                                     // im2col would copy x as it is
            bo = xo;
        } else {
            for (int s = 0; s < batch; s++) im2colSample(x, xo, s, batch, len, outLen, col);
        }
        float[] w = weight.data(), bv = bias.data();
        if (batch == 1) {
            Gemm.sgemm(false, false, outChannels, cols, rows, 1f, w, weight.offset(), rows, b, bo, cols, 0f,
                    out, outOff, outLen);
            for (int c = 0, bb = bias.offset(); c < outChannels; c++) {
                float bc = bv[bb + c];
                for (int i = outOff + c * outLen, e = i + outLen; i < e; i++) out[i] += bc;
            }
            return;
        }
        Gemm.sgemm(false, false, outChannels, cols, rows, 1f, w, weight.offset(), rows, b, bo, cols, 0f, y, 0, cols);
        for (int s = 0; s < batch; s++) addBiasSample(y, s, batch, outLen, out, outOff + s * outStride);
    }

    /** Floats of the im2col matrix for {@code batch} inputs of {@code len} samples. */
    int colLength(int batch, int len) {
        return inChannels * kernelSize * batch * outLength(len);
    }

    /** out[outOff + c*outLen + t] = y[c, b*outLen + t] + bias[c]: sample b of the GEMM result re-laid out. */
    private void addBiasSample(float[] y, int b, int batch, int outLen, float[] out, int outOff) {
        float[] bv = bias.data();
        int bo = bias.offset(), cols = batch * outLen;
        for (int c = 0; c < outChannels; c++) {
            float bc = bv[bo + c];
            int src = c * cols + b * outLen, dst = outOff + c * outLen;
            for (int t = 0; t < outLen; t++) out[dst + t] = y[src + t] + bc;
        }
    }

    /** col[(ci*k + j), b*outLen + t] = x[b, ci, t*stride - padding + j*dilation], 0 outside: sample b's columns. */
    private void im2colSample(float[] x, int xo, int b, int batch, int len, int outLen, float[] col) {
        int cols = batch * outLen;
        for (int ci = 0; ci < inChannels; ci++) {
            int xrow = xo + (b * inChannels + ci) * len;
            for (int j = 0; j < kernelSize; j++) {
                int dst = (ci * kernelSize + j) * cols + b * outLen;
                int shift = j * dilation - padding, t0 = Math.min(outLen, firstInside(shift)), t1 = endInside(shift, len, outLen);
                java.util.Arrays.fill(col, dst, dst + t0, 0f);
                if (stride == 1) {
                    if (t1 > t0) System.arraycopy(x, xrow + t0 + shift, col, dst + t0, t1 - t0);
                } else {
                    for (int t = t0; t < t1; t++) col[dst + t] = x[xrow + t * stride + shift];
                }
                java.util.Arrays.fill(col, dst + Math.max(t0, t1), dst + outLen, 0f);
            }
        }
    }

    /** First output step whose tap (t*stride + shift) is inside the input. */
    private int firstInside(int shift) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output step whose tap is inside an input of {@code len}. */
    private int endInside(int shift, int len, int outLen) {
        int last = len - 1 - shift;                                    // t*stride <= last
        return last < 0 ? 0 : Math.min(outLen, last / stride + 1);
    }

    /** The adjoint of im2col: dx[b, ci, p] = sum of dcol entries that read x[b, ci, p]. */
    private void col2im(float[] dcol, int batch, int len, int outLen, float[] dx) {
        int cols = batch * outLen;
        Parallel.forEach(batch, b -> {
            for (int ci = 0; ci < inChannels; ci++) {
                int xrow = (b * inChannels + ci) * len;
                for (int j = 0; j < kernelSize; j++) {
                    int src = (ci * kernelSize + j) * cols + b * outLen;
                    int shift = j * dilation - padding, t0 = Math.min(outLen, firstInside(shift)), t1 = endInside(shift, len, outLen);
                    if (stride == 1) {
                        int o = xrow + shift;
                        for (int t = t0; t < t1; t++) dx[o + t] += dcol[src + t];
                    } else {
                        for (int t = t0; t < t1; t++) dx[xrow + t * stride + shift] += dcol[src + t];
                    }
                }
            }
        });
    }
}
