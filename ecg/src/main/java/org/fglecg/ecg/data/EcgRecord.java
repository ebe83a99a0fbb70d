package org.fglecg.ecg.data;

/**
 * One preprocessed record: the baseline-corrected lead (mV, one float per sample) and its beats
 * in sample order (R-peak sample = the annotation's sample, AAMI class index 0..3). The arrays
 * are shared, not copied: do not modify them.
 */
public final class EcgRecord {
    private final String name;
    private final double samplingFrequency;
    private final float[] signal;
    private final int[] beatSamples;
    private final byte[] beatLabels;

    public EcgRecord(String name, double samplingFrequency, float[] signal, int[] beatSamples, byte[] beatLabels) {
        if (beatSamples.length != beatLabels.length) {
            throw new IllegalArgumentException(name + ": " + beatSamples.length + " beat samples but " + beatLabels.length + " labels");
        }
        this.name = name;
        this.samplingFrequency = samplingFrequency;
        this.signal = signal;
        this.beatSamples = beatSamples;
        this.beatLabels = beatLabels;
    }

    /** Record name, e.g. {@code "100"}. */
    public String name() {
        return name;
    }

    /** Samples per second (360 for MIT-BIH). */
    public double samplingFrequency() {
        return samplingFrequency;
    }

    /** The preprocessed lead; shared, do not modify. */
    public float[] signal() {
        return signal;
    }

    public int length() {
        return signal.length;
    }

    public int numBeats() {
        return beatSamples.length;
    }

    /** R-peak sample of beat {@code i} of this record. */
    public int beatSample(int i) {
        return beatSamples[i];
    }

    /** AAMI class index (0..3) of beat {@code i} of this record. */
    public int beatLabel(int i) {
        return beatLabels[i];
    }

    /** Beat counts of this record by class. */
    public ClassCounts classCounts() {
        int[] c = new int[AamiClass.COUNT];
        for (byte l : beatLabels) c[l]++;
        return new ClassCounts(c);
    }
}
