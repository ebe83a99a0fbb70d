package org.fglecg.ecg.data;

/**
 * Baseline-wander removal by a two-stage median filter (FGL-SPEC section 2): the baseline is
 * the median filter of width {@code w2} applied to the median filter of width {@code w1} of the
 * signal, and is subtracted from the signal. Defaults 72 then 216 samples (200 ms and 600 ms at
 * 360 Hz). O(n log w) by {@link SlidingMedian}.
 *
 * <p><b>Window and edges.</b> The window of width {@code w} at sample {@code t} covers
 * {@code [t - w/2, t - w/2 + w)} ({@code w/2} samples before, {@code w - w/2 - 1} after; for
 * w = 72: 36 before, 35 after). At the record's edges the window shrinks to the samples that
 * exist (no padding). The median of an even number of values is the mean of the middle two.
 */
public final class MedianBaseline {
    private MedianBaseline() {}

    /** The centred running median of {@code x} with window {@code w} (see the class comment). */
    public static float[] medianFilter(float[] x, int w) {
        float[] out = new float[x.length];
        medianFilter(x, w, out);
        return out;
    }

    /** Writes the running median of {@code x} into {@code out} (which may not be {@code x}). */
    public static void medianFilter(float[] x, int w, float[] out) {
        if (w < 1) throw new IllegalArgumentException("median window must be >= 1, got " + w);
        if (out == x) throw new IllegalArgumentException("median filter cannot run in place");
        int n = x.length;
        int before = w / 2;
        SlidingMedian m = new SlidingMedian(w);
        int end = Math.min(n, w - before); // window of t = 0 is [0, w - before)
        for (int i = 0; i < end; i++) m.add(i % w, x[i]);
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                int entering = t - before + w - 1;
                int leaving = t - before - 1;
                if (leaving >= 0 && entering < n) {
                    m.replace(entering % w, x[entering]); // same slot: entering - leaving == w
                } else {
                    if (leaving >= 0) m.remove(leaving % w);
                    if (entering < n) m.add(entering % w, x[entering]);
                }
            }
            out[t] = m.median();
        }
    }

    /** The baseline of {@code x}: median filter {@code w2} of median filter {@code w1}. */
    public static float[] baseline(float[] x, int w1, int w2) {
        return medianFilter(medianFilter(x, w1), w2);
    }

    /** {@code x} minus its two-stage median baseline. */
    public static float[] remove(float[] x, int w1, int w2) {
        float[] b = baseline(x, w1, w2);
        for (int i = 0; i < x.length; i++) b[i] = x[i] - b[i];
        return b;
    }
}
