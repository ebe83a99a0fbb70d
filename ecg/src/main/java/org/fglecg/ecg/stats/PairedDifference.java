package org.fglecg.ecg.stats;

/**
 * A paired comparison over seeds: the per-seed differences (e.g. FGL minus baseline macro-F1
 * at the same training seed), their mean and sample standard deviation, and the paired t-test
 * of a zero mean difference (two-sided). With fewer than two pairs, or differences that are all
 * equal, the test is undefined and {@link #p()} is NaN.
 */
public record PairedDifference(double[] differences, double mean, double sd, double t, int df, double p) {

    public static PairedDifference of(double[] a, double[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        MeanSd m = MeanSd.of(d);
        int df = d.length - 1;
        if (df < 1 || m.sd() == 0) return new PairedDifference(d, m.mean(), m.sd(), Double.NaN, df, Double.NaN);
        double t = m.mean() / (m.sd() / Math.sqrt(d.length));
        return new PairedDifference(d, m.mean(), m.sd(), t, df, StudentT.twoSidedP(t, df));
    }

    public int pairs() {
        return differences.length;
    }
}
