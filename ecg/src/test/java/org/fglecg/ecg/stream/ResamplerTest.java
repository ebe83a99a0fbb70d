package org.fglecg.ecg.stream;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Resampling tones: the pass band kept, what would alias removed, chunking irrelevant. */
class ResamplerTest {

    static float[] tone(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
        return x;
    }

    static float[] resample(Resampler r, float[] x, int chunk) {
        float[] out = new float[(int) ((long) x.length * r.outRate() / r.inRate()) + 2];
        int[] n = {0};
        SampleSink sink = (k, v) -> {
            assertEquals(n[0], k, "each output once, in order");
            if (k < out.length) out[(int) k] = v;
            n[0]++;
        };
        for (int off = 0; off < x.length; off += chunk) r.push(x, off, Math.min(chunk, x.length - off), sink);
        return java.util.Arrays.copyOf(out, Math.min(n[0], out.length));
    }

    /** Largest error against the ideal tone at the output rate, away from the start-up transient. */
    static double maxError(double hz, int in, int out) {
        Resampler r = new Resampler(in, out);
        float[] y = resample(r, tone(hz, in, 4 * in), 1);
        double worst = 0;
        for (int k = out / 2; k < y.length - out / 2; k++)
            worst = Math.max(worst, Math.abs(y[k] - Math.sin(2 * Math.PI * hz * k / out)));
        return worst;
    }

    @Test
    void passBandTonesComeThroughAtTheSameInstants() {
        for (int in : new int[] {125, 128, 250, 500, 1000}) {
            for (double hz : new double[] {1, 10, 40}) {
                double err = maxError(hz, in, 360);
                assertTrue(err < 2e-3, in + " Hz -> 360 Hz, tone " + hz + " Hz: max error " + err);
            }
        }
        assertTrue(maxError(40, 360, 125) < 2e-3, "downsampling to 125 Hz too");
    }

    @Test
    void tonesThatWouldAliasAreRemoved() {
        // At 1000 Hz in, 360 out, a 250 Hz tone would fold to 110 Hz.
        Resampler r = new Resampler(1000, 360);
        float[] y = resample(r, tone(250, 1000, 4000), 1000);
        double peak = 0;
        for (int k = 360; k < y.length - 360; k++) peak = Math.max(peak, Math.abs(y[k]));
        assertTrue(peak < 3e-4, "aliased 250 Hz tone left at amplitude " + peak);
    }

    @Test
    void equalRatesPassSamplesThroughAndChunkingDoesNotMatter() {
        float[] x = tone(7.3, 360, 5000);
        assertArrayEquals(x, resample(new Resampler(360, 360), x, 13));
        assertEquals(0, new Resampler(360, 360).delay());
        for (int in : new int[] {125, 250, 1000}) {
            float[] z = tone(3.1, in, 3 * in);
            float[] one = resample(new Resampler(in, 360), z, 1);
            assertArrayEquals(one, resample(new Resampler(in, 360), z, 7), "chunks of 7 at " + in);
            assertArrayEquals(one, resample(new Resampler(in, 360), z, 10_000), "one chunk at " + in);
        }
    }

    @Test
    void ratesOutsideTheRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resampler(100, 360));
        assertTrue(e.getMessage().contains("100 Hz") && e.getMessage().contains("125-1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resampler(360, 2000));
    }
}
