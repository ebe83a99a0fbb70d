package org.fglecg.ecg.stats;

/**
 * McNemar's test of two classifiers on the same beats: of the beats exactly one of them gets
 * right, does each get right as many? Exact (binomial) two-sided p-value, which stays valid
 * when few beats are discordant, as happens between two good classifiers.
 *
 * @param onlyA beats classifier A gets right and B wrong
 * @param onlyB beats B gets right and A wrong
 * @param both  beats both get right
 * @param neither beats both get wrong
 */
public record McNemar(long onlyA, long onlyB, long both, long neither, double p) {

    /** The test on per-beat predictions of A and B against the same truth. */
    public static McNemar of(int[] truth, int[] predictedA, int[] predictedB) {
        if (truth.length != predictedA.length || truth.length != predictedB.length)
            throw new IllegalArgumentException("McNemar needs predictions for the same beats: " + truth.length + ", "
                    + predictedA.length + ", " + predictedB.length);
        long onlyA = 0, onlyB = 0, both = 0, neither = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean a = predictedA[i] == truth[i], b = predictedB[i] == truth[i];
            if (a && b) both++;
            else if (a) onlyA++;
            else if (b) onlyB++;
            else neither++;
        }
        return new McNemar(onlyA, onlyB, both, neither, exactP(onlyA, onlyB));
    }

    /** Two-sided exact p: 2 P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), at most 1. */
    static double exactP(long b, long c) {
        long n = b + c, k = Math.min(b, c);
        if (n == 0) return 1;
        double logHalfN = -n * Math.log(2), tail = 0;
        for (long i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) + logHalfN);
        return Math.min(1, 2 * tail);
    }

    private static double logChoose(long n, long k) {
        return SpecialFunctions.logGamma(n + 1.0) - SpecialFunctions.logGamma(k + 1.0)
                - SpecialFunctions.logGamma(n - k + 1.0);
    }
}
