package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Ops on tensors large enough to take the SIMD lanes and the parallel chunks (the gradient
 * properties use tiny shapes), forward and backward, against double-precision references.
 */
class LargeTensorTest {
    private static final int N = 3 * Chunks.SIZE + 123; // several chunks and a ragged tail

    /** erf by its Taylor series, accurate to ~1e-10 for |x| <= 4 in double. */
    static double erf(double x) {
        double term = x, sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x * x / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17) break;
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static void assertClose(String what, double expected, double actual, double rel, double abs) {
        if (!(Math.abs(expected - actual) <= abs + rel * Math.abs(expected))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static void unary(String name, java.util.function.UnaryOperator<Tensor> op, DoubleUnaryOperator f,
                              DoubleUnaryOperator df, float scale, double rel) {
        Rng rng = new Rng(42);
        Tensor x = Tensor.randn(rng, N).mul(scale).requiresGrad(true);
        Tensor w = Tensor.randn(rng, N);
        Tensor y = op.apply(x);
        y.backward(w);
        float[] xv = x.toArray(), yv = y.toArray(), gv = x.grad().toArray(), wv = w.toArray();
        for (int i = 0; i < N; i++) {
            assertClose(name + "(" + xv[i] + ")", f.applyAsDouble(xv[i]), yv[i], rel, 1e-7);
            assertClose(name + "'(" + xv[i] + ")", wv[i] * df.applyAsDouble(xv[i]), gv[i], rel, 1e-6);
        }
    }

    @Test
    void exp() {
        unary("exp", Tensor::exp, Math::exp, Math::exp, 3f, 1e-6);
    }

    @Test
    void sigmoid() {
        DoubleUnaryOperator s = v -> 1 / (1 + Math.exp(-v));
        unary("sigmoid", Tensor::sigmoid, s, v -> s.applyAsDouble(v) * (1 - s.applyAsDouble(v)), 6f, 1e-6);
    }

    @Test
    void gelu() {
        DoubleUnaryOperator cdf = v -> 0.5 * (1 + erf(v / Math.sqrt(2)));
        DoubleUnaryOperator pdf = v -> Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
        unary("gelu", Tensor::gelu, v -> v * cdf.applyAsDouble(v),
                v -> cdf.applyAsDouble(v) + v * pdf.applyAsDouble(v), 1.3f, 2e-6);
    }

    @Test
    void relu() {
        unary("relu", Tensor::relu, v -> Math.max(v, 0), v -> v > 0 ? 1 : 0, 1f, 0);
    }

    @Test
    void softmaxAlongEachDim() {
        Rng rng = new Rng(7);
        int[] shape = {37, 29, 41}; // 44k elements: several chunks; lines both contiguous and strided
        for (int dim = 0; dim < 3; dim++) {
            for (boolean log : new boolean[] {false, true}) {
                Tensor x = Tensor.randn(rng, shape).mul(4f).requiresGrad(true);
                Tensor g = Tensor.randn(rng, shape);
                Tensor y = log ? x.logSoftmax(dim) : x.softmax(dim);
                y.backward(g);
                checkSoftmax(x.toArray(), g.toArray(), y.toArray(), x.grad().toArray(), shape, dim, log);
            }
        }
    }

    private static void checkSoftmax(float[] x, float[] g, float[] y, float[] gx, int[] shape, int dim, boolean log) {
        int n = shape[dim], inner = 1, outer = 1;
        for (int i = dim + 1; i < 3; i++) inner *= shape[i];
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                int base = o * n * inner + k;
                double max = Double.NEGATIVE_INFINITY, sum = 0, gsum = 0, gysum = 0;
                for (int j = 0; j < n; j++) max = Math.max(max, x[base + j * inner]);
                for (int j = 0; j < n; j++) sum += Math.exp(x[base + j * inner] - max);
                double[] p = new double[n];
                for (int j = 0; j < n; j++) {
                    p[j] = Math.exp(x[base + j * inner] - max) / sum;
                    gsum += g[base + j * inner];
                    gysum += g[base + j * inner] * p[j];
                }
                for (int j = 0; j < n; j++) {
                    int i = base + j * inner;
                    String at = (log ? "logSoftmax" : "softmax") + " dim " + dim + " at " + i;
                    if (log) {
                        assertClose(at, Math.log(p[j]), y[i], 1e-5, 1e-5);
                        assertClose(at + " grad", g[i] - p[j] * gsum, gx[i], 1e-4, 1e-5);
                    } else {
                        assertClose(at, p[j], y[i], 1e-5, 1e-7);
                        assertClose(at + " grad", p[j] * (g[i] - gysum), gx[i], 1e-4, 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void broadcastArithmeticAndReductions() {
        Rng rng = new Rng(3);
        Tensor a = Tensor.randn(rng, 16, 64, 91), b = Tensor.randn(rng, 16, 64, 1), c = Tensor.randn(rng, 64, 91);
        float[] av = a.toArray(), bv = b.toArray(), cv = c.toArray();
        // both operand orders: broadcast on the right (bias-like) and on the left
        float[] r = a.mul(b).add(c).sub(a.transpose(0, 1).transpose(0, 1)).div(b.abs().add(1f)).add(b.sub(a)).toArray();
        double[] chan = new double[64];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 64; j++) {
                for (int k = 0; k < 91; k++) {
                    int ix = (i * 64 + j) * 91 + k;
                    double ref = ((double) av[ix] * bv[i * 64 + j] + cv[j * 91 + k] - av[ix]) / (Math.abs(bv[i * 64 + j]) + 1)
                            + (bv[i * 64 + j] - av[ix]);
                    assertClose("arith at " + ix, ref, r[ix], 1e-5, 1e-6);
                    chan[j] += av[ix];
                }
            }
        }
        float[] s = a.sum(new int[] {0, 2}, false).toArray();
        for (int j = 0; j < 64; j++) assertClose("sum over [0, 2] at " + j, chan[j], s[j], 1e-6, 1e-4);
        float[] rows = a.mean(2, false).toArray(); // kept outer dims: parallel slices
        for (int row = 0; row < 16 * 64; row++) {
            double ref = 0;
            for (int k = 0; k < 91; k++) ref += av[row * 91 + k];
            assertClose("mean over dim 2 at " + row, ref / 91, rows[row], 1e-6, 1e-6);
        }
    }

    @Test
    void largeStridedCopies() {
        Tensor a = Tensor.arange(2 * 192 * 91 * 3).reshape(2, 192, 91, 3); // slices of 52k elements: parallel
        Tensor p = a.permute(2, 0, 3, 1).narrow(1, 1, 1); // [91, 1, 3, 192]: leading dim of size 1 inside
        float[] c = p.contiguous().toArray();
        int k = 0;
        for (int i = 0; i < 91; i++) {
            for (int j = 0; j < 3; j++) {
                for (int m = 0; m < 192; m++) assertEquals(a.get(1, m, i, j), c[k++]);
            }
        }
        Tensor dst = Tensor.zeros(192, 91, 3);
        dst.copy_(a.narrow(0, 1, 1).squeeze(0));
        assertArrayEquals(a.narrow(0, 1, 1).toArray(), dst.toArray());
    }

    @Test
    void batchedMatmulInParallelChunksWithTransposedViews() {
        Rng rng = new Rng(5);
        int b = 64, m = 20, k = 7, n = 30;
        Tensor a = Tensor.randn(rng, b, k, m).transpose(1, 2); // [b, m, k] as a transposed view
        Tensor w = Tensor.randn(rng, b, n, k).transpose(1, 2); // [b, k, n] as a transposed view
        float[] c = a.matmul(w).toArray();
        for (int t = 0; t < b; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0;
                    for (int p = 0; p < k; p++) ref += (double) a.get(t, i, p) * w.get(t, p, j);
                    assertClose("matmul at " + t + "," + i + "," + j, ref, c[(t * m + i) * n + j], 1e-5, 1e-5);
                }
            }
        }
    }

    @Test
    void broadcastGradientsAtScale() {
        Rng rng = new Rng(8);
        Tensor a = Tensor.randn(rng, 24, 64, 91).requiresGrad(true), b = Tensor.randn(rng, 24, 64, 1).requiresGrad(true);
        Tensor bias = Tensor.randn(rng, 64, 1).requiresGrad(true);
        Tensor g = Tensor.randn(rng, 24, 64, 91);
        a.mul(b).add(bias).backward(g);
        float[] av = a.toArray(), bv = b.toArray(), gv = g.toArray();
        float[] ga = a.grad().toArray(), gb = b.grad().toArray(), gbias = bias.grad().toArray();
        double[] biasRef = new double[64];
        for (int r = 0; r < 24 * 64; r++) {
            double gbRef = 0;
            for (int k = 0; k < 91; k++) {
                int i = r * 91 + k;
                assertClose("grad a at " + i, (double) gv[i] * bv[r], ga[i], 1e-6, 1e-7);
                gbRef += (double) gv[i] * av[i];
                biasRef[r % 64] += gv[i];
            }
            assertClose("grad b at " + r, gbRef, gb[r], 1e-5, 1e-5);
        }
        for (int c = 0; c < 64; c++) assertClose("grad bias at " + c, biasRef[c], gbias[c], 1e-5, 1e-4);
    }
}
