package org.fglecg.ecg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationCode;
import org.junit.jupiter.api.Test;

/** The bxb matching rules and statistics on hand-built annotation lists (100 Hz: the window is 15 samples). */
class BeatMatcherTest {
    private static final double FS = 100;
    private static final ComparisonRules ALL = ComparisonRules.WHOLE_RECORD;
    private static final int N = 0, S = 1, V = 2, F = 3, Q = 4, O = 5;

    private static List<Annotation> anns(Object... sampleCode) {
        List<Annotation> a = new ArrayList<>();
        for (int i = 0; i < sampleCode.length; i += 2) a.add(Annotation.of((Integer) sampleCode[i], AnnotationCode.ofMnemonic((String) sampleCode[i + 1])));
        return a;
    }

    @Test
    void matchesWithinTheWindowOnly() {
        BeatConfusion c = BeatMatcher.compare(
                anns(1000, "N", 2000, "N", 3000, "N"),
                anns(1010, "N", 2016, "N", 3500, "N"), FS, ALL);
        assertEquals(1, c.matchedBeats());   // 1010: 10 samples off
        assertEquals(2, c.missedBeats());    // 2000 (16 > 15 samples off), 3000
        assertEquals(2, c.extraBeats());     // 2016, 3500
        assertEquals(new Ratio(1, 3), c.qrsSensitivity());
        assertEquals(new Ratio(1, 3), c.qrsPositivePredictivity());
        // Exactly at the window matches.
        assertEquals(1, BeatMatcher.compare(anns(1000, "N"), anns(1015, "N"), FS, ALL).matchedBeats());
    }

    @Test
    void aCloserNextBeatTakesTheMatch() {
        // Test 990 is within the window of 1000, but the next test beat 1005 is closer: 990 is extra.
        BeatConfusion c = BeatMatcher.compare(anns(1000, "V"), anns(990, "N", 1005, "V"), FS, ALL);
        assertEquals(1, c.count(V, V));
        assertEquals(1, c.count(O, N));
        // Reference 1000 and 1012, one test beat at 1009: it pairs with 1012; 1000 is missed.
        c = BeatMatcher.compare(anns(1000, "N", 1012, "V"), anns(1009, "V"), FS, ALL);
        assertEquals(1, c.count(V, V));
        assertEquals(1, c.count(N, O));
    }

    /** bxb's 2002 rule, on the example in its source comments: window 37, ref 96 and 160, test 128 and 185. */
    @Test
    void aNextPairThatMatchesBetterLeavesTheCurrentOneToPair() {
        ComparisonRules w37 = new ComparisonRules(0.37, 0);
        // 128 is as close to 160 as to 96, but 185 matches 160 better: 96-128 and 160-185 pair.
        BeatConfusion c = BeatMatcher.compare(anns(96, "N", 160, "V"), anns(128, "N", 185, "V"), FS, w37);
        assertEquals(1, c.count(N, N));
        assertEquals(1, c.count(V, V));
        assertEquals(0, c.missedBeats() + c.extraBeats());
        // The same with the roles swapped (the test beat earlier).
        c = BeatMatcher.compare(anns(128, "N", 185, "V"), anns(96, "N", 160, "V"), FS, w37);
        assertEquals(2, c.matchedBeats());
        // Without the better next pair, the old rule stands: 96 missed, 128 pairs with 160.
        c = BeatMatcher.compare(anns(96, "N", 160, "V"), anns(128, "V"), FS, w37);
        assertEquals(1, c.count(V, V));
        assertEquals(1, c.count(N, O));
    }

    @Test
    void confusionMatrixAndClassStatistics() {
        List<Annotation> ref = anns(
                100, "N", 200, "N", 300, "N", 400, "N",  // N: n n v s
                500, "V", 600, "V", 700, "V",            // V: v n missed
                800, "A", 900, "A",                      // S: s n
                1000, "F", 1100, "F",                    // F: v s
                1200, "/",                               // Q: v
                1300, "L", 1400, "j", 1500, "a", 1600, "E", 1700, "f");
        List<Annotation> test = anns(
                102, "N", 198, "N", 301, "V", 400, "A",
                505, "V", 600, "N",
                800, "A", 899, "N",
                1000, "V", 1100, "A",
                1200, "V",
                1300, "N", 1400, "N", 1500, "S", 1600, "V", 1700, "Q",
                1800, "V", 1900, "A", 2000, "N");   // three extra beats
        BeatConfusion c = BeatMatcher.compare(ref, test, FS, ALL);
        long[][] want = {
                // n  s  v  f  q  o
                {4, 1, 1, 0, 0, 0},   // N (N N N N L j)
                {1, 2, 0, 0, 0, 0},   // S (A A a)
                {1, 0, 2, 0, 0, 1},   // V (V V V E)
                {0, 1, 1, 0, 0, 0},   // F
                {0, 0, 1, 0, 1, 0},   // Q (/ f)
                {1, 1, 1, 0, 0, 0}};  // O: extra test beats
        assertEquals(BeatConfusion.of(want), c);
        assertEquals(new Ratio(16, 17), c.qrsSensitivity());
        assertEquals(new Ratio(16, 19), c.qrsPositivePredictivity());
        assertEquals(new Ratio(2, 4), c.vebSensitivity());                      // Vv / V row
        assertEquals(new Ratio(2, 2 + 1 + 0 + 1), c.vebPositivePredictivity()); // Vv + Nv + Sv + Ov: Fv, Qv are not false VEBs
        assertEquals(new Ratio(2, 3), c.svebSensitivity());
        assertEquals(new Ratio(2, 2 + 1 + 0 + 1 + 1), c.svebPositivePredictivity()); // Ss + Ns + Vs + Fs + Os
        assertEquals(new Ratio(4 + 2 + 2 + 0 + 1, 16), c.sameClass());              // the diagonal of the matched beats
    }

    @Test
    void beatsBeforeTheStartTimeDoNotCount() {
        ComparisonRules from10s = new ComparisonRules(0.15, 10);
        BeatConfusion c = BeatMatcher.compare(
                anns(500, "N", 995, "N", 1100, "N", 1200, "N"),
                anns(700, "N", 1002, "N", 1100, "N", 1300, "N"), FS, from10s);
        // 500 missed and 700 extra are before 10 s; 995/1002 pairs but its reference beat is before 10 s.
        assertEquals(1, c.matchedBeats());
        assertEquals(1, c.missedBeats());
        assertEquals(1, c.extraBeats());
        assertEquals(new Ratio(0, 0), BeatMatcher.compare(anns(5, "N"), anns(5, "N"), FS, ComparisonRules.EC57).qrsSensitivity());
        assertFalse(new Ratio(0, 0).defined());
        assertEquals("-", new Ratio(0, 0).percentText());
    }

    @Test
    void ventricularFibrillationEpisodesAreLeftOut() {
        List<Annotation> ref = anns(1000, "N", 2000, "[", 2500, "N", 3000, "]", 4000, "N");
        List<Annotation> test = anns(1000, "N", 2200, "N", 2500, "N", 2800, "N", 4000, "N", 5000, "N");
        BeatConfusion c = BeatMatcher.compare(ref, test, FS, ALL);
        assertEquals(2, c.matchedBeats());
        assertEquals(0, c.missedBeats());
        assertEquals(1, c.extraBeats()); // only 5000: the three inside [ ] are not counted
        // An episode in the test file hides the test's own beats there, as in bxb: 2500 is missed.
        c = BeatMatcher.compare(anns(1000, "N", 2500, "N"), anns(1000, "N", 2000, "[", 2500, "N", 3000, "]"), FS, ALL);
        assertEquals(1, c.matchedBeats());
        assertEquals(1, c.missedBeats());
        assertEquals(0, c.extraBeats());
    }

    @Test
    void nonBeatAnnotationsAreIgnoredAndOrderIsRestored() {
        List<Annotation> ref = anns(1000, "N", 1500, "+", 2000, "N", 2100, "~");
        List<Annotation> test = anns(2001, "N", 999, "V", 1700, "|");
        BeatConfusion c = BeatMatcher.compare(ref, test, FS, ALL);
        assertEquals(1, c.count(N, V));
        assertEquals(1, c.count(N, N));
        assertEquals(0, c.extraBeats());
    }

    @Test
    void grossCountsAddAndBadArgumentsAreRefused() {
        BeatConfusion a = BeatMatcher.compare(anns(100, "N"), anns(100, "N"), FS, ALL);
        BeatConfusion b = BeatMatcher.compare(anns(100, "V"), anns(300, "V"), FS, ALL);
        BeatConfusion g = a.plus(b);
        assertEquals(new Ratio(1, 2), g.qrsSensitivity());
        assertEquals(new Ratio(0, 1), g.vebSensitivity());
        assertEquals(new Ratio(0, 1), g.vebPositivePredictivity());
        assertThrows(IllegalArgumentException.class, () -> BeatMatcher.compare(List.of(), List.of(), 0, ALL));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonRules(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonRules(0.15, -1));
        assertThrows(IllegalArgumentException.class, () -> BeatConfusion.of(new long[5][6]));
    }
}
