package org.fglecg.ecg.detect;

/**
 * The detector's QRS band-pass (about 5 to 12 Hz), designed from the sampling rate as
 * Pan and Tompkins (1985) designed theirs at 200 Hz: a low-pass made of two cascaded moving
 * averages of about 1/30 s (first zero near 30 Hz, which also removes 50/60 Hz mains at the
 * common rates), then a high-pass that subtracts a moving average of about 160 ms from the
 * signal delayed to its centre. Every stage is a symmetric FIR, so the phase is linear and
 * the delay exact: {@link #delay()} samples, the same for every frequency, hence an R peak
 * keeps its position and only shifts by the delay.
 */
final class QrsBandPass {
    private final MovingSum low1, low2, high;
    private final DelayLine highCentre;
    private final int delay;

    QrsBandPass(double fs) {
        int lowLength = Math.max(2, (int) Math.round(fs / 30.0));
        int highLength = odd(0.16 * fs);
        low1 = new MovingSum(lowLength);
        low2 = new MovingSum(lowLength);
        high = new MovingSum(highLength);
        highCentre = new DelayLine((highLength - 1) / 2);
        // Two moving averages of length L delay by (L - 1) / 2 each; the high-pass by its centre.
        delay = (lowLength - 1) + (highLength - 1) / 2;
        lowScale = 1.0 / ((double) lowLength * lowLength);
        highScale = 1.0 / highLength;
    }

    private final double lowScale, highScale;

    /** Samples between an input and the filtered sample that corresponds to it. */
    int delay() {
        return delay;
    }

    /** Filters one sample. */
    double next(double x) {
        double lp = low2.next(low1.next(x)) * lowScale;
        return highCentre.next(lp) - high.next(lp) * highScale;
    }

    /** The odd integer nearest {@code v}, at least 3, so that a moving average has a whole-sample centre. */
    static int odd(double v) {
        int n = (int) Math.round(v);
        if (n % 2 == 0) n = v >= n ? n + 1 : n - 1;
        return Math.max(3, n);
    }
}
