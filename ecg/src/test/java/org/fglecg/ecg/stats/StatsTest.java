package org.fglecg.ecg.stats;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The statistics against closed forms and hand-computed values. */
class StatsTest {
    @Test
    void studentTMatchesClosedForms() {
        // df 1 (Cauchy): p = 1 - 2 atan(t) / pi; df 2: p = 1 - t / sqrt(t^2 + 2).
        for (double t : new double[] {0.1, 1, 2.5, 10}) {
            assertEquals(1 - 2 * Math.atan(t) / Math.PI, StudentT.twoSidedP(t, 1), 1e-12, "df 1, t " + t);
            assertEquals(1 - t / Math.sqrt(t * t + 2), StudentT.twoSidedP(t, 2), 1e-12, "df 2, t " + t);
            assertEquals(StudentT.twoSidedP(t, 7), StudentT.twoSidedP(-t, 7), 1e-15, "symmetric");
        }
        assertEquals(1.0, StudentT.twoSidedP(0, 5), 1e-15);
        // A table value: t_{0.975, 10} = 2.228139 gives p = 0.05.
        assertEquals(0.05, StudentT.twoSidedP(2.228139, 10), 1e-6);
        // Large df tends to the normal: 1.959964 gives 0.05.
        assertEquals(0.05, StudentT.twoSidedP(1.959964, 1_000_000), 1e-5);
    }

    @Test
    void logGammaMatchesFactorials() {
        double f = 1;
        for (int n = 1; n < 30; n++) {
            f *= n;
            assertEquals(Math.log(f), SpecialFunctions.logGamma(n + 1), 1e-10 * Math.max(1, Math.log(f)), "n " + n);
        }
        assertEquals(Math.log(Math.sqrt(Math.PI)), SpecialFunctions.logGamma(0.5), 1e-13);
    }

    @Test
    void mcNemarCountsDiscordantBeatsAndGivesTheExactBinomialP() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 3};
        int[] a = {0, 0, 1, 1, 0, 2, 2, 3};
        int[] b = {0, 1, 0, 1, 1, 0, 2, 2};
        McNemar m = McNemar.of(truth, a, b);
        assertEquals(3, m.both());        // beats 0, 3, 6
        assertEquals(3, m.onlyA());       // beats 1, 5, 7
        assertEquals(2, m.onlyB());       // beats 2, 4
        assertEquals(0, m.neither());
        // 10 against 2: 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096.
        assertEquals(2 * 79 / 4096.0, McNemar.exactP(10, 2), 1e-14);
        assertEquals(1.0, McNemar.exactP(5, 5), 1e-15, "balanced: capped at 1");
        assertEquals(1.0, McNemar.exactP(0, 0));
        assertThrows(IllegalArgumentException.class, () -> McNemar.of(truth, a, new int[3]));
    }

    @Test
    void pairedDifferenceIsTheOneSampleTTestOfTheDifferences() {
        PairedDifference d = PairedDifference.of(new double[] {0.91, 0.92, 0.90}, new double[] {0.90, 0.90, 0.90});
        assertArrayEquals(new double[] {0.01, 0.02, 0.0}, d.differences(), 1e-12);
        assertEquals(0.01, d.mean(), 1e-12);
        assertEquals(0.01, d.sd(), 1e-12);
        assertEquals(Math.sqrt(3), d.t(), 1e-9);
        assertEquals(2, d.df());
        assertEquals(1 - Math.sqrt(3) / Math.sqrt(5), d.p(), 1e-9);
        assertTrue(Double.isNaN(PairedDifference.of(new double[] {1}, new double[] {0}).p()), "one pair: no test");
        assertEquals(0.5, MeanSd.of(new double[] {0, 1}).mean());
        assertEquals(Math.sqrt(0.5), MeanSd.of(new double[] {0, 1}).sd(), 1e-15);
    }
}
