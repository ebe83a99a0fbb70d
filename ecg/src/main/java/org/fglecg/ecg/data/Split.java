package org.fglecg.ecg.data;

/**
 * A train / validation / test split: three disjoint arrays of beat numbers (ascending).
 *
 * @param name  e.g. {@code "intra-patient seed 42"} or {@code "inter-patient"}
 */
public record Split(String name, int[] train, int[] val, int[] test) {

    /** Per-split class counts, one line each, for logs. */
    public String describe(BeatIndex beats) {
        return String.format(java.util.Locale.ROOT, "%s%n  train %s (%,d)%n  val   %s (%,d)%n  test  %s (%,d)", name,
                beats.classCounts(train), train.length, beats.classCounts(val), val.length, beats.classCounts(test), test.length);
    }
}
