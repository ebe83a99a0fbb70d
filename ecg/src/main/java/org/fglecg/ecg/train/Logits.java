package org.fglecg.ecg.train;

/**
 * A beat's class scores as the network returns them (logits), read one row of {@code k} classes
 * at a time, without allocating: the predicted class and the softmax probabilities. One rule for
 * evaluation, {@code fgl predict} and the streaming classifier.
 */
public final class Logits {
    private Logits() {}

    /** Index (0 .. k-1) of the largest of z[off .. off+k), the first on ties. */
    public static int argmax(float[] z, int off, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) if (z[off + c] > z[off + best]) best = c;
        return best;
    }

    /**
     * out[0 .. k) = softmax of z[off .. off+k): the largest logit subtracted first, so exp never
     * overflows; exponentials and their sum in double.
     */
    public static void softmax(float[] z, int off, int k, float[] out) {
        float max = z[off + argmax(z, off, k)];
        double sum = 0;
        for (int c = 0; c < k; c++) sum += Math.exp(z[off + c] - max);
        for (int c = 0; c < k; c++) out[c] = (float) (Math.exp(z[off + c] - max) / sum);
    }
}
