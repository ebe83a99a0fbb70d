package org.fglecg.tensor.kernel;

/**
 * The register-tiled inner loop of SGEMM: one {@code mr() x nr()} tile of C from packed panels.
 *
 * <p>Packed A panel: for each p in [0, kc), {@code mr()} consecutive values A[i0 + r][p].
 * Packed B panel: for each p in [0, kc), {@code nr()} consecutive values B[p][j0 + s] starting
 * at {@code bOff + p * ldb} (SGEMM packs several panels side by side in one block).
 * Every C element accumulates its kc products in increasing p with fused multiply-adds, so
 * implementations with the same panel blocking give the same bits.
 */
public interface GemmMicroKernel {

    /** Rows of the C tile. */
    int mr();

    /** Columns of the C tile. */
    int nr();

    /**
     * C[r][s] = alpha * acc[r][s] + beta * C[r][s] for the full tile, where acc is the kc-long
     * dot product of A panel row r and B panel column s. When beta is 0 C is not read; the
     * update is computed as {@code fma(acc, alpha, beta * C)}, or {@code acc * alpha}.
     */
    void tile(int kc, float[] a, int aOff, float[] b, int bOff, int ldb,
              float alpha, float beta, float[] c, int cOff, int ldc);
}
