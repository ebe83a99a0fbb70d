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
     * C[r][s] = acc[r][s] for the full tile, where acc is the kc-long dot product of A panel
     * row r and B panel column s. C is only written.
     *
     * <p>Why alpha and beta are not applied here: with a second, branchy epilogue in the same
     * method (read C, scale, fma, store), C2 on JDK 17 compiled some of its vector stores as
     * calls to the Java fallback once the method was recompiled after a deoptimisation; in
     * teacher training 18 % of the time went to {@code FloatVector.stOp}. A tile with one
     * straight run of stores does not hit that, and {@link #update} does the rest.
     */
    void tile(int kc, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc);

    /**
     * C[r][s] = {@link #update(float, float, float, float) update}(tile[r * nr() + s], alpha,
     * beta, C[r][s]) for a full tile held row-major in {@code tile}.
     */
    default void update(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc) {
        updatePart(tile, nr(), mr(), nr(), alpha, beta, c, cOff, ldc);
    }

    /**
     * {@link #update(float, float, float, float) update} element by element for the top-left
     * {@code rows x cols} of a row-major tile whose rows are {@code nr} long: a whole tile, or
     * the part of an edge tile that lies inside C.
     */
    static void updatePart(float[] tile, int nr, int rows, int cols, float alpha, float beta,
                           float[] c, int cOff, int ldc) {
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
                c[cOff + r * ldc + q] = update(tile[r * nr + q], alpha, beta, c[cOff + r * ldc + q]);
    }

    /**
     * The one rounding rule for writing a product into C (the vector update matches it): when
     * beta is 0 C is not read and the result is {@code acc * alpha}; otherwise
     * {@code fma(acc, alpha, beta * C)}.
     */
    static float update(float acc, float alpha, float beta, float old) {
        return beta == 0f ? acc * alpha : Math.fma(acc, alpha, beta * old);
    }
}
