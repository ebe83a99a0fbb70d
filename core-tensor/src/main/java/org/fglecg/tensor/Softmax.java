package org.fglecg.tensor;

import org.fglecg.tensor.kernel.Kernels;

/**
 * softmax and log-softmax along one dim, max-subtracted so exp never overflows. The input is read
 * as contiguous blocks [outer][n][inner] (each (outer, inner) pair a line of n); blocks are
 * independent, so they run in parallel chunks, and exponentials use the SIMD kernel. Along the
 * last dim (inner = 1, the attention and classifier case) every line is one contiguous row.
 */
final class Softmax {
    private static final Kernels K = Kernels.get();

    private Softmax() {}

    static Tensor softmax(Tensor in, int dim, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        int d = Shape.dim(op, dim, in.shape);
        int n = in.shape[d], inner = 1, outer = 1;
        for (int i = d + 1; i < in.shape.length; i++) inner *= in.shape[i];
        for (int i = 0; i < d; i++) outer *= in.shape[i];
        boolean c = in.isContiguous();
        float[] x = c ? in.data : in.toArray();
        int xo = c ? in.offset : 0;
        float[] y = TensorArena.uninitialized(in.numel());
        int block = n * inner, lines = inner, blocks = outer;
        Chunks.forEachRow(blocks, block, (from, to) -> forwardChunk(x, xo, y, from, to, n, lines, log));
        Tensor result = Tensor.of(y, in.shape.clone());
        return Tensor.fromFunction(op, result, g -> {
            boolean gc = g.isContiguous();
            float[] gy = gc ? g.data : g.toArray();
            int go = gc ? g.offset : 0;
            float[] gx = TensorArena.uninitialized(y.length);
            Chunks.forEachRow(blocks, block, (from, to) -> {
                if (log) K.exp(y, from * block, gx, from * block, (to - from) * block); // exp(y) = softmax
                float[] s = new float[lines];
                for (int o = from; o < to; o++) backwardBlock(y, gy, go, gx, o * block, n, lines, s, log);
            });
            return new Tensor[] {Tensor.of(gx, in.shape.clone())};
        }, in);
    }

    /**
     * Blocks [from, to): subtract each line's max, one SIMD exp over the whole chunk (so the
     * kernel's scalar tail is paid once per chunk, not per short line), then normalise each line.
     */
    private static void forwardChunk(float[] x, int xo, float[] y, int from, int to, int n, int inner, boolean log) {
        int block = n * inner;
        float[] max = new float[(to - from) * inner];
        for (int o = from; o < to; o++) {
            int xb = xo + o * block, yb = o * block, mb = (o - from) * inner;
            if (inner == 1) {
                max[mb] = K.max(x, xb, n);
            } else {
                System.arraycopy(x, xb, max, mb, inner);
                for (int j = 1; j < n; j++) {
                    for (int k = 0; k < inner; k++) max[mb + k] = Math.max(max[mb + k], x[xb + j * inner + k]);
                }
            }
            for (int k = 0; k < inner; k++) if (max[mb + k] == Float.NEGATIVE_INFINITY) max[mb + k] = 0f; // all -inf: no inf - inf
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < inner; k++) y[yb + j * inner + k] = x[xb + j * inner + k] - max[mb + k];
            }
        }
        K.exp(y, from * block, y, from * block, (to - from) * block);
        float[] sum = new float[inner];
        for (int o = from; o < to; o++) {
            int xb = xo + o * block, yb = o * block, mb = (o - from) * inner;
            if (inner == 1) {
                sum[0] = K.sum(y, yb, n);
            } else {
                java.util.Arrays.fill(sum, 0f);
                for (int j = 0; j < n; j++) K.axpy(1f, y, yb + j * inner, sum, 0, inner);
            }
            if (log) {
                // (x - max) - log s: never forms the large x - logsumexp
                for (int k = 0; k < inner; k++) sum[k] = (float) Math.log(sum[k]);
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < inner; k++) y[yb + j * inner + k] = (x[xb + j * inner + k] - max[mb + k]) - sum[k];
                }
            } else if (inner == 1) {
                K.scale(1f / sum[0], y, yb, y, yb, n);
            } else {
                for (int k = 0; k < inner; k++) sum[k] = 1f / sum[k];
                for (int j = 0; j < n; j++) K.mul(y, yb + j * inner, sum, 0, y, yb + j * inner, inner);
            }
        }
    }

    /**
     * softmax: gx = y (g - sum_j g y);  log-softmax: gx = g - exp(y) sum_j g, with exp(y) already
     * in gx. One block at b (in y and gx; g at go + b); s is scratch of length inner.
     */
    private static void backwardBlock(float[] y, float[] g, int go, float[] gx, int b, int n, int inner, float[] s, boolean log) {
        java.util.Arrays.fill(s, 0f);
        if (log) {
            for (int j = 0; j < n; j++) K.axpy(1f, g, go + b + j * inner, s, 0, inner);
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < inner; k++) {
                    int i = b + j * inner + k;
                    gx[i] = g[go + i] - gx[i] * s[k];
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < inner; k++) s[k] += g[go + b + j * inner + k] * y[b + j * inner + k];
            }
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < inner; k++) {
                    int i = b + j * inner + k;
                    gx[i] = y[i] * (g[go + i] - s[k]);
                }
            }
        }
    }
}
