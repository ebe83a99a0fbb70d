package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;

class ScoresTest {
    static final List<String> AAMI = List.of("N", "S", "V", "F");

    static Scores scores(int[] truth, int[] pred) {
        ConfusionMatrix m = new ConfusionMatrix(AAMI);
        m.addAll(truth, pred);
        return Scores.of(m);
    }

    @Test
    void handComputedExample() {
        // Worked by hand: per class (support, predicted, TP) = N (3,3,2), S (2,2,1), V (4,3,3), F (1,2,1).
        Scores s = scores(new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2, 3}, new int[] {0, 0, 1, 1, 0, 2, 2, 2, 3, 3});
        assertEquals(0.7, s.accuracy(), 1e-12);
        assertEquals(2.0 / 3, s.of("N").precision(), 1e-12);
        assertEquals(2.0 / 3, s.of("N").recall(), 1e-12);
        assertEquals(0.5, s.of("S").f1(), 1e-12);
        assertEquals(1.0, s.of("V").precision(), 1e-12);
        assertEquals(0.75, s.of("V").recall(), 1e-12);
        assertEquals(6.0 / 7, s.of("V").f1(), 1e-12);
        assertEquals(0.5, s.of("F").precision(), 1e-12);
        assertEquals(1.0, s.of("F").recall(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 6.0 / 7 + 2.0 / 3) / 4, s.macroF1(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 1.0 + 0.5) / 4, s.macroPrecision(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 0.75 + 1.0) / 4, s.macroRecall(), 1e-12);
        assertEquals(1, s.confusion().count(2, 3));
        assertEquals(List.of(), s.absentClasses());
    }

    @Test
    void absentClassIsReportedAndLeftOutOfMacro() {
        // No F beats in the truth; one beat wrongly predicted as F.
        Scores s = scores(new int[] {0, 0, 1, 2}, new int[] {0, 3, 1, 2});
        assertEquals(List.of("F"), s.absentClasses());
        assertFalse(s.of("F").present());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.of("F").f1());
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        // macro over N, S, V only: N has P 1, R 0.5, F1 2/3.
        assertEquals((2.0 / 3 + 1 + 1) / 3, s.macroF1(), 1e-12);
        assertFalse(Double.isNaN(s.macroPrecision()));
    }

    @Test
    void presentButNeverPredictedScoresZeroNotNaN() {
        Scores s = scores(new int[] {0, 1, 1}, new int[] {0, 0, 0});
        assertEquals(0.0, s.of("S").precision());
        assertEquals(0.0, s.of("S").recall());
        assertEquals(0.0, s.of("S").f1());
    }

    @Test
    void emptySplitHasNoNaN() {
        Scores s = scores(new int[0], new int[0]);
        assertEquals(0.0, s.accuracy());
        assertEquals(0.0, s.macroF1());
        assertEquals(AAMI, s.absentClasses());
    }

    @Test
    void outOfRangeClassIsNamed() {
        ConfusionMatrix m = new ConfusionMatrix(AAMI);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(0, 4));
        assertTrue(e.getMessage().contains("predicted class 4"), e.getMessage());
    }

    @Property(tries = 100)
    void scoresAreConsistent(@ForAll("labels") int[][] tp) {
        Scores s = scores(tp[0], tp[1]);
        long supports = 0;
        for (ClassScores c : s.perClass()) {
            supports += c.support();
            if (!c.present()) continue;
            double p = c.precision(), r = c.recall(), f = c.f1();
            assertTrue(p >= 0 && p <= 1 && r >= 0 && r <= 1 && f >= 0 && f <= 1);
            if (p + r > 0) assertEquals(2 * p * r / (p + r), f, 1e-12);
            else assertEquals(0.0, f);
        }
        assertEquals(tp[0].length, supports);
        assertTrue(s.macroF1() >= 0 && s.macroF1() <= 1);
        assertEquals(s, Scores.of(ConfusionMatrix.of(AAMI, s.confusion().rows())));
    }

    @Provide
    Arbitrary<int[][]> labels() {
        return Arbitraries.integers().between(0, 60).flatMap(n -> {
            Arbitrary<int[]> a = Arbitraries.integers().between(0, 3).array(int[].class).ofSize(n);
            return Combinators.combine(a, a).as((t, p) -> new int[][] {t, p});
        });
    }
}
