package org.fglecg.tensor;

import org.fglecg.tensor.kernel.Activations;
import org.fglecg.tensor.kernel.Kernels;

/**
 * A unary element-wise function with its derivative (neg, exp, relu, ...; the binary ones are
 * {@link BinaryOps}). Each function is its own subclass with its own loops, so each loop is
 * monomorphic and tight; they read a contiguous copy of a strided input and write a fresh
 * contiguous output, in parallel chunks ({@link Chunks}). Exponentials
 * go through the SIMD {@link Kernels#exp} (about 50x {@code Math.exp} here), staging arguments
 * in the output array so no scratch memory is needed.
 */
abstract class UnaryOp {
    private static final Kernels K = Kernels.get();

    final String name;

    UnaryOp(String name) {
        this.name = name;
    }

    /** y[i] = f(x[xo + i]) for i in [from, to). */
    abstract void forward(float[] x, int xo, float[] y, int from, int to);

    /** gx[i] = g[go + i] * f'(x[xo + i]) for i in [from, to); y = f(x) is at hand when cheaper. */
    abstract void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to);

    Tensor apply(Tensor in) {
        boolean c = in.isContiguous();
        float[] x = c ? in.data : in.toArray();
        int xo = c ? in.offset : 0;
        int n = in.numel();
        float[] y = TensorArena.uninitialized(n);
        Chunks.forEach(n, (from, to) -> forward(x, xo, y, from, to));
        Tensor result = Tensor.of(y, in.shape.clone());
        return Tensor.fromFunction(name, result, g -> {
            boolean gc = g.isContiguous();
            float[] gd = gc ? g.data : g.toArray();
            float[] gx = TensorArena.uninitialized(n);
            int go = gc ? g.offset : 0;
            Chunks.forEach(n, (from, to) -> backward(x, xo, y, gd, go, gx, from, to));
            return new Tensor[] {Tensor.of(gx, in.shape.clone())};
        }, in);
    }

    static final UnaryOp NEG = new UnaryOp("neg") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) y[i] = -x[xo + i];
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = -g[go + i];
        }
    };

    static final UnaryOp EXP = new UnaryOp("exp") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            K.exp(x, xo + from, y, from, to - from);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] * y[i];
        }
    };

    static final UnaryOp LOG = new UnaryOp("log") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) y[i] = (float) Math.log(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] / x[xo + i];
        }
    };

    static final UnaryOp SQRT = new UnaryOp("sqrt") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) y[i] = (float) Math.sqrt(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] * 0.5f / y[i];
        }
    };

    static final UnaryOp TANH = new UnaryOp("tanh") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) y[i] = (float) Math.tanh(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] * (1f - y[i] * y[i]);
        }
    };

    static final UnaryOp SIGMOID = new UnaryOp("sigmoid") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            Activations.sigmoid(K, x, xo + from, y, from, to - from, new float[Activations.SIGMOID_BLOCK]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] * y[i] * (1f - y[i]);
        }
    };

    static final UnaryOp RELU = new UnaryOp("relu") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            K.relu(x, xo + from, y, from, to - from);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            K.reluBackward(x, xo + from, g, go + from, gx, from, to - from);
        }
    };

    static final UnaryOp GELU = new UnaryOp("gelu") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            Erf.normalCdf(x, xo, y, from, to);
            for (int i = from; i < to; i++) y[i] *= x[xo + i];
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            // d/dx x Phi(x) = Phi(x) + x phi(x); Phi(x) = y / x is recovered from the output
            for (int i = from; i < to; i++) gx[i] = -0.5f * x[xo + i] * x[xo + i];
            K.exp(gx, from, gx, from, to - from);
            for (int i = from; i < to; i++) {
                float v = x[xo + i];
                float cdf = v == 0f ? 0.5f : y[i] / v;
                gx[i] = g[go + i] * (cdf + v * Erf.INV_SQRT_2PI * gx[i]);
            }
        }
    };

    static final UnaryOp ABS = new UnaryOp("abs") {
        void forward(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) y[i] = Math.abs(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) gx[i] = g[go + i] * Math.signum(x[xo + i]);
        }
    };

    static UnaryOp pow(float p) {
        return new UnaryOp("pow") {
            void forward(float[] x, int xo, float[] y, int from, int to) {
                if (p == 2f) {
                    for (int i = from; i < to; i++) y[i] = x[xo + i] * x[xo + i];
                } else {
                    for (int i = from; i < to; i++) y[i] = (float) Math.pow(x[xo + i], p);
                }
            }

            void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
                for (int i = from; i < to; i++) {
                    gx[i] = p == 0f ? 0f : (float) (g[go + i] * p * Math.pow(x[xo + i], p - 1.0));
                }
            }
        };
    }

    static UnaryOp clamp(float min, float max) {
        if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
        return new UnaryOp("clamp") {
            void forward(float[] x, int xo, float[] y, int from, int to) {
                for (int i = from; i < to; i++) y[i] = Math.min(Math.max(x[xo + i], min), max);
            }

            void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int from, int to) {
                for (int i = from; i < to; i++) {
                    float v = x[xo + i];
                    gx[i] = v >= min && v <= max ? g[go + i] : 0f;
                }
            }
        };
    }
}
