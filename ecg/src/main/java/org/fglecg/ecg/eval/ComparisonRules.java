package org.fglecg.ecg.eval;

/**
 * How a beat-by-beat comparison is run: the match window and the time from which beats count.
 *
 * @param matchWindowSeconds a test beat matches a reference beat no further than this (EC57: 0.15 s)
 * @param startSeconds       beats before this time are not counted (EC57 and {@code bxb}: 5 min,
 *                           the detector's learning period); 0 counts the whole record
 */
public record ComparisonRules(double matchWindowSeconds, double startSeconds) {
    /** EC57 and {@code bxb}'s defaults: 150 ms, from minute 5 on. */
    public static final ComparisonRules EC57 = new ComparisonRules(0.15, 300);
    /** 150 ms over the whole record. */
    public static final ComparisonRules WHOLE_RECORD = new ComparisonRules(0.15, 0);

    public ComparisonRules {
        if (!(matchWindowSeconds > 0) || Double.isInfinite(matchWindowSeconds)) {
            throw new IllegalArgumentException("match window must be a positive number of seconds, got " + matchWindowSeconds);
        }
        if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
            throw new IllegalArgumentException("start time must be >= 0 s, got " + startSeconds);
        }
    }
}
