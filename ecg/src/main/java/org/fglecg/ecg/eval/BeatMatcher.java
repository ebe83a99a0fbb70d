package org.fglecg.ecg.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationCode;

/**
 * Beat-by-beat comparison of a test annotation list with a reference one, by the rules of
 * ANSI/AAMI EC57 as PhysioNet's {@code bxb} applies them:
 * <ul>
 *   <li>only beat annotations take part (WFDB {@code isqrs} codes), labelled by {@link BeatClass};</li>
 *   <li>both lists are walked in time order; of the current reference beat T and test beat t,
 *       the earlier one is paired with the other if they are at most the match window apart
 *       and either the other list's next beat is not as close to the later one, or that next
 *       beat has a closer partner still, its own list's next beat ({@code bxb}'s rule since
 *       2002, for rates over 200 bpm); otherwise the earlier one is unmatched (a missed
 *       reference beat, or an extra test beat);</li>
 *   <li>beats inside a ventricular flutter/fibrillation episode ({@code [} to {@code ]}) of
 *       their own file are ignored, and so are extra test beats inside a reference episode;</li>
 *   <li>only beats from the start time on count (default 5 min).</li>
 * </ul>
 * Where this differs from {@code bxb}: pairs are formed over the whole record and a pair counts
 * when its reference beat lies at or after the start time (an unmatched beat when it lies
 * there), whereas {@code bxb} starts pairing at the start time with a special rule for the
 * first test beat; the two can differ by a beat at the start. Shutdown (both signals
 * unreadable, NOISE annotations) is not modelled: a beat {@code bxb} puts in its X row or
 * column counts here in O or o, which {@code bxb}'s statistics treat alike, so only the matrix
 * differs. Annotations past the end of the record count ({@code bxb} stops at the record's
 * length, which an annotation list does not carry). e and j are N, not S ({@link BeatClass}).
 */
public final class BeatMatcher {
    private BeatMatcher() {}

    private record Beat(long sample, BeatClass label) {}

    /**
     * Compares {@code test} with {@code reference}, both annotation lists of a record sampled at
     * {@code fs} Hz.
     */
    public static BeatConfusion compare(List<Annotation> reference, List<Annotation> test, double fs, ComparisonRules rules) {
        if (!(fs > 0)) throw new IllegalArgumentException("sampling frequency must be positive, got " + fs);
        long window = Math.round(rules.matchWindowSeconds() * fs);
        long start = Math.round(rules.startSeconds() * fs);
        List<long[]> fibrillation = new ArrayList<>();
        List<Beat> ref = beatsOutsideFibrillation(sorted(reference), fibrillation);
        List<Beat> tst = beatsOutsideFibrillation(sorted(test), new ArrayList<>());

        BeatConfusion out = new BeatConfusion();
        int i = 0, j = 0;
        while (i < ref.size() || j < tst.size()) {
            Beat r = i < ref.size() ? ref.get(i) : null;
            Beat t = j < tst.size() ? tst.get(j) : null;
            if (r != null && t != null && t.sample < r.sample) {
                Beat rNext = i + 1 < ref.size() ? ref.get(i + 1) : null, tNext = j + 1 < tst.size() ? tst.get(j + 1) : null;
                long gap = r.sample - t.sample;
                if (gap <= window && (gap < distance(r, tNext) || distance(rNext, tNext) < distance(r, tNext))) {
                    if (r.sample >= start) out.matched(r.label, t.label);
                    i++;
                    j++;
                } else {
                    if (t.sample >= start && !inside(fibrillation, t.sample)) out.extra(t.label);
                    j++;
                }
            } else if (r != null && t != null) {
                Beat rNext = i + 1 < ref.size() ? ref.get(i + 1) : null, tNext = j + 1 < tst.size() ? tst.get(j + 1) : null;
                long gap = t.sample - r.sample;
                if (gap <= window && (gap < distance(t, rNext) || distance(tNext, rNext) < distance(t, rNext))) {
                    if (r.sample >= start) out.matched(r.label, t.label);
                    i++;
                    j++;
                } else {
                    if (r.sample >= start) out.missed(r.label);
                    i++;
                }
            } else if (r != null) {
                if (r.sample >= start) out.missed(r.label);
                i++;
            } else {
                if (t.sample >= start && !inside(fibrillation, t.sample)) out.extra(t.label);
                j++;
            }
        }
        return out;
    }

    /** The beats outside VF episodes ({@code [} to {@code ]}); the episodes go to {@code fibrillation}. */
    private static List<Beat> beatsOutsideFibrillation(List<Annotation> reference, List<long[]> fibrillation) {
        List<Beat> out = new ArrayList<>();
        long vfOn = -1;
        for (Annotation a : reference) {
            if (a.code() == AnnotationCode.VFON) {
                if (vfOn < 0) vfOn = a.sample();
            } else if (a.code() == AnnotationCode.VFOFF) {
                if (vfOn >= 0) fibrillation.add(new long[] {vfOn, a.sample()});
                vfOn = -1;
            } else if (vfOn < 0) {
                BeatClass c = BeatClass.ofCode(a.code());
                if (c != null) out.add(new Beat(a.sample(), c));
            }
        }
        if (vfOn >= 0) fibrillation.add(new long[] {vfOn, Long.MAX_VALUE}); // VF to the end
        return out;
    }

    /** Samples between two beats; the largest value when either is missing (past the end of its list). */
    private static long distance(Beat a, Beat b) {
        return a == null || b == null ? Long.MAX_VALUE : Math.abs(a.sample - b.sample);
    }

    private static boolean inside(List<long[]> episodes, long sample) {
        for (long[] e : episodes) if (e[0] <= sample && sample <= e[1]) return true;
        return false;
    }

    private static List<Annotation> sorted(List<Annotation> a) {
        for (int k = 1; k < a.size(); k++) {
            if (a.get(k).sample() < a.get(k - 1).sample()) {
                List<Annotation> s = new ArrayList<>(a);
                s.sort(Comparator.comparingLong(Annotation::sample)); // stable
                return s;
            }
        }
        return a;
    }
}
