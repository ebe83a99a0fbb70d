package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The O(n log w) running median equals a sort-the-window reference. */
class MedianBaselineTest {

    /** The reference: sort each window, take the middle (mean of the middle two if even). */
    static float[] naiveMedian(float[] x, int w) {
        int n = x.length, before = w / 2;
        float[] out = new float[n];
        for (int t = 0; t < n; t++) {
            int lo = Math.max(0, t - before), hi = Math.min(n, t - before + w);
            float[] win = Arrays.copyOfRange(x, lo, hi);
            Arrays.sort(win);
            int k = win.length;
            out[t] = (k & 1) == 1 ? win[k / 2] : (win[k / 2 - 1] + win[k / 2]) * 0.5f;
        }
        return out;
    }

    @Provide
    Arbitrary<float[]> signals() {
        // Mix continuous values with coarse quantised ones, so ties (as in ADC data) are common.
        Arbitrary<Float> cont = Arbitraries.floats().between(-5f, 5f);
        Arbitrary<Float> quant = Arbitraries.integers().between(-4, 4).map(i -> i * 0.25f);
        return Arbitraries.oneOf(cont, quant).array(float[].class).ofMinSize(0).ofMaxSize(400);
    }

    @Property(tries = 200)
    void equalsNaiveReference(@ForAll("signals") float[] x, @ForAll @IntRange(min = 1, max = 80) int w) {
        assertArrayEquals(naiveMedian(x, w), MedianBaseline.medianFilter(x, w));
    }

    @Property(tries = 50)
    void twoStageEqualsNaiveTwoStage(@ForAll("signals") float[] x) {
        float[] b = naiveMedian(naiveMedian(x, 7), 22);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] - b[i];
        assertArrayEquals(expected, MedianBaseline.remove(x, 7, 22));
    }

    @Test
    void windowOfTheSpecAtTheEdges() {
        // A ramp: the median of a ramp window is its centre, so edges show the shrinking window.
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = i;
        float[] m = MedianBaseline.medianFilter(x, 72);
        assertEquals((0 + 35) / 2f, m[0]);       // window [0, 36)
        assertEquals((464 + 535) / 2f, m[500]);  // window [464, 536): 36 before, 35 after
        assertEquals((963 + 999) / 2f, m[999]);  // window [963, 1000)
        assertArrayEquals(naiveMedian(x, 216), MedianBaseline.medianFilter(x, 216));
    }

    @Test
    void constantSignalHasZeroCorrectedOutput() {
        float[] x = new float[5000];
        Arrays.fill(x, 1.25f);
        for (float v : MedianBaseline.remove(x, 72, 216)) assertEquals(0f, v);
    }
}
