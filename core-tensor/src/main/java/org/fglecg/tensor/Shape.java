package org.fglecg.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: element counts, strides, dims, broadcasting. */
final class Shape {
    private Shape() {}

    static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n > Integer.MAX_VALUE) throw new ShapeException("shape " + str(shape) + " has more than 2^31-1 elements");
        return (int) n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    static void checkValid(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) throw new ShapeException(op + ": negative size in shape " + str(shape));
        }
    }

    /** Normalises a possibly negative dim for a tensor of the given rank. */
    static int dim(String op, int d, int[] shape) {
        int r = shape.length;
        int n = d < 0 ? d + r : d;
        if (n < 0 || n >= r) throw new ShapeException(op + ": dim " + d + " out of range for shape " + str(shape));
        return n;
    }

    /** Normalised, sorted, duplicate-checked dims. */
    static int[] dims(String op, int[] ds, int[] shape) {
        int[] n = new int[ds.length];
        for (int i = 0; i < ds.length; i++) n[i] = dim(op, ds[i], shape);
        Arrays.sort(n);
        for (int i = 1; i < n.length; i++) {
            if (n[i] == n[i - 1]) throw new ShapeException(op + ": dim " + n[i] + " repeated in " + Arrays.toString(ds) + " for shape " + str(shape));
        }
        return n;
    }

    /** NumPy broadcasting of two shapes. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + str(a) + " and " + str(b) + " are not broadcastable");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides that read a tensor of shape {@code shape} / {@code strides} as if it had the
     * (broadcast) shape {@code target}: 0 along new leading dims and along expanded size-1 dims.
     */
    static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : strides[i];
        }
        return out;
    }

    /** Resolves a single -1 in a reshape target. */
    static int[] inferReshape(String op, int[] from, int[] to) {
        int n = numel(from);
        int[] out = to.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new ShapeException(op + ": more than one -1 in " + str(to));
                infer = i;
            } else if (out[i] < 0) {
                throw new ShapeException(op + ": negative size in " + str(to));
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || n % known != 0) throw new ShapeException(op + ": cannot reshape " + str(from) + " to " + str(to));
            out[infer] = (int) (n / known);
        } else if (known != n) {
            throw new ShapeException(op + ": cannot reshape " + str(from) + " to " + str(to));
        }
        return out;
    }
}
