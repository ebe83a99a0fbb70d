package org.fglecg.tensor;

/**
 * Walks up to three equally shaped strided operands together, one row (the innermost dim) at a
 * time, so the per-element work is a tight loop over a row and the index arithmetic is paid per
 * row. Adjacent dims that are contiguous in every operand are merged first, so e.g. a
 * contiguous [B, C, L] plus a [1, C, 1] bias walks rows of L, and a fully contiguous copy is
 * one row.
 */
final class Strided {
    /** Row callback: the offsets of the row's first element in operands a, b, c. */
    interface RowBody {
        void row(int a, int b, int c);
    }

    final int[] shape;      // merged shape; the last entry is the row length
    final int[][] strides;  // per operand, merged
    final int inner;        // row length
    final int sa, sb, sc;   // row strides per operand

    private Strided(int[] shape, int[][] strides) {
        this.shape = shape;
        this.strides = strides;
        int r = shape.length;
        this.inner = r == 0 ? 1 : shape[r - 1];
        this.sa = r == 0 ? 0 : strides[0][r - 1];
        this.sb = r == 0 ? 0 : strides[1][r - 1];
        this.sc = r == 0 ? 0 : strides[2][r - 1];
    }

    /** A plan for walking {@code shape} with the given operand strides (1 to 3 operands). */
    static Strided of(int[] shape, int[]... operandStrides) {
        int r = shape.length;
        int[][] st = new int[3][];
        for (int k = 0; k < 3; k++) st[k] = k < operandStrides.length ? operandStrides[k] : new int[r];
        // drop size-1 dims (they never move) and merge (i, i+1) when contiguous in all operands
        int[] ms = new int[r];
        int[][] mst = new int[3][r];
        int m = 0;
        for (int i = 0; i < r; i++) {
            if (shape[i] == 1) continue;
            if (m > 0) {
                boolean merge = true;
                for (int k = 0; k < 3; k++) merge &= mst[k][m - 1] == st[k][i] * shape[i];
                if (merge) {
                    ms[m - 1] *= shape[i];
                    for (int k = 0; k < 3; k++) mst[k][m - 1] = st[k][i];
                    continue;
                }
            }
            ms[m] = shape[i];
            for (int k = 0; k < 3; k++) mst[k][m] = st[k][i];
            m++;
        }
        int[] fs = java.util.Arrays.copyOf(ms, m);
        int[][] fst = new int[3][];
        for (int k = 0; k < 3; k++) fst[k] = java.util.Arrays.copyOf(mst[k], m);
        return new Strided(fs, fst);
    }

    /** Calls body for every row, starting from the operands' base offsets. */
    void forEachRow(int oa, int ob, int oc, RowBody body) {
        int r = shape.length;
        for (int s : shape) if (s == 0) return;
        if (r <= 1) {
            body.row(oa, ob, oc);
            return;
        }
        int outer = r - 1;
        int[] idx = new int[outer];
        int[] a = strides[0], b = strides[1], c = strides[2];
        while (true) {
            body.row(oa, ob, oc);
            int d = outer - 1;
            while (d >= 0) {
                idx[d]++;
                oa += a[d];
                ob += b[d];
                oc += c[d];
                if (idx[d] < shape[d]) break;
                oa -= a[d] * shape[d];
                ob -= b[d] * shape[d];
                oc -= c[d] * shape[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) return;
        }
    }

    /** Work on one slice: the plan for the slice's dims and the slice's base offsets. */
    interface SliceBody {
        void run(Strided plan, int a, int b, int c);
    }

    /**
     * Walks three operands like {@link #of} + {@link #forEachRow}, but a large walk is cut into
     * slices along its outermost dim of size > 1, run in parallel chunks. The body must write
     * only what its slice covers (so the written operand must not repeat elements along that
     * dim, i.e. have no stride 0 there).
     */
    static void forEachSlice(int[] shape, int[] sa, int oa, int[] sb, int ob, int[] sc, int oc, SliceBody body) {
        int n = Shape.numel(shape);
        int d = 0;
        while (d < shape.length && shape[d] == 1) d++;
        if (d >= shape.length - 1 || n < 2 * Chunks.SIZE) {
            body.run(of(shape, sa, sb, sc), oa, ob, oc);
            return;
        }
        int[] rest = java.util.Arrays.copyOfRange(shape, d + 1, shape.length);
        Strided p = of(rest, java.util.Arrays.copyOfRange(sa, d + 1, sa.length), java.util.Arrays.copyOfRange(sb, d + 1, sb.length),
                java.util.Arrays.copyOfRange(sc, d + 1, sc.length));
        int da = sa[d], db = sb[d], dc = sc[d];
        Chunks.forEachRow(shape[d], n / shape[d], (from, to) -> {
            for (int i = from; i < to; i++) body.run(p, oa + i * da, ob + i * db, oc + i * dc);
        });
    }

    /** Copies a strided source into a strided destination of the same shape. */
    static void copy(float[] src, int srcOff, int[] srcStrides, float[] dst, int dstOff, int[] dstStrides, int[] shape) {
        SliceBody body = (p, so, dO, unused) -> {
            int n = p.inner, s = p.sa, d = p.sb;
            if (s == 1 && d == 1) {
                p.forEachRow(so, dO, 0, (a, b, c) -> System.arraycopy(src, a, dst, b, n));
            } else {
                p.forEachRow(so, dO, 0, (a, b, c) -> {
                    for (int i = 0; i < n; i++) dst[b + i * d] = src[a + i * s];
                });
            }
        };
        int[] none = new int[shape.length];
        if (repeats(shape, dstStrides)) body.run(of(shape, srcStrides, dstStrides), srcOff, dstOff, 0);
        else forEachSlice(shape, srcStrides, srcOff, dstStrides, dstOff, none, 0, body);
    }

    /** Whether a view visits some storage element twice (stride 0 along a dim of size > 1). */
    static boolean repeats(int[] shape, int[] strides) {
        for (int i = 0; i < shape.length; i++) if (shape[i] > 1 && strides[i] == 0) return true;
        return false;
    }

    /** Fills a strided view with a value. */
    static void fill(float[] dst, int off, int[] strides, int[] shape, float v) {
        Strided p = of(shape, strides);
        int n = p.inner, s = p.sa;
        p.forEachRow(off, 0, 0, (a, b, c) -> {
            for (int i = 0; i < n; i++) dst[a + i * s] = v;
        });
    }
}
