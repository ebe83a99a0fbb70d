package org.fglecg.ecg.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fglecg.ecg.wfdb.Annotation;

/** Beats per AAMI class (N, S, V, F); immutable. */
public final class ClassCounts {
    private final int[] counts;

    public ClassCounts(int[] counts) {
        if (counts.length != AamiClass.COUNT) throw new IllegalArgumentException("need " + AamiClass.COUNT + " counts, got " + counts.length);
        this.counts = counts.clone();
    }

    /** Counts the labels ({@link AamiClass} indices) of the given beats. */
    public static ClassCounts of(BeatIndex beats, int[] indices) {
        int[] c = new int[AamiClass.COUNT];
        for (int i : indices) c[beats.label(i)]++;
        return new ClassCounts(c);
    }

    /** Counts the N/S/V/F beats among WFDB annotations (other codes are skipped, as {@link AamiClass#ofCode} says). */
    public static ClassCounts ofAnnotations(List<Annotation> annotations) {
        int[] c = new int[AamiClass.COUNT];
        for (Annotation a : annotations) {
            AamiClass k = AamiClass.ofCode(a.code());
            if (k != null) c[k.ordinal()]++;
        }
        return new ClassCounts(c);
    }

    public int get(AamiClass c) {
        return counts[c.ordinal()];
    }

    public int get(int classIndex) {
        return counts[classIndex];
    }

    public int total() {
        return Arrays.stream(counts).sum();
    }

    /** A copy, indexed by class index. */
    public int[] toArray() {
        return counts.clone();
    }

    public ClassCounts plus(ClassCounts o) {
        int[] c = new int[AamiClass.COUNT];
        for (int k = 0; k < c.length; k++) c[k] = counts[k] + o.counts[k];
        return new ClassCounts(c);
    }

    /** {@code "N 90,125 · S 2,781 · V 7,009 · F 803"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (AamiClass c : AamiClass.values()) {
            if (sb.length() > 0) sb.append(" · ");
            sb.append(c.name()).append(' ').append(String.format(Locale.ROOT, "%,d", counts[c.ordinal()]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassCounts c && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
