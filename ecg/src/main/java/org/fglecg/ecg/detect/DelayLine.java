package org.fglecg.ecg.detect;

/** A causal delay of a fixed number of samples: returns the input of {@code delay} steps ago (zero at first). */
final class DelayLine {
    private final double[] ring;
    private int pos;

    DelayLine(int delay) {
        if (delay < 0) throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        ring = new double[delay];
    }

    double next(double x) {
        if (ring.length == 0) return x;
        double out = ring[pos];
        ring[pos] = x;
        if (++pos == ring.length) pos = 0;
        return out;
    }
}
