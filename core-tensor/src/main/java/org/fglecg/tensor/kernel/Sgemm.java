package org.fglecg.tensor.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * SGEMM on one {@link Kernels} implementation: {@code C = alpha * op(A) * op(B) + beta * C},
 * row-major (see {@link Gemm#sgemm} for the argument conventions).
 *
 * <p>Large products follow the GotoBLAS/BLIS scheme. k is cut into even blocks of at most
 * {@link #KC}; A is packed once per call into {@code mr}-row panels (k-major inside a block).
 * Each task owns a rectangle of C; for every k block it packs B {@link #NC} columns at a time
 * (one streaming copy per row, rows padded by a cache line so they spread over the L1 sets;
 * the block stays in L2), then each A panel (mr x kc, in L1) sweeps across the block's
 * {@code nr}-column strips with the register-tiled micro-kernel, so C is written row by row
 * in address order. Every C element sums its products in the same order whatever the task
 * grid, so results do not depend on the thread count. Edge tiles run the same micro-kernel
 * into a scratch tile.
 *
 * <p>Small products (at most {@link #SMALL_FLOPS}), such as attention's (25, 25, 91), run on the
 * calling thread in one k block and read B in place: the micro-kernel takes B's row stride, so
 * only a partial last strip (and a transposed B) is copied. A's panels are re-laid as usual; at
 * these sizes that is a few hundred floats.
 *
 * <p>Scratch buffers are per thread and grow only, so steady-state calls allocate nothing.
 */
public final class Sgemm {
    /**
     * Largest k block: (128, 384, n), the squeeze-excitation convolution, runs in one pass over
     * C; an 8 x 384 A panel (12 KiB) stays in L1.
     */
    static final int KC = 384;
    /** Columns of B packed per block: 384 x 272 floats (408 KiB) share L2 with packed A. */
    static final int NC = 256;
    /**
     * Floats added to a packed B row: one cache line, so the rows of a block spread over all
     * L1 sets instead of aliasing (a power-of-two stride would map them to a few sets).
     */
    private static final int PAD = 16;
    /** 2mnk up to which B is read in place and one thread does it all. */
    static final long SMALL_FLOPS = 2L * 64 * 64 * 64;
    /**
     * Work below which one more thread costs more than it brings: waking a parked helper takes
     * microseconds, and on a loaded machine much longer.
     */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 23;
    /** Elements of A above which packing it is itself worth spreading over the pool. */
    private static final long PARALLEL_PACK_A = 1L << 17;
    /** Tasks per thread in the C grid: enough to balance, few enough to keep B panels big. */
    private static final int TASKS_PER_THREAD = 4;

    private final Kernels kernels;
    private final GemmMicroKernel micro;
    private final int mr;
    private final int nr;
    private final ThreadLocal<Job> jobs;
    private final ThreadLocal<Scratch> scratch;

    public Sgemm(Kernels kernels) {
        this.kernels = kernels;
        this.micro = kernels.gemmMicroKernel();
        this.mr = micro.mr();
        this.nr = micro.nr();
        this.jobs = ThreadLocal.withInitial(Job::new);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(mr, nr));
    }

    /** The kernels this SGEMM runs on. */
    public Kernels kernels() {
        return kernels;
    }

    /** Same contract as {@link Gemm#sgemm}. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        checkOperand("A", transA, m, k, a, aOff, lda);
        checkOperand("B", transB, k, n, b, bOff, ldb);
        checkOperand("C", false, m, n, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        Job job = jobs.get();
        job.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        try {
            job.run();
        } finally {
            job.clear();
        }
    }

    /** Checks that an operand stored rows x cols (before op) fits its array. */
    private static void checkOperand(String name, boolean trans, int opRows, int opCols,
                                     float[] x, int off, int ld) {
        int rows = trans ? opCols : opRows;
        int cols = trans ? opRows : opCols;
        if (rows == 0 || cols == 0) return;
        if (ld < cols || off < 0) {
            throw new IllegalArgumentException("sgemm: " + name + " stored " + rows + " x " + cols
                    + " needs a row stride >= " + cols + " and offset >= 0, got ld=" + ld
                    + " offset=" + off);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " stored " + rows + " x " + cols
                    + " with ld=" + ld + " at offset " + off + " needs " + last
                    + " elements, array has " + x.length);
        }
    }

    /** C = beta * C (zeros when beta is 0, without reading C). */
    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) Arrays.fill(c, row, row + n, 0f);
            else for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }

    // ---------------------------------------------------------------- blocked path

    /** One call's arguments and its two parallel phases; reused by its calling thread. */
    private final class Job {
        boolean transA, transB;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        float alpha, beta;
        float[] a, b, c;
        // derived geometry
        boolean small;
        int kcNominal, kBlocks, mPanels, nPanels, mPad;
        int rowChunks, colChunks, packChunks;
        float[] packedA = new float[0];

        final IntConsumer packTask = this::packA;
        final IntConsumer computeTask = this::compute;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc) {
            this.transA = transA; this.transB = transB;
            this.m = m; this.n = n; this.k = k; this.alpha = alpha; this.beta = beta;
            this.a = a; this.aOff = aOff; this.lda = lda;
            this.b = b; this.bOff = bOff; this.ldb = ldb;
            this.c = c; this.cOff = cOff; this.ldc = ldc;
        }

        void clear() {
            a = b = c = null; // do not keep the caller's arrays alive
        }

        void run() {
            // Small products: one thread, one k block, B read in place (see class comment).
            small = 2L * m * n * k <= SMALL_FLOPS;
            kBlocks = small ? 1 : (k + KC - 1) / KC;
            kcNominal = (k + kBlocks - 1) / kBlocks; // even blocks: 384 -> 192 + 192
            mPanels = (m + mr - 1) / mr;
            nPanels = (n + nr - 1) / nr;
            mPad = mPanels * mr;
            long need = (long) mPad * k;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("sgemm: packed A of " + m + " x " + k
                        + " is too large");
            }
            if (packedA.length < need) packedA = new float[(int) need];

            long flops = 2L * m * n * k;
            int threads = small ? 1 : (int) Math.min(Parallel.threads(), Math.max(1, flops / MIN_FLOPS_PER_THREAD));
            int wanted = threads == 1 ? 1 : threads * TASKS_PER_THREAD;
            colChunks = Math.min(nPanels, wanted);
            rowChunks = Math.min(mPanels, (wanted + colChunks - 1) / colChunks);
            packChunks = Math.min(mPanels, wanted);
            if (threads == 1) {
                packA(0);
                compute(0);
                return;
            }
            if ((long) m * k >= PARALLEL_PACK_A) Parallel.forEach(packChunks, packTask);
            else for (int t = 0; t < packChunks; t++) packA(t);
            Parallel.forEach(rowChunks * colChunks, computeTask);
        }

        /** Packs the A panels of chunk t, for every k block. */
        private void packA(int t) {
            int p0 = t * mPanels / packChunks, p1 = (t + 1) * mPanels / packChunks;
            for (int ps = 0; ps < k; ps += kcNominal) {
                int kcb = Math.min(kcNominal, k - ps);
                for (int panel = p0; panel < p1; panel++) {
                    packAPanel(panel * mr, ps, kcb, ps * mPad + panel * mr * kcb);
                }
            }
        }

        /** dst[p * mr + r] = op(A)(i0 + r, ps + p), zero rows past m. */
        private void packAPanel(int i0, int ps, int kcb, int dst) {
            float[] pa = packedA;
            int rows = Math.min(mr, m - i0);
            if (transA) {
                // op(A)(i, p) = A[p][i]: mr consecutive values per p.
                for (int p = 0; p < kcb; p++) {
                    int src = aOff + (ps + p) * lda + i0;
                    int d = dst + p * mr;
                    System.arraycopy(a, src, pa, d, rows);
                    for (int r = rows; r < mr; r++) pa[d + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + r) * lda + ps;
                    for (int p = 0; p < kcb; p++) pa[dst + p * mr + r] = a[src + p];
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kcb; p++) pa[dst + p * mr + r] = 0f;
                }
            }
        }

        /** Computes the C rectangle of task t (row chunk x column chunk). */
        private void compute(int t) {
            int rc = t / colChunks, cc = t % colChunks;
            int r0 = rc * mPanels / rowChunks, r1 = (rc + 1) * mPanels / rowChunks;
            int s0 = cc * nPanels / colChunks, s1 = (cc + 1) * nPanels / colChunks;
            int stripsPerBlock = Math.max(1, NC / nr);
            int ldp = stripsPerBlock * nr + PAD;
            Scratch s = scratch.get();
            if (small && !transB) {
                computeWithBInPlace(r0, r1, s0, s1, s);
                return;
            }
            float[] pb = s.packedB(kcNominal * ldp);
            for (int ps = 0; ps < k; ps += kcNominal) {
                int kcb = Math.min(kcNominal, k - ps);
                float blockBeta = ps == 0 ? beta : 1f;
                for (int sb = s0; sb < s1; sb += stripsPerBlock) {
                    int se = Math.min(s1, sb + stripsPerBlock);
                    packBBlock(pb, ldp, ps, kcb, sb * nr, Math.min(n, se * nr) - sb * nr, (se - sb) * nr);
                    for (int panel = r0; panel < r1; panel++) {
                        for (int strip = sb; strip < se; strip++) {
                            tile(panel, strip, ps, kcb, pb, (strip - sb) * nr, ldp, blockBeta, s.tile);
                        }
                    }
                }
            }
        }

        /**
         * The small path: full B strips are read where they are (the micro-kernel takes B's row
         * stride); only a partial last strip is copied, zero-padded, to scratch. One k block.
         */
        private void computeWithBInPlace(int r0, int r1, int s0, int s1, Scratch s) {
            for (int strip = s0; strip < s1; strip++) {
                int j0 = strip * nr;
                int cols = Math.min(nr, n - j0);
                float[] panel = b;
                int panelOff = bOff + j0, panelLd = ldb;
                if (cols < nr) {
                    panel = s.packedB(k * nr);
                    packBBlock(panel, nr, 0, k, j0, cols, nr);
                    panelOff = 0;
                    panelLd = nr;
                }
                for (int p = r0; p < r1; p++) tile(p, strip, 0, k, panel, panelOff, panelLd, beta, s.tile);
            }
        }

        /** One mr x nr tile of C; edge tiles go through the scratch tile. */
        private void tile(int panel, int strip, int ps, int kcb, float[] pb, int bPanel, int ldp,
                          float blockBeta, float[] scratchTile) {
            int i0 = panel * mr, j0 = strip * nr;
            int rows = Math.min(mr, m - i0), cols = Math.min(nr, n - j0);
            int aPanel = ps * mPad + panel * mr * kcb;
            int cTile = cOff + i0 * ldc + j0;
            boolean full = rows == mr && cols == nr;
            if (full && alpha == 1f && blockBeta == 0f) { // the common case: the product is the result
                micro.tile(kcb, packedA, aPanel, pb, bPanel, ldp, c, cTile, ldc);
                return;
            }
            micro.tile(kcb, packedA, aPanel, pb, bPanel, ldp, scratchTile, 0, nr);
            if (full) micro.update(scratchTile, alpha, blockBeta, c, cTile, ldc);
            else GemmMicroKernel.updatePart(scratchTile, nr, rows, cols, alpha, blockBeta, c, cTile, ldc);
        }

        /**
         * Packs op(B) rows [ps, ps + kcb), columns [j0, j0 + cols) into pb as kcb rows of
         * stride ldp, zero-filled up to {@code width} (a whole number of strips).
         */
        private void packBBlock(float[] pb, int ldp, int ps, int kcb, int j0, int cols, int width) {
            if (!transB) {
                // Row segments of B are contiguous: one streaming copy per row.
                for (int p = 0; p < kcb; p++) {
                    int d = p * ldp;
                    System.arraycopy(b, bOff + (ps + p) * ldb + j0, pb, d, cols);
                    if (cols < width) Arrays.fill(pb, d + cols, d + width, 0f);
                }
            } else {
                // op(B)(p, j) = B[j][p]: a transpose. Eight stored rows at a time, so each
                // packed row receives eight consecutive values per visit.
                int q = 0;
                for (; q + 8 <= cols; q += 8) {
                    int src = bOff + (j0 + q) * ldb + ps;
                    for (int p = 0; p < kcb; p++) {
                        int d = p * ldp + q, sp = src + p;
                        pb[d] = b[sp];
                        pb[d + 1] = b[sp + ldb];
                        pb[d + 2] = b[sp + 2 * ldb];
                        pb[d + 3] = b[sp + 3 * ldb];
                        pb[d + 4] = b[sp + 4 * ldb];
                        pb[d + 5] = b[sp + 5 * ldb];
                        pb[d + 6] = b[sp + 6 * ldb];
                        pb[d + 7] = b[sp + 7 * ldb];
                    }
                }
                for (; q < cols; q++) {
                    int src = bOff + (j0 + q) * ldb + ps;
                    for (int p = 0; p < kcb; p++) pb[p * ldp + q] = b[src + p];
                }
                if (cols < width) {
                    for (int p = 0; p < kcb; p++) Arrays.fill(pb, p * ldp + cols, p * ldp + width, 0f);
                }
            }
        }
    }

    /** Per-thread buffers: a packed B block and an edge tile. */
    private static final class Scratch {
        final float[] tile;
        float[] packedB = new float[0];

        Scratch(int mr, int nr) {
            this.tile = new float[mr * nr];
        }

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }
    }
}
