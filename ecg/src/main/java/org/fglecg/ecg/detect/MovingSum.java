package org.fglecg.ecg.detect;

/**
 * A causal running sum over the last {@code length} samples, one sample at a time: the building
 * block of the detector's linear-phase filters. Before {@code length} samples have arrived the
 * missing ones count as zero. The sum is kept in a double; the inputs are bounded ECG values,
 * so rounding drift over hours of samples stays far below the signal's resolution.
 */
final class MovingSum {
    private final double[] ring;
    private int pos;
    private double sum;

    MovingSum(int length) {
        if (length < 1) throw new IllegalArgumentException("moving sum length must be >= 1, got " + length);
        ring = new double[length];
    }

    int length() {
        return ring.length;
    }

    /** Adds {@code x} and returns the sum of the last {@code length} inputs. */
    double next(double x) {
        sum += x - ring[pos];
        ring[pos] = x;
        if (++pos == ring.length) pos = 0;
        return sum;
    }
}
