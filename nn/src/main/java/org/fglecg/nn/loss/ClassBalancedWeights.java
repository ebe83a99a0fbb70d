package org.fglecg.nn.loss;

/**
 * Class-balanced weights (Cui et al., CVPR 2019): alpha_i = (1 - beta) / (1 - beta^N_i) for a
 * class with N_i training samples, normalised so the weights sum to the number of classes K.
 */
public final class ClassBalancedWeights {
    private ClassBalancedWeights() {}

    public static float[] of(long[] counts, double beta) {
        if (!(beta >= 0 && beta < 1)) throw new IllegalArgumentException("class-balanced weights: beta " + beta
                + " must be in [0, 1)");
        double[] alpha = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] <= 0) throw new IllegalArgumentException("class-balanced weights: class " + i
                    + " has " + counts[i] + " samples; every class needs at least one");
            alpha[i] = (1 - beta) / (1 - Math.pow(beta, counts[i]));
            sum += alpha[i];
        }
        float[] w = new float[counts.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) (alpha[i] / sum * counts.length);
        return w;
    }
}
