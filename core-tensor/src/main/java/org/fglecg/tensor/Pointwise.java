package org.fglecg.tensor;

/**
 * Unary element-wise functions with their derivatives. Each function is its own subclass with
 * its own loops, so each loop is monomorphic and tight; they read a contiguous copy of a strided
 * input and write a fresh contiguous output.
 */
abstract class Pointwise {
    final String name;

    Pointwise(String name) {
        this.name = name;
    }

    /** y[i] = f(x[xo + i]). */
    abstract void forward(float[] x, int xo, float[] y, int n);

    /** gx[i] = g[go + i] * f'(x[xo + i]) where y = f(x) is at hand when cheaper. */
    abstract void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n);

    Tensor apply(Tensor in) {
        boolean c = in.isContiguous();
        float[] x = c ? in.data : in.toArray();
        int xo = c ? in.offset : 0;
        int n = in.numel();
        float[] y = new float[n];
        forward(x, xo, y, n);
        Tensor result = Tensor.of(y, in.shape.clone());
        return Tensor.fromFunction(name, result, g -> {
            boolean gc = g.isContiguous();
            float[] gd = gc ? g.data : g.toArray();
            float[] gx = new float[n];
            backward(x, xo, y, gd, gc ? g.offset : 0, gx, n);
            return new Tensor[] {Tensor.of(gx, in.shape.clone())};
        }, in);
    }

    static final Pointwise NEG = new Pointwise("neg") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = -x[xo + i];
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = -g[go + i];
        }
    };

    static final Pointwise EXP = new Pointwise("exp") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = (float) Math.exp(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] * y[i];
        }
    };

    static final Pointwise LOG = new Pointwise("log") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = (float) Math.log(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] / x[xo + i];
        }
    };

    static final Pointwise SQRT = new Pointwise("sqrt") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = (float) Math.sqrt(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] * 0.5f / y[i];
        }
    };

    static final Pointwise TANH = new Pointwise("tanh") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] * (1f - y[i] * y[i]);
        }
    };

    static final Pointwise SIGMOID = new Pointwise("sigmoid") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                double v = x[xo + i];
                // never exponentiate a large positive number: exp(-|v|) is in (0, 1]
                double e = Math.exp(-Math.abs(v));
                y[i] = (float) (v >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
            }
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] * y[i] * (1f - y[i]);
        }
    };

    static final Pointwise RELU = new Pointwise("relu") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = Math.max(x[xo + i], 0f);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = x[xo + i] > 0f ? g[go + i] : 0f;
        }
    };

    static final Pointwise GELU = new Pointwise("gelu") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                double v = x[xo + i];
                y[i] = (float) (v * Erf.normalCdf(v));
            }
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) {
                double v = x[xo + i];
                gx[i] = (float) (g[go + i] * (Erf.normalCdf(v) + v * Erf.normalPdf(v)));
            }
        }
    };

    static final Pointwise ABS = new Pointwise("abs") {
        void forward(float[] x, int xo, float[] y, int n) {
            for (int i = 0; i < n; i++) y[i] = Math.abs(x[xo + i]);
        }

        void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
            for (int i = 0; i < n; i++) gx[i] = g[go + i] * Math.signum(x[xo + i]);
        }
    };

    static Pointwise pow(float p) {
        return new Pointwise("pow") {
            void forward(float[] x, int xo, float[] y, int n) {
                if (p == 2f) {
                    for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i];
                } else {
                    for (int i = 0; i < n; i++) y[i] = (float) Math.pow(x[xo + i], p);
                }
            }

            void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
                for (int i = 0; i < n; i++) {
                    gx[i] = p == 0f ? 0f : (float) (g[go + i] * p * Math.pow(x[xo + i], p - 1.0));
                }
            }
        };
    }

    static Pointwise clamp(float min, float max) {
        if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
        return new Pointwise("clamp") {
            void forward(float[] x, int xo, float[] y, int n) {
                for (int i = 0; i < n; i++) y[i] = Math.min(Math.max(x[xo + i], min), max);
            }

            void backward(float[] x, int xo, float[] y, float[] g, int go, float[] gx, int n) {
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    gx[i] = v >= min && v <= max ? g[go + i] : 0f;
                }
            }
        };
    }
}
