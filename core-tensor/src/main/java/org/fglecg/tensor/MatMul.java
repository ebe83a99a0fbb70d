package org.fglecg.tensor;

import org.fglecg.tensor.kernel.Gemm;

/**
 * torch.matmul on top of {@link Gemm#sgemm}. Operands are read in place whenever each matrix
 * is row-major or a plain transpose of row-major (the flag goes to sgemm instead of a copy), so
 * {@code a.matmul(w.transpose(0, 1))} and the backward's transposed views cost no copies.
 * Batch dims broadcast; when the right operand is one matrix shared by all batches and the left
 * operand's batches are stacked rows, the whole product is a single GEMM.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new ShapeException("matmul: shapes " + Shape.str(a.shape) + " and " + Shape.str(b.shape) + " need at least 1 dim each");
        }
        // 1-D operands: as torch, a vector is a row on the left / a column on the right, then dropped
        if (a.dim() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
        return batched(a, b);
    }

    /** How one matrix operand is read by sgemm: transposed or not, and its leading dimension. */
    static final class Layout {
        final boolean trans;
        final int ld;

        Layout(boolean trans, int ld) {
            this.trans = trans;
            this.ld = ld;
        }

        /** For a rows x cols matrix with the given strides; null when neither form fits. */
        static Layout of(int rows, int cols, int sRow, int sCol) {
            if ((cols == 1 || sCol == 1) && (rows == 1 || sRow >= cols)) return new Layout(false, rows == 1 ? Math.max(cols, 1) : sRow);
            if ((rows == 1 || sRow == 1) && (cols == 1 || sCol >= rows)) return new Layout(true, cols == 1 ? Math.max(rows, 1) : sCol);
            return null;
        }
    }

    private static Tensor batched(Tensor a, Tensor b) {
        int ra = a.dim(), rb = b.dim();
        int m = a.shape[ra - 2], k = a.shape[ra - 1], k2 = b.shape[rb - 2], n = b.shape[rb - 1];
        if (k != k2) {
            throw new ShapeException("matmul: shapes " + Shape.str(a.shape) + " and " + Shape.str(b.shape) + " do not match (" + k + " != " + k2 + ")");
        }
        int[] batchA = java.util.Arrays.copyOf(a.shape, ra - 2), batchB = java.util.Arrays.copyOf(b.shape, rb - 2);
        int[] batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (ShapeException e) {
            throw new ShapeException("matmul: batch dims of shapes " + Shape.str(a.shape) + " and " + Shape.str(b.shape) + " are not broadcastable");
        }
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        float[] out = TensorArena.uninitialized(Shape.numel(outShape));

        Tensor am = a, bm = b;
        Layout la = Layout.of(m, k, a.strides[ra - 2], a.strides[ra - 1]);
        if (la == null) {
            am = a.detach().contiguous();
            la = new Layout(false, k);
        }
        Layout lb = Layout.of(k, n, b.strides[rb - 2], b.strides[rb - 1]);
        if (lb == null) {
            bm = b.detach().contiguous();
            lb = new Layout(false, n);
        }
        int[] sa = Shape.broadcastStrides(batchA, java.util.Arrays.copyOf(am.strides, ra - 2), batch);
        int[] sb = Shape.broadcastStrides(batchB, java.util.Arrays.copyOf(bm.strides, rb - 2), batch);
        int batches = Shape.numel(batch);
        if (batches > 0 && m > 0 && n > 0) {
            if (k == 0) {
                java.util.Arrays.fill(out, 0f);                        // empty sum
            } else if (!la.trans && allZero(sb) && rowsStack(batch, sa, m, la.ld)) {
                // [.., M, K] x [K, N]: one GEMM over all batch rows
                Gemm.sgemm(false, lb.trans, batches * m, n, k, 1f, am.data, am.offset, la.ld,
                        bm.data, bm.offset, lb.ld, 0f, out, 0, n);
            } else {
                // batch offsets first, then the GEMMs in parallel chunks of batches (small
                // products do not thread inside sgemm; big ones run single-threaded per task)
                int[] offA = new int[batches], offB = new int[batches];
                Strided p = Strided.of(batch, sa, sb, Shape.contiguousStrides(batch));
                int pa = p.sa, pb = p.sb, po = p.sc, rows = p.inner;
                p.forEachRow(am.offset, bm.offset, 0, (ia, ib, io) -> {
                    for (int i = 0; i < rows; i++) {
                        offA[io + i * po] = ia + i * pa;
                        offB[io + i * po] = ib + i * pb;
                    }
                });
                Layout fa = la, fb = lb;
                float[] ad = am.data, bd = bm.data;
                int work = (int) Math.min(Integer.MAX_VALUE, (long) m * n * k);
                Chunks.forEachRow(batches, work, (from, to) -> {
                    for (int t = from; t < to; t++) {
                        Gemm.sgemm(fa.trans, fb.trans, m, n, k, 1f, ad, offA[t], fa.ld, bd, offB[t], fb.ld, 0f, out, t * m * n, n);
                    }
                });
            }
        }
        Tensor result = Tensor.of(out, outShape);
        return Tensor.fromFunction("matmul", result, g -> new Tensor[] {
            a.requiresGrad() ? Reductions.sumTo(g.matmul(b.transpose(-1, -2)), a.shape) : null,
            b.requiresGrad() ? weightGrad(a, b, g) : null
        }, a, b);
    }

    /**
     * dL/db = a^T g summed over broadcast batches. For a single right matrix under a batched left
     * operand (a linear layer on [B, T, K]) that sum is one GEMM over the stacked rows.
     */
    private static Tensor weightGrad(Tensor a, Tensor b, Tensor g) {
        if (b.dim() == 2 && a.dim() > 2) {
            int k = a.size(-1), n = b.size(-1);
            return a.reshape(-1, k).transpose(0, 1).matmul(g.reshape(-1, n));
        }
        return Reductions.sumTo(a.transpose(-1, -2).matmul(g), b.shape);
    }

    private static boolean allZero(int[] s) {
        for (int v : s) if (v != 0) return false;
        return true;
    }

    /** Whether the batches of a row-major operand are consecutive blocks of m rows of stride ld. */
    private static boolean rowsStack(int[] batch, int[] strides, int m, int ld) {
        int expect = m * ld;
        for (int i = batch.length - 1; i >= 0; i--) {
            if (batch[i] == 1) continue;
            if (strides[i] != expect) return false;
            expect *= batch[i];
        }
        return true;
    }
}
