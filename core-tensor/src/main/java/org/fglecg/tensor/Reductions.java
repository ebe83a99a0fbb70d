package org.fglecg.tensor;

import java.util.Arrays;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.RowSums;

/** sum / mean / max / var over dims, and the broadcast-gradient reduction sumTo. */
final class Reductions {
    private static final Kernels K = Kernels.get();

    private Reductions() {}

    /** The input's shape with reduced dims set to 1. */
    private static int[] keepShape(int[] shape, int[] dims) {
        int[] k = shape.clone();
        for (int d : dims) k[d] = 1;
        return k;
    }

    private static int[] dropDims(int[] shape, int[] dims) {
        int[] out = new int[shape.length - dims.length];
        for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
            if (k < dims.length && dims[k] == i) {
                k++;
            } else {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Sums over dims (empty dims: no reduction, a copy), accumulating in double. */
    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        int[] ds = Shape.dims("sum", dims, x.shape);
        int[] keep = keepShape(x.shape, ds);
        double[] acc = new double[Shape.numel(keep)];
        int[] accStrides = Shape.broadcastStrides(keep, Shape.contiguousStrides(keep), x.shape);
        float[] d = x.data;
        Strided.SliceBody body = (p, xo, ao, unused) -> {
            int n = p.inner, sx = p.sa, sc = p.sb;
            p.forEachRow(xo, ao, 0, (ix, ic, none) -> {
                if (sc == 0 && sx == 1) {
                    acc[ic] += RowSums.contiguous(K, d, ix, n);
                } else if (sc == 0) {
                    acc[ic] += RowSums.strided(d, ix, n, sx);
                } else {
                    for (int i = 0; i < n; i++) acc[ic + i * sc] += d[ix + i * sx];
                }
            });
        };
        int split = 0;
        while (split < x.shape.length && x.shape[split] == 1) split++;
        if (split < x.shape.length && accStrides[split] != 0) {
            // the outermost dim is kept: slices along it own disjoint outputs, run in parallel
            Strided.forEachSlice(x.shape, x.strides, x.offset, accStrides, 0, new int[x.shape.length], 0, body);
        } else {
            // it is reduced: one walk, so each output sums in the same order whatever the threads
            body.run(Strided.of(x.shape, x.strides, accStrides), x.offset, 0, 0);
        }
        float[] out = TensorArena.uninitialized(acc.length);
        for (int i = 0; i < out.length; i++) out[i] = (float) acc[i];
        int[] shape = keepdim ? keep : dropDims(x.shape, ds);
        int[] from = x.shape;
        return Tensor.fromFunction("sum", Tensor.of(out, shape),
                g -> new Tensor[] {g.reshape(keep).expand(from)}, x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        int[] ds = Shape.dims("mean", dims, x.shape);
        long count = 1;
        for (int d : ds) count *= x.shape[d];
        return sum(x, ds, keepdim).mul((float) (1.0 / count));
    }

    static Tensor var(Tensor x, int[] dims, boolean unbiased, boolean keepdim) {
        int[] ds = Shape.dims("var", dims, x.shape);
        long count = 1;
        for (int d : ds) count *= x.shape[d];
        Tensor centred = x.sub(mean(x, ds, true));
        return sum(centred.mul(centred), ds, keepdim).div((float) (count - (unbiased ? 1 : 0)));
    }

    /** Max along one dim; the gradient flows to the first arg-max (NaN wins, as in PyTorch). */
    static Tensor max(Tensor x, int dim, boolean keepdim) {
        int d = Shape.dim("max", dim, x.shape);
        int len = x.shape[d];
        if (len == 0) throw new ShapeException("max: dim " + d + " of shape " + Shape.str(x.shape) + " is empty");
        int[] keep = keepShape(x.shape, new int[] {d});
        int m = Shape.numel(keep);
        float[] out = TensorArena.uninitialized(m);
        int[] arg = new int[m];
        int[] keepStrides = Shape.contiguousStrides(keep);
        // walk the reduced shape; each output element scans its line along d
        Strided p = Strided.of(keep, Shape.broadcastStrides(x.shape, x.strides, keep), keepStrides);
        int n = p.inner, sx = p.sa, so = p.sb, sd = x.strides[d];
        float[] v = x.data;
        p.forEachRow(x.offset, 0, 0, (ix, io, unused) -> {
            for (int i = 0; i < n; i++) {
                int base = ix + i * sx;
                float best = v[base];
                int bi = 0;
                for (int j = 1; j < len && !Float.isNaN(best); j++) {
                    float c = v[base + j * sd];
                    if (!(c <= best)) {
                        best = c;
                        bi = j;
                    }
                }
                out[io + i * so] = best;
                arg[io + i * so] = bi;
            }
        });
        int[] shape = keepdim ? keep : dropDims(x.shape, new int[] {d});
        int[] from = x.shape;
        return Tensor.fromFunction("max", Tensor.of(out, shape), g -> {
            float[] gk = g.toArray();
            Tensor gx = Tensor.zeros(from);
            int[] gs = gx.strides;
            Strided q = Strided.of(keep, gs, keepStrides);
            int qn = q.inner, qx = q.sa, qo = q.sb, gd = gs[d];
            q.forEachRow(0, 0, 0, (ix, io, unused) -> {
                for (int i = 0; i < qn; i++) gx.data[ix + i * qx + arg[io + i * qo] * gd] = gk[io + i * qo];
            });
            return new Tensor[] {gx};
        }, x);
    }

    /** Sums a (broadcast) gradient back to {@code shape}: over leading dims and expanded size-1 dims. */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        int lead = g.shape.length - shape.length;
        if (lead < 0) throw new ShapeException("sumTo: cannot reduce shape " + Shape.str(g.shape) + " to " + Shape.str(shape));
        int[] dims = new int[g.shape.length];
        int k = 0;
        for (int i = 0; i < g.shape.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)) dims[k++] = i;
            else if (shape[i - lead] != g.shape[i]) {
                throw new ShapeException("sumTo: cannot reduce shape " + Shape.str(g.shape) + " to " + Shape.str(shape));
            }
        }
        return sum(g, Arrays.copyOf(dims, k), true).reshape(shape);
    }
}
