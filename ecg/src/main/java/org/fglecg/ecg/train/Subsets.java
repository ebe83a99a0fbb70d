package org.fglecg.ecg.train;

import java.util.Arrays;
import org.fglecg.tensor.Rng;

/**
 * Stratified subsets of a split, for quick runs and tests: every class keeps its share of the
 * beats (at least one beat when it has any), chosen by a seeded shuffle.
 */
public final class Subsets {
    /** Purposes of derived seeds: one independent stream each. */
    public static final long INIT = 1, SHUFFLE = 2, NOISE = 3, SUBSET = 4;

    private Subsets() {}

    /**
     * At most {@code max} of {@code beats} (all of them when max is 0 or not smaller), each class in
     * proportion; the result is sorted so it does not depend on the shuffle's order.
     */
    public static int[] stratified(int[] beats, int[] labels, int numClasses, int max, long seed) {
        if (max <= 0 || max >= beats.length) return beats.clone();
        int[] perClass = new int[numClasses];
        for (int b : beats) perClass[labels[b]]++;
        int[] quota = new int[numClasses];
        for (int c = 0; c < numClasses; c++)
            quota[c] = perClass[c] == 0 ? 0 : Math.max(1, (int) ((long) perClass[c] * max / beats.length));
        int[] shuffled = beats.clone();
        new Rng(seed).shuffle(shuffled);
        int[] out = new int[beats.length];
        int n = 0;
        for (int b : shuffled) {
            if (quota[labels[b]] > 0) {
                quota[labels[b]]--;
                out[n++] = b;
            }
        }
        int[] result = Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }

    /** A seed for one purpose and epoch, derived from the run's seed (SplitMix64's finaliser). */
    public static long derive(long seed, long purpose, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + purpose * 0x10001L + epoch * 0x100000001L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
