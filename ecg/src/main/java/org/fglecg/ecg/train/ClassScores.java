package org.fglecg.ecg.train;

/**
 * Precision, recall and F1 of one class. A class with no beats in the split ({@code support ==
 * 0}) is <em>absent</em>: its scores are undefined and {@link #present()} is false; callers
 * print it as absent and leave it out of macro averages, never as NaN.
 *
 * <p>A present class that is never predicted gets precision 0 (scikit-learn's
 * {@code zero_division=0}), so a classifier cannot score by staying silent.
 */
public record ClassScores(String name, long support, long predicted, long truePositives) {

    public boolean present() {
        return support > 0;
    }

    public double precision() {
        requirePresent();
        return predicted == 0 ? 0.0 : (double) truePositives / predicted;
    }

    public double recall() {
        requirePresent();
        return (double) truePositives / support;
    }

    public double f1() {
        requirePresent();
        // 2TP / (2TP + FP + FN): the harmonic mean without a 0/0 when both are zero.
        long denominator = support + predicted;
        return 2.0 * truePositives / denominator;
    }

    private void requirePresent() {
        if (!present())
            throw new IllegalStateException("class " + name + " is absent from this split (0 beats): "
                    + "it has no precision, recall or F1");
    }
}
