package org.fglecg.ecg.train;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} is the number of beats of
 * class t predicted as p. Rows are the truth, columns the prediction (scikit-learn's layout).
 */
public final class ConfusionMatrix {
    private final List<String> classNames;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classNames) {
        if (classNames.isEmpty()) throw new IllegalArgumentException("confusion matrix needs at least one class");
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    /** Rebuilds a matrix from its rows (e.g. read back from a report). */
    public static ConfusionMatrix of(List<String> classNames, long[][] rows) {
        ConfusionMatrix m = new ConfusionMatrix(classNames);
        if (rows.length != m.numClasses())
            throw new IllegalArgumentException("confusion matrix: " + rows.length + " rows for "
                    + m.numClasses() + " classes");
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != m.numClasses())
                throw new IllegalArgumentException("confusion matrix: row " + t + " has "
                        + rows[t].length + " columns for " + m.numClasses() + " classes");
            m.counts[t] = rows[t].clone();
        }
        return m;
    }

    public void add(int trueClass, int predictedClass) {
        check(trueClass, "true");
        check(predictedClass, "predicted");
        counts[trueClass][predictedClass]++;
    }

    /** Adds one beat per index: {@code truth[i]} predicted as {@code predicted[i]}. */
    public void addAll(int[] truth, int[] predicted) {
        if (truth.length != predicted.length)
            throw new IllegalArgumentException("confusion matrix: " + truth.length + " labels but "
                    + predicted.length + " predictions");
        for (int i = 0; i < truth.length; i++) add(truth[i], predicted[i]);
    }

    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Beats whose true class is c. */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) s += v;
        return s;
    }

    /** Beats predicted as c. */
    public long predicted(int c) {
        long s = 0;
        for (long[] row : counts) s += row[c];
        return s;
    }

    public long total() {
        long s = 0;
        for (long[] row : counts) for (long v : row) s += v;
        return s;
    }

    public long correct() {
        long s = 0;
        for (int c = 0; c < counts.length; c++) s += counts[c][c];
        return s;
    }

    /** A copy of the counts, rows = truth. */
    public long[][] rows() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) copy[t] = counts[t].clone();
        return copy;
    }

    private void check(int c, String what) {
        if (c < 0 || c >= counts.length)
            throw new IllegalArgumentException("confusion matrix: " + what + " class " + c
                    + " outside [0, " + counts.length + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classNames.equals(m.classNames)
                && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
    }
}
