package org.fglecg.ecg.data;

import org.fglecg.ecg.wfdb.SignalSpec;

/**
 * How a record's raw samples become the model's input signal (FGL-SPEC section 2): pick the
 * lead by name, convert to physical units ({@code (adc - baseline) / gain}, mV), subtract the
 * two-stage median baseline. These settings are part of the preprocessing cache key.
 *
 * @param lead         signal description to use, e.g. {@code MLII}
 * @param firstWindow  first median window in samples (72 = 200 ms at 360 Hz)
 * @param secondWindow second median window in samples (216 = 600 ms)
 */
public record Preprocessing(String lead, int firstWindow, int secondWindow) {

    /** The paper's settings: MLII, 72 then 216 samples. */
    public static final Preprocessing DEFAULT = new Preprocessing("MLII", 72, 216);

    public Preprocessing {
        if (firstWindow < 1 || secondWindow < 1) {
            throw new IllegalArgumentException("median windows must be >= 1, got " + firstWindow + ", " + secondWindow);
        }
    }

    /** Physical units, then the baseline removed. */
    public float[] apply(int[] adc, SignalSpec spec) {
        return MedianBaseline.remove(spec.toPhysical(adc), firstWindow, secondWindow);
    }

    /** A stable text form for cache keys. */
    public String key() {
        return "lead=" + lead + ";median=" + firstWindow + "," + secondWindow + ";units=physical;v1";
    }
}
