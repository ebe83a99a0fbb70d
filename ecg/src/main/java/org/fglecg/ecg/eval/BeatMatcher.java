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
 *       and the other list's next beat is not closer to it; otherwise the earlier one is
 *       unmatched (a missed reference beat, or an extra test beat);</li>
 *   <li>reference beats inside a reference ventricular flutter/fibrillation episode
 *       ({@code [} to {@code ]}) are ignored, and so are extra test beats there;</li>
 *   <li>only beats from the start time on count (default 5 min).</li>
 * </ul>
 * Where this differs from {@code bxb}: pairs are formed over the whole record and a pair counts
 * when its reference beat lies at or after the start time (an unmatched beat when it lies
 * there), whereas {@code bxb} starts pairing at the start time with a special rule for the
 * first test beat; the two can differ by a beat at the start. Test-annotator shutdown (the X
 * row and column) is not modelled: MIT-BIH reference files mark none. e and j are N, not S
 * ({@link BeatClass}).
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
        List<Beat> ref = referenceBeats(sorted(reference), fibrillation);
        List<Beat> tst = new ArrayList<>();
        for (Annotation a : sorted(test)) {
            BeatClass c = BeatClass.ofCode(a.code());
            if (c != null) tst.add(new Beat(a.sample(), c));
        }

        BeatConfusion out = new BeatConfusion();
        int i = 0, j = 0;
        while (i < ref.size() || j < tst.size()) {
            Beat r = i < ref.size() ? ref.get(i) : null;
            Beat t = j < tst.size() ? tst.get(j) : null;
            if (r != null && t != null && t.sample < r.sample) {
                long nextGap = j + 1 < tst.size() ? Math.abs(r.sample - tst.get(j + 1).sample) : Long.MAX_VALUE;
                if (r.sample - t.sample <= window && r.sample - t.sample < nextGap) {
                    if (r.sample >= start) out.matched(r.label, t.label);
                    i++;
                    j++;
                } else {
                    if (t.sample >= start && !inside(fibrillation, t.sample)) out.extra(t.label);
                    j++;
                }
            } else if (r != null && t != null) {
                long nextGap = i + 1 < ref.size() ? Math.abs(t.sample - ref.get(i + 1).sample) : Long.MAX_VALUE;
                if (t.sample - r.sample <= window && t.sample - r.sample < nextGap) {
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

    /** The reference beats outside VF episodes; the episodes go to {@code fibrillation}. */
    private static List<Beat> referenceBeats(List<Annotation> reference, List<long[]> fibrillation) {
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
