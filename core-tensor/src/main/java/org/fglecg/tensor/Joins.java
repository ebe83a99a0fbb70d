package org.fglecg.tensor;

import java.util.Arrays;

/** Joining and indexing: cat, stack, pad, indexSelect, gather. */
final class Joins {
    private Joins() {}

    static Tensor cat(int dim, Tensor... ts) {
        if (ts.length == 0) throw new ShapeException("cat: no tensors");
        int[] first = ts[0].shape;
        int d = Shape.dim("cat", dim, first);
        int[] shape = first.clone();
        shape[d] = 0;
        for (Tensor t : ts) {
            if (t.shape.length != first.length) throw new ShapeException("cat: shapes " + Shape.str(first) + " and " + Shape.str(t.shape) + " differ in rank");
            for (int i = 0; i < first.length; i++) {
                if (i != d && t.shape[i] != first[i]) {
                    throw new ShapeException("cat: shapes " + Shape.str(first) + " and " + Shape.str(t.shape) + " differ outside dim " + d);
                }
            }
            shape[d] += t.shape[d];
        }
        Tensor out = Tensor.zeros(shape);
        int[] starts = new int[ts.length];
        int at = 0;
        for (int i = 0; i < ts.length; i++) {
            starts[i] = at;
            Tensor t = ts[i];
            Tensor slot = out.narrow(d, at, t.shape[d]);
            Strided.copy(t.data, t.offset, t.strides, slot.data, slot.offset, slot.strides, t.shape);
            at += t.shape[d];
        }
        return Tensor.fromFunction("cat", out, g -> {
            Tensor[] gs = new Tensor[ts.length];
            for (int i = 0; i < ts.length; i++) gs[i] = g.narrow(d, starts[i], ts[i].shape[d]);
            return gs;
        }, ts);
    }

    static Tensor stack(int dim, Tensor... ts) {
        if (ts.length == 0) throw new ShapeException("stack: no tensors");
        Tensor[] us = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape, ts[0].shape)) {
                throw new ShapeException("stack: shapes " + Shape.str(ts[0].shape) + " and " + Shape.str(ts[i].shape) + " differ");
            }
            us[i] = ts[i].unsqueeze(dim);
        }
        return cat(dim, us);
    }

    static Tensor pad(Tensor x, int dim, int left, int right, float value) {
        int d = Shape.dim("pad", dim, x.shape);
        if (left < 0 || right < 0) throw new ShapeException("pad: negative padding " + left + ", " + right + " for shape " + Shape.str(x.shape));
        int[] shape = x.shape.clone();
        shape[d] += left + right;
        Tensor out = Tensor.full(value, shape);
        Tensor slot = out.narrow(d, left, x.shape[d]);
        Strided.copy(x.data, x.offset, x.strides, slot.data, slot.offset, slot.strides, x.shape);
        int len = x.shape[d];
        return Tensor.fromFunction("pad", out, g -> new Tensor[] {g.narrow(d, left, len)}, x);
    }

    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int d = Shape.dim("indexSelect", dim, x.shape);
        for (int ix : indices) {
            if (ix < 0 || ix >= x.shape[d]) {
                throw new IndexOutOfBoundsException("indexSelect: index " + ix + " out of range for dim " + d + " of shape " + Shape.str(x.shape));
            }
        }
        int[] idx = indices.clone();
        int[] shape = x.shape.clone();
        shape[d] = idx.length;
        Tensor out = Tensor.zeros(shape);
        for (int j = 0; j < idx.length; j++) {
            Tensor src = x.detach().narrow(d, idx[j], 1), dst = out.narrow(d, j, 1);
            Strided.copy(src.data, src.offset, src.strides, dst.data, dst.offset, dst.strides, src.shape);
        }
        int[] from = x.shape;
        return Tensor.fromFunction("indexSelect", out, g -> {
            Tensor gx = Tensor.zeros(from);
            for (int j = 0; j < idx.length; j++) gx.narrow(d, idx[j], 1).addScaled_(g.narrow(d, j, 1), 1f);
            return new Tensor[] {gx};
        }, x);
    }

    /** out[i_0..i_d..] = x[i_0..index[i]..]: the index replaces the coordinate along dim. */
    static Tensor gather(Tensor x, int dim, int[] index, int[] indexShape) {
        int d = Shape.dim("gather", dim, x.shape);
        if (indexShape.length != x.shape.length) {
            throw new ShapeException("gather: index shape " + Shape.str(indexShape) + " and input shape " + Shape.str(x.shape) + " differ in rank");
        }
        for (int i = 0; i < indexShape.length; i++) {
            if (i != d && indexShape[i] > x.shape[i]) {
                throw new ShapeException("gather: index shape " + Shape.str(indexShape) + " exceeds input shape " + Shape.str(x.shape) + " at dim " + i);
            }
        }
        if (index.length != Shape.numel(indexShape)) {
            throw new ShapeException("gather: " + index.length + " indices do not fill index shape " + Shape.str(indexShape));
        }
        int[] shape = indexShape.clone();
        int[] src = sourceOffsets(x.shape, x.strides, d, index, shape, "gather");
        float[] out = TensorArena.uninitialized(index.length);
        for (int i = 0; i < out.length; i++) out[i] = x.data[x.offset + src[i]];
        int[] from = x.shape;
        return Tensor.fromFunction("gather", Tensor.of(out, shape), g -> {
            Tensor gx = Tensor.zeros(from);
            int[] dst = sourceOffsets(from, gx.strides, d, index, shape, "gather");
            float[] gv = g.toArray();
            for (int i = 0; i < gv.length; i++) gx.data[dst[i]] += gv[i];
            return new Tensor[] {gx};
        }, x);
    }

    /** Storage offsets (relative) of the gathered elements, in row-major index order. */
    private static int[] sourceOffsets(int[] xShape, int[] xStrides, int d, int[] index, int[] shape, String op) {
        int[] offs = new int[index.length];
        int[] coord = new int[shape.length];
        for (int i = 0; i < index.length; i++) {
            int ix = index[i];
            if (ix < 0 || ix >= xShape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + ix + " out of range for dim " + d + " of shape " + Shape.str(xShape));
            }
            int o = 0;
            for (int k = 0; k < shape.length; k++) o += (k == d ? ix : coord[k]) * xStrides[k];
            offs[i] = o;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++coord[k] < shape[k]) break;
                coord[k] = 0;
            }
        }
        return offs;
    }
}
