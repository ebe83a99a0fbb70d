package org.fglecg.ecg.data;

import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every labelled beat of a set of records, numbered 0..size-1 in record order, then sample
 * order: for each beat its record (index into the record list), R-peak sample and AAMI class.
 * Splits and batches are arrays of these beat numbers. About 9 bytes per beat.
 */
public final class BeatIndex {
    private final List<EcgRecord> records;
    private final int[] record;
    private final int[] sample;
    private final byte[] label;

    public BeatIndex(List<EcgRecord> records) {
        this.records = List.copyOf(records);
        int n = records.stream().mapToInt(EcgRecord::numBeats).sum();
        record = new int[n];
        sample = new int[n];
        label = new byte[n];
        int i = 0;
        for (int r = 0; r < records.size(); r++) {
            EcgRecord rec = records.get(r);
            for (int b = 0; b < rec.numBeats(); b++, i++) {
                record[i] = r;
                sample[i] = rec.beatSample(b);
                label[i] = (byte) rec.beatLabel(b);
            }
        }
    }

    public int size() {
        return sample.length;
    }

    /** The records the beats refer to. */
    public List<EcgRecord> records() {
        return records;
    }

    /** Index (into {@link #records()}) of the record of beat {@code i}. */
    public int record(int i) {
        return record[i];
    }

    /** Name of the record of beat {@code i}. */
    public String recordName(int i) {
        return records.get(record[i]).name();
    }

    /** R-peak sample of beat {@code i} within its record. */
    public int sample(int i) {
        return sample[i];
    }

    /** AAMI class index (0..3) of beat {@code i}. */
    public int label(int i) {
        return label[i];
    }

    /** All beat numbers, 0..size-1. */
    public int[] all() {
        return IntStream.range(0, size()).toArray();
    }

    /** The beats of the named records, in beat order. */
    public int[] ofRecords(Collection<String> names) {
        boolean[] keep = new boolean[records.size()];
        for (int r = 0; r < records.size(); r++) keep[r] = names.contains(records.get(r).name());
        return IntStream.range(0, size()).filter(i -> keep[record[i]]).toArray();
    }

    /** Class counts of all beats. */
    public ClassCounts classCounts() {
        return ClassCounts.of(this, all());
    }

    /** Class counts of the given beats. */
    public ClassCounts classCounts(int[] beats) {
        return ClassCounts.of(this, beats);
    }

    /** Bytes held by this index (not counting the records' signals). */
    public long bytes() {
        return 9L * size();
    }
}
