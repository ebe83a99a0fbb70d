package org.fglecg.ecg.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two evaluation protocols of FGL-SPEC section 6 ({@link Splits}). {@link #toString()} is the
 * name {@code config.json} and the command line use.
 */
public enum SplitKind {
    /** Stratified 80 / 10 / 10 of all beats, shuffled with a seed. */
    INTRA,
    /** DS1 minus the validation records / those records / DS2. */
    INTER;

    /** This protocol's split of {@code beats}; {@code seed} shuffles the intra-patient split. */
    public Split split(BeatIndex beats, long seed) {
        return this == INTER ? Splits.interPatient(beats) : Splits.intraPatient(beats, seed);
    }

    /** {@code "intra"} or {@code "inter"}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name} (case-insensitive); the message of a bad name lists the valid ones. */
    public static SplitKind of(String name) {
        for (SplitKind k : values()) if (k.toString().equalsIgnoreCase(name)) return k;
        throw new IllegalArgumentException("unknown split '" + name + "' (valid: " + names() + ")");
    }

    /** "intra, inter". */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(SplitKind::toString).toList());
    }
}
