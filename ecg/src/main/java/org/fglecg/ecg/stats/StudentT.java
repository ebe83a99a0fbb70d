package org.fglecg.ecg.stats;

/** Student's t distribution: the two-sided p-value of a t statistic. */
public final class StudentT {
    private StudentT() {}

    /** P(|T| >= |t|) for T with {@code df} degrees of freedom (df >= 1). */
    public static double twoSidedP(double t, int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return 0;
        return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }
}
