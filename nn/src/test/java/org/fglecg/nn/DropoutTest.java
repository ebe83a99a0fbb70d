package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dropout is tested here, not by the PyTorch fixtures (which use p = 0 for determinism). */
class DropoutTest {
    @Test
    void trainModeZeroesAboutPAndScalesSurvivors() {
        Dropout d = new Dropout(0.1f, new Rng(5));
        Tensor x = Tensor.ones(100_000).requiresGrad(true);
        Tensor y = d.forward(x);
        int zeros = 0;
        for (float v : y.toArray()) {
            if (v == 0f) zeros++;
            else assertEquals(1f / 0.9f, v, 1e-6f);
        }
        assertEquals(0.1, zeros / 100_000.0, 0.005);
        y.sum().backward();
        assertArrayEquals(y.toArray(), x.grad().toArray(), 0f, "gradient is the same mask and scale");
    }

    @Test
    void evalModeIsTheIdentityAndSeedsRepeat() {
        Dropout d = new Dropout(0.5f, new Rng(1));
        d.eval();
        Tensor x = Tensor.ones(10);
        assertSame(x, d.forward(x));
        Dropout a = new Dropout(0.5f, new Rng(9)), b = new Dropout(0.5f, new Rng(9));
        assertArrayEquals(a.forward(Tensor.ones(64)).toArray(), b.forward(Tensor.ones(64)).toArray(), 0f);
    }

    /** The mask rule written plainly: element i uses the 16 bits at 16 (i mod 4) of word i / 4. */
    static float[] reference(long seed, float p, float[] src, int n) {
        Rng rng = new Rng(seed);
        int threshold = Math.round(p * 65536f);
        float[] out = new float[n];
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) bits = rng.nextLong();
            int draw = (int) ((bits >>> (16 * (i % 4))) & 0xFFFF);
            out[i] = draw < threshold ? 0f : src[i] * (1f / (1f - p));
        }
        return out;
    }

    @Test
    void branchFreeMaskGivesTheRuleBitForBit() {
        java.util.Random r = new java.util.Random(3);
        for (int n : new int[] {0, 1, 3, 4, 5, 7, 64, 1001}) {
            for (float p : new float[] {0f, 0.1f, 0.5f, 0.9f}) {
                float[] src = new float[n];
                for (int i = 0; i < n; i++) src[i] = (float) r.nextGaussian();
                if (n > 2) {
                    src[1] = Float.NaN;
                    src[2] = -0f;
                }
                float[] dst = new float[n + 2];
                Dropout.apply(new Rng(11), p, src, 0, dst, 2, n);
                float[] want = reference(11, p, src, n);
                for (int i = 0; i < n; i++)
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(dst[2 + i]),
                            "n " + n + " p " + p + " element " + i);
            }
        }
    }
    @Test
    void recordedMaskAppliesAgainBitForBit() {
        java.util.Random r = new java.util.Random(5);
        for (int n : new int[] {1, 3, 4, 63, 64, 65, 130, 1001}) {
            for (float p : new float[] {0.1f, 0.5f, 0.9f}) {
                float[] src = new float[n];
                for (int i = 0; i < n; i++) src[i] = (float) r.nextGaussian();
                float[] first = new float[n], again = new float[n + 1];
                long[] kept = new long[1 + Dropout.keptWords(n)];
                Dropout.apply(new Rng(13), p, src, 0, first, 0, n, kept, 1);
                float[] want = reference(13, p, src, n);
                Dropout.applyKept(kept, 1, 1f / (1f - p), src, 0, again, 1, n);
                int keptCount = 0;
                for (int i = 0; i < n; i++) {
                    boolean bit = (kept[1 + i / 64] >>> (i % 64) & 1) == 1;
                    keptCount += bit ? 1 : 0;
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(first[i]), "n " + n + " p " + p + " element " + i);
                    assertEquals(Float.floatToRawIntBits(first[i]), Float.floatToRawIntBits(again[1 + i]), "n " + n + " p " + p + " element " + i);
                    assertEquals(want[i] != 0f, bit, "n " + n + " p " + p + " bit " + i);
                }
                assertEquals(0L, kept[0], "bits before the offset untouched");
                for (int w = Dropout.keptWords(n) * 64; w > n; w--)
                    assertEquals(0L, kept[1 + (w - 1) / 64] >>> ((w - 1) % 64) & 1, "no bit past n");
                if (n >= 1000) assertTrue(Math.abs(keptCount - n * (1 - p)) < 5 * Math.sqrt(n * p * (1 - p)), "kept " + keptCount);
            }
        }
    }
}
