package org.fglecg.tensor.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * SGEMM on one {@link Kernels} implementation: {@code C = alpha * op(A) * op(B) + beta * C},
 * row-major (see {@link Gemm#sgemm} for the argument conventions).
 *
 * <p>Large products follow the GotoBLAS/BLIS scheme. k is cut into blocks of at most
 * {@link #KC}; A is packed once per call into {@code mr}-row panels (k-major inside a block);
 * each task owns a rectangle of C and, for every k block and every {@code nr}-column strip,
 * packs that B micro-panel (kc x nr, small enough for L1) and sweeps it down the rows with the
 * register-tiled micro-kernel while the packed A block streams from L2. Every C element sums
 * its products in the same order whatever the task grid, so results do not depend on the
 * thread count. Edge tiles run the same micro-kernel into a scratch tile.
 *
 * <p>Small products (below {@link #SMALL_FLOPS}) skip packing and threads: rows of C are built
 * with {@code axpy} over rows of B, or with dot products when B is transposed.
 *
 * <p>Scratch buffers are per thread and grow only, so steady-state calls allocate nothing.
 */
public final class Sgemm {
    /** Largest k block: a kc x nr B micro-panel must sit in L1 (256 x 32 floats = 32 KiB). */
    static final int KC = Integer.getInteger("fglecg.gemm.kc", 384);
    /** Columns of B packed per pass: row segments this long stream well from memory. */
    static final int NC = Integer.getInteger("fglecg.gemm.nc", 256);
    /**
     * Floats added to a packed B row: one cache line, so the rows of a block spread over all
     * L1 sets instead of aliasing (a power-of-two stride would map them to a few sets).
     */
    private static final int PAD = 16;
    /** 2mnk below which packing and threads cost more than they save. */
    static final long SMALL_FLOPS = 2L * 64 * 64 * 64;
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
        if (2L * m * n * k <= SMALL_FLOPS) {
            small(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            Job job = jobs.get();
            job.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            try {
                job.run();
            } finally {
                job.clear();
            }
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

    // ---------------------------------------------------------------- small path

    private void small(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        Scratch s = scratch.get();
        if (!transB) {
            // C row i = sum_p A(i, p) * (B row p): contiguous axpy over n.
            float[] row = s.row(n);
            for (int i = 0; i < m; i++) {
                Arrays.fill(row, 0, n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    kernels.axpy(aip, b, bOff + p * ldb, row, 0, n);
                }
                writeRow(row, alpha, beta, c, cOff + i * ldc, n);
            }
        } else {
            // C(i, j) = dot(A row i, B row j): both contiguous over k (A's column is gathered).
            float[] row = s.row(n);
            float[] ai = transA ? s.column(k) : a;
            for (int i = 0; i < m; i++) {
                int aiOff;
                if (transA) {
                    for (int p = 0; p < k; p++) ai[p] = a[aOff + p * lda + i];
                    aiOff = 0;
                } else {
                    aiOff = aOff + i * lda;
                }
                for (int j = 0; j < n; j++) row[j] = kernels.dot(ai, aiOff, b, bOff + j * ldb, k);
                writeRow(row, alpha, beta, c, cOff + i * ldc, n);
            }
        }
    }

    private static void writeRow(float[] acc, float alpha, float beta, float[] c, int off, int n) {
        for (int j = 0; j < n; j++) {
            c[off + j] = ScalarGemmMicroKernel.update(acc[j], alpha, beta, c[off + j]);
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
            kBlocks = (k + KC - 1) / KC;
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

            int threads = Parallel.threads();
            int wanted = threads == 1 ? 1 : threads * TASKS_PER_THREAD;
            colChunks = Math.min(nPanels, wanted);
            rowChunks = Math.min(mPanels, (wanted + colChunks - 1) / colChunks);
            packChunks = Math.min(mPanels, wanted);
            Parallel.forEach(packChunks, packTask);
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
            float[] pb = s.packedB(kcNominal * ldp);
            for (int ps = 0; ps < k; ps += kcNominal) {
                int kcb = Math.min(kcNominal, k - ps);
                float blockBeta = ps == 0 ? beta : 1f;
                for (int sb = s0; sb < s1; sb += stripsPerBlock) {
                    int se = Math.min(s1, sb + stripsPerBlock);
                    packBBlock(pb, ldp, ps, kcb, sb * nr, Math.min(n, se * nr) - sb * nr, (se - sb) * nr);
                    for (int strip = sb; strip < se; strip++) {
                        int bPanel = (strip - sb) * nr;
                        for (int panel = r0; panel < r1; panel++) {
                            tile(panel, strip, ps, kcb, pb, bPanel, ldp, blockBeta, s.tile);
                        }
                    }
                }
            }
        }

        /** One mr x nr tile of C; edge tiles go through the scratch tile. */
        private void tile(int panel, int strip, int ps, int kcb, float[] pb, int bPanel, int ldp,
                          float blockBeta, float[] scratchTile) {
            int i0 = panel * mr, j0 = strip * nr;
            int rows = Math.min(mr, m - i0), cols = Math.min(nr, n - j0);
            int aPanel = ps * mPad + panel * mr * kcb;
            int cTile = cOff + i0 * ldc + j0;
            if (rows == mr && cols == nr) {
                micro.tile(kcb, packedA, aPanel, pb, bPanel, ldp, alpha, blockBeta, c, cTile, ldc);
                return;
            }
            micro.tile(kcb, packedA, aPanel, pb, bPanel, ldp, 1f, 0f, scratchTile, 0, nr);
            for (int r = 0; r < rows; r++) {
                int ci = cTile + r * ldc;
                for (int q = 0; q < cols; q++) {
                    c[ci + q] = ScalarGemmMicroKernel.update(scratchTile[r * nr + q], alpha, blockBeta, c[ci + q]);
                }
            }
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
                // op(B)(p, j) = B[j][p]: read each stored row contiguously, write a column.
                for (int q = 0; q < cols; q++) {
                    int src = bOff + (j0 + q) * ldb + ps;
                    for (int p = 0; p < kcb; p++) pb[p * ldp + q] = b[src + p];
                }
                if (cols < width) {
                    for (int p = 0; p < kcb; p++) Arrays.fill(pb, p * ldp + cols, p * ldp + width, 0f);
                }
            }
        }
    }

    /** Per-thread buffers: a packed B micro-panel, an edge tile, and small-path rows. */
    private static final class Scratch {
        final float[] tile;
        float[] packedB = new float[0];
        float[] row = new float[0];
        float[] column = new float[0];

        Scratch(int mr, int nr) {
            this.tile = new float[mr * nr];
        }

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }

        float[] row(int n) {
            if (row.length < n) row = new float[n];
            return row;
        }

        float[] column(int k) {
            if (column.length < k) column = new float[k];
            return column;
        }
    }
}
