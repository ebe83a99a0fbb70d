package org.fglecg.ecg.stats;

/** The mean and sample standard deviation (n - 1 in the denominator; 0 for one value). */
public record MeanSd(int n, double mean, double sd) {

    public static MeanSd of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / values.length, ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        return new MeanSd(values.length, mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0);
    }
}
