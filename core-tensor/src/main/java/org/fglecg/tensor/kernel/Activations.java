package org.fglecg.tensor.kernel;

/**
 * Activation functions composed from the {@link Kernels} primitives on plain arrays, shared by
 * the tensor operations and the allocation-free inference path so both compute the same bits.
 */
public final class Activations {
    /** Elements per pass of {@link #sigmoid}: the size its scratch must have at least. */
    public static final int SIGMOID_BLOCK = 256;

    private Activations() {}

    /**
     * y[yOff + i] = sigmoid(x[xOff + i]) for i in [0, n), as exp(min(x, 0)) / (1 + exp(-|x|)):
     * both exponents are at most 0, so nothing overflows, and there is no branch on the sign.
     * Works in blocks of {@link #SIGMOID_BLOCK} so the three passes stay in L1; {@code scratch}
     * holds a block's numerators. y may alias x exactly.
     */
    public static void sigmoid(Kernels k, float[] x, int xOff, float[] y, int yOff, int n, float[] scratch) {
        if (scratch.length < SIGMOID_BLOCK) {
            throw new IllegalArgumentException("sigmoid: scratch of " + scratch.length + " floats, needs "
                    + SIGMOID_BLOCK);
        }
        for (int b = 0; b < n; b += SIGMOID_BLOCK) {
            int len = Math.min(SIGMOID_BLOCK, n - b);
            for (int j = 0; j < len; j++) {
                float v = x[xOff + b + j];
                scratch[j] = Math.min(v, 0f);
                y[yOff + b + j] = -Math.abs(v);
            }
            k.exp(y, yOff + b, y, yOff + b, len);
            k.exp(scratch, 0, scratch, 0, len);
            for (int j = 0; j < len; j++) y[yOff + b + j] = scratch[j] / (1f + y[yOff + b + j]);
        }
    }
}
