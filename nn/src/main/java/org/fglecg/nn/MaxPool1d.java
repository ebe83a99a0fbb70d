package org.fglecg.nn;

import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Max pooling over the last axis of {@code [batch, channels, length]}, PyTorch semantics:
 * implicit -infinity padding, output length floor((L + 2p - k) / s) + 1, gradient to the first
 * maximum of each window. One fused node that remembers the arg-max positions.
 */
public final class MaxPool1d extends Module {
    public final int kernelSize, stride, padding;

    public MaxPool1d(int kernelSize, int stride, int padding) {
        if (padding * 2 > kernelSize) throw new IllegalArgumentException("MaxPool1d: padding " + padding
                + " must be at most half of kernel " + kernelSize);
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    public int outLength(int length) {
        return (length + 2 * padding - kernelSize) / stride + 1;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3) throw new IllegalArgumentException("MaxPool1d: input shape "
                + java.util.Arrays.toString(input.shape()) + ", expected [batch, channels, length]");
        Tensor x = input.contiguous();
        int batch = x.size(0), ch = x.size(1), len = x.size(2), outLen = outLength(len);
        float[] xd = x.data();
        int xo = x.offset();
        Tensor out = Tensor.empty(batch, ch, outLen);
        float[] o = out.data();
        int[] argmax = new int[batch * ch * outLen];                  // index into the [b, c] row
        Parallel.forEach(batch, b -> poolSample(xd, xo, b, ch, len, o, 0, argmax));
        return Tensor.fromFunction("max_pool1d", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dx = Tensor.zeros(batch, ch, len);
            float[] d = dx.data();
            Parallel.forEach(batch, b -> {
                for (int c = 0; c < ch; c++) {
                    int row = (b * ch + c) * len, orow = (b * ch + c) * outLen;
                    for (int t = 0; t < outLen; t++) d[row + argmax[orow + t]] += gd[go + orow + t];
                }
            });
            return new Tensor[] {dx};
        }, x);
    }

    /**
     * Inference into a caller-owned array, no graph, nothing allocated: {@code out[outOff ...]}
     * = this pooling of {@code x [batch, ch, len]} (contiguous from {@code xo}), as {@link #forward}.
     */
    void inferInto(float[] x, int xo, int batch, int ch, int len, float[] out, int outOff) {
        for (int b = 0; b < batch; b++) poolSample(x, xo, b, ch, len, out, outOff, null);
    }

    /** Sample b: each window's maximum (NaN wins, then the first), and its index when argmax is given. */
    private void poolSample(float[] x, int xo, int b, int ch, int len, float[] out, int outOff, int[] argmax) {
        int outLen = outLength(len);
        for (int c = 0; c < ch; c++) {
            int row = (b * ch + c) * len, orow = (b * ch + c) * outLen;
            for (int t = 0; t < outLen; t++) {
                int s = t * stride - padding, best = -1;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = Math.max(0, s), e = Math.min(len, s + kernelSize); j < e; j++) {
                    float v = x[xo + row + j];
                    if (v > m || best < 0 || Float.isNaN(v)) { m = v; best = j; }
                }
                out[outOff + orow + t] = m;
                if (argmax != null) argmax[orow + t] = best;
            }
        }
    }
}
