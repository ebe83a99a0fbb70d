package org.fglecg.ecg.wfdb;

/**
 * One signal line of a WFDB header (header(5)): where the samples are stored and how ADC units
 * map to physical units. Defaults of omitted fields are already applied by {@link Header}.
 *
 * @param fileName       signal file, relative to the header's directory
 * @param format         storage format code (16, 61, 80, 212, 310, 311)
 * @param samplesPerFrame samples of this signal per frame (1 unless multi-frequency)
 * @param skew           samples of this signal that precede sample 0 in the file
 * @param byteOffset     bytes of preamble before sample 0 of the file
 * @param adcGain        ADC units per physical unit (200 when the header gives 0 or nothing)
 * @param baseline       ADC value of 0 physical units (the ADC zero when omitted)
 * @param units          physical units ("mV" when omitted)
 * @param adcResolution  ADC bits
 * @param adcZero        ADC value at the middle of the input range
 * @param initialValue   first sample (used only by difference formats)
 * @param checksum       16-bit signed sum of all samples, or {@code null} when the header has none
 * @param blockSize      block size in bytes (0: none)
 * @param description    signal name, e.g. {@code MLII}
 */
public record SignalSpec(String fileName, int format, int samplesPerFrame, int skew, long byteOffset,
                         double adcGain, int baseline, String units, int adcResolution, int adcZero,
                         int initialValue, Integer checksum, int blockSize, String description) {

    /** A signal with one sample per frame, no skew, no preamble and no checksum yet. */
    public static SignalSpec of(String fileName, int format, double adcGain, int baseline,
                                int adcResolution, String description) {
        return new SignalSpec(fileName, format, 1, 0, 0, adcGain, baseline, "mV", adcResolution,
                baseline, baseline, null, 0, description);
    }

    /** Physical value of one ADC sample: {@code (adc - baseline) / gain}. */
    public float toPhysical(int adc) {
        return (float) ((adc - baseline) / adcGain);
    }

    /** Physical values of ADC samples. */
    public float[] toPhysical(int[] adc) {
        float[] out = new float[adc.length];
        double inv = 1.0 / adcGain;
        for (int i = 0; i < adc.length; i++) out[i] = (float) ((adc[i] - baseline) * inv);
        return out;
    }

    /** The same signal with the given checksum and initial value (what a writer fills in). */
    public SignalSpec withChecksum(int checksum, int initialValue) {
        return new SignalSpec(fileName, format, samplesPerFrame, skew, byteOffset, adcGain, baseline,
                units, adcResolution, adcZero, initialValue, checksum, blockSize, description);
    }
}
