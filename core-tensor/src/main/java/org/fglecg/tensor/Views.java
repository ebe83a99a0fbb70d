package org.fglecg.tensor;

/**
 * Ops that re-read the same storage with a new shape / strides / offset (no copy), and their
 * gradients: the inverse re-reading of the output gradient.
 */
final class Views {
    private Views() {}

    private static Tensor view(String op, Tensor x, int offset, int[] shape, int[] strides, BackwardFn backward) {
        return Tensor.fromFunction(op, new Tensor(x.data, offset, shape, strides), backward, x);
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] to = Shape.inferReshape("reshape", x.shape, newShape);
        if (!x.isContiguous()) return reshape(copy(x), to);
        int[] from = x.shape;
        return view("reshape", x, x.offset, to, Shape.contiguousStrides(to), g -> new Tensor[] {g.reshape(from)});
    }

    /** A contiguous copy (differentiable). */
    static Tensor copy(Tensor x) {
        return Tensor.fromFunction("contiguous", Tensor.of(x.toArray(), x.shape.clone()), g -> new Tensor[] {g}, x);
    }

    static Tensor permute(Tensor x, int[] order) {
        int r = x.shape.length;
        if (order.length != r) throw new ShapeException("permute: order " + java.util.Arrays.toString(order) + " for shape " + Shape.str(x.shape));
        int[] shape = new int[r], strides = new int[r], inverse = new int[r];
        boolean[] used = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = Shape.dim("permute", order[i], x.shape);
            if (used[d]) throw new ShapeException("permute: dim " + d + " repeated in " + java.util.Arrays.toString(order) + " for shape " + Shape.str(x.shape));
            used[d] = true;
            shape[i] = x.shape[d];
            strides[i] = x.strides[d];
            inverse[d] = i;
        }
        return view("permute", x, x.offset, shape, strides, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int r = x.shape.length;
        int a = Shape.dim("transpose", d0, x.shape), b = Shape.dim("transpose", d1, x.shape);
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = i;
        order[a] = b;
        order[b] = a;
        return permute(x, order);
    }

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int d = Shape.dim("narrow", dim, x.shape);
        if (start < 0 || length < 0 || start + length > x.shape[d]) {
            throw new ShapeException("narrow: start " + start + " length " + length + " out of range for dim " + d + " of shape " + Shape.str(x.shape));
        }
        int[] shape = x.shape.clone();
        shape[d] = length;
        int[] from = x.shape;
        return view("narrow", x, x.offset + start * x.strides[d], shape, x.strides, g -> {
            Tensor gx = Tensor.zeros(from);
            gx.narrow(d, start, length).copy_(g);
            return new Tensor[] {gx};
        });
    }

    static Tensor expand(Tensor x, int[] newShape) {
        int r = newShape.length, lead = r - x.shape.length;
        if (lead < 0) throw new ShapeException("expand: cannot expand shape " + Shape.str(x.shape) + " to " + Shape.str(newShape));
        int[] shape = new int[r];
        for (int i = 0; i < r; i++) {
            int from = i >= lead ? x.shape[i - lead] : 1;
            int to = newShape[i] == -1 && i >= lead ? from : newShape[i];
            if (to < 0 || (from != to && from != 1)) {
                throw new ShapeException("expand: cannot expand shape " + Shape.str(x.shape) + " to " + Shape.str(newShape));
            }
            shape[i] = to;
        }
        int[] from = x.shape;
        return view("expand", x, x.offset, shape, Shape.broadcastStrides(x.shape, x.strides, shape),
                g -> new Tensor[] {Reductions.sumTo(g, from)});
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int r = x.shape.length;
        int d = dim < 0 ? dim + r + 1 : dim;
        if (d < 0 || d > r) throw new ShapeException("unsqueeze: dim " + dim + " out of range for shape " + Shape.str(x.shape));
        int[] shape = new int[r + 1], strides = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            if (i == d) {
                shape[i] = 1;
                strides[i] = d < r ? x.strides[d] * x.shape[d] : 1;
            } else {
                shape[i] = x.shape[j];
                strides[i] = x.strides[j++];
            }
        }
        int[] from = x.shape;
        return view("unsqueeze", x, x.offset, shape, strides, g -> new Tensor[] {g.reshape(from)});
    }

    static Tensor squeeze(Tensor x, int dim) {
        int d = Shape.dim("squeeze", dim, x.shape);
        if (x.shape[d] != 1) return x;
        int r = x.shape.length;
        int[] shape = new int[r - 1], strides = new int[r - 1];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == d) continue;
            shape[j] = x.shape[i];
            strides[j++] = x.strides[i];
        }
        int[] from = x.shape;
        return view("squeeze", x, x.offset, shape, strides, g -> new Tensor[] {g.reshape(from)});
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.shape.length == 0) return reshape(x, new int[] {1});
        int s = Shape.dim("flatten", startDim, x.shape), e = Shape.dim("flatten", endDim, x.shape);
        if (s > e) throw new ShapeException("flatten: start dim " + startDim + " after end dim " + endDim + " for shape " + Shape.str(x.shape));
        int[] shape = new int[x.shape.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) shape[k++] = x.shape[i];
        int m = 1;
        for (int i = s; i <= e; i++) m *= x.shape[i];
        shape[k++] = m;
        for (int i = e + 1; i < x.shape.length; i++) shape[k++] = x.shape[i];
        return reshape(x, shape);
    }
}
