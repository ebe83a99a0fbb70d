package org.fglecg.tensor;

/**
 * softmax and log-softmax along one dim, max-subtracted so exp never overflows, with the sums in
 * double. The input is read as [outer, n, inner] (contiguous), each (outer, inner) a line of n.
 */
final class Softmax {
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
        float[] y = new float[in.numel()];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                int base = o * n * inner + k;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, x[xo + base + j * inner]);
                if (max == Float.NEGATIVE_INFINITY) max = 0f; // all -inf: keep NaN-free arithmetic below
                double s = 0;
                for (int j = 0; j < n; j++) s += Math.exp(x[xo + base + j * inner] - max);
                if (log) {
                    double logSum = Math.log(s); // (x - max) - log s: never forms the large x - lse
                    for (int j = 0; j < n; j++) y[base + j * inner] = (float) ((x[xo + base + j * inner] - max) - logSum);
                } else {
                    double inv = 1.0 / s;
                    for (int j = 0; j < n; j++) y[base + j * inner] = (float) (Math.exp(x[xo + base + j * inner] - max) * inv);
                }
            }
        }
        int nOuter = outer, nInner = inner;
        Tensor result = Tensor.of(y, in.shape.clone());
        return Tensor.fromFunction(op, result, g -> {
            float[] gy = g.toArray();
            float[] gx = new float[y.length];
            for (int o = 0; o < nOuter; o++) {
                for (int k = 0; k < nInner; k++) {
                    int base = o * n * nInner + k;
                    double s = 0;
                    // softmax: gx = y (g - sum g y);  log-softmax: gx = g - exp(y) sum g
                    for (int j = 0; j < n; j++) s += log ? gy[base + j * nInner] : gy[base + j * nInner] * y[base + j * nInner];
                    for (int j = 0; j < n; j++) {
                        int i = base + j * nInner;
                        gx[i] = log ? (float) (gy[i] - Math.exp(y[i]) * s) : (float) (y[i] * (gy[i] - s));
                    }
                }
            }
            return new Tensor[] {Tensor.of(gx, in.shape.clone())};
        }, in);
    }
}
