package org.fglecg.ecg.eval;

import java.util.Arrays;

/**
 * The outcome of a beat-by-beat comparison (EC57 / {@code bxb}): a 6 x 6 matrix of counts,
 * rows the reference label (N, S, V, F, Q, then O for a test beat with no reference beat) and
 * columns the test label (n, s, v, f, q, then o for a reference beat the test missed); the
 * O/o cell is always 0. The statistics follow {@code bxb}'s definitions:
 * <ul>
 *   <li>QRS Se = matched / (matched + missed), QRS +P = matched / (matched + extra);</li>
 *   <li>VEB Se = Vv / (V row), VEB +P = Vv / (Nv + Sv + Vv + Ov): a fusion or Q beat called V
 *       is not a false VEB;</li>
 *   <li>SVEB Se = Ss / (S row), SVEB +P = Ss / (Ns + Ss + Vs + Fs + Os): a Q beat called S is
 *       not a false SVEB.</li>
 * </ul>
 * Matrices add ({@link #plus}), which gives the gross statistics of several records.
 */
public final class BeatConfusion {
    /** Index of the O row and o column. */
    public static final int UNMATCHED = BeatClass.COUNT;
    /** Row and column labels. */
    public static final String ROWS = "NSVFQO", COLUMNS = "nsvfqo";

    private final long[][] counts = new long[BeatClass.COUNT + 1][BeatClass.COUNT + 1];

    /** An empty matrix. */
    public BeatConfusion() {}

    /** A matrix with the given 6 x 6 counts (copied). */
    public static BeatConfusion of(long[][] counts) {
        if (counts.length != UNMATCHED + 1) throw new IllegalArgumentException("need 6 rows, got " + counts.length);
        BeatConfusion c = new BeatConfusion();
        for (int r = 0; r <= UNMATCHED; r++) {
            if (counts[r].length != UNMATCHED + 1) throw new IllegalArgumentException("row " + r + " has " + counts[r].length + " columns, need 6");
            for (int k = 0; k <= UNMATCHED; k++) c.counts[r][k] = counts[r][k];
        }
        if (c.counts[UNMATCHED][UNMATCHED] != 0) throw new IllegalArgumentException("the O/o cell must be 0");
        return c;
    }

    /** Counts a matched pair. */
    void matched(BeatClass ref, BeatClass test) {
        counts[ref.ordinal()][test.ordinal()]++;
    }

    /** Counts a reference beat the test missed. */
    void missed(BeatClass ref) {
        counts[ref.ordinal()][UNMATCHED]++;
    }

    /** Counts a test beat without a reference beat. */
    void extra(BeatClass test) {
        counts[UNMATCHED][test.ordinal()]++;
    }

    /** Count in row {@code ref} (0..5) and column {@code test} (0..5). */
    public long count(int ref, int test) {
        return counts[ref][test];
    }

    /** A copy of the 6 x 6 counts. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) c[r] = counts[r].clone();
        return c;
    }

    /** The sum of this matrix and another. */
    public BeatConfusion plus(BeatConfusion o) {
        BeatConfusion s = new BeatConfusion();
        for (int r = 0; r <= UNMATCHED; r++) for (int k = 0; k <= UNMATCHED; k++) s.counts[r][k] = counts[r][k] + o.counts[r][k];
        return s;
    }

    /** Reference beats (matched or missed). */
    public long referenceBeats() {
        return matchedBeats() + missedBeats();
    }

    /** Test beats (matched or extra). */
    public long testBeats() {
        return matchedBeats() + extraBeats();
    }

    public long matchedBeats() {
        long m = 0;
        for (int r = 0; r < UNMATCHED; r++) for (int k = 0; k < UNMATCHED; k++) m += counts[r][k];
        return m;
    }

    /** Reference beats with no test beat (false negatives). */
    public long missedBeats() {
        long m = 0;
        for (int r = 0; r < UNMATCHED; r++) m += counts[r][UNMATCHED];
        return m;
    }

    /** Test beats with no reference beat (false positives). */
    public long extraBeats() {
        long m = 0;
        for (int k = 0; k < UNMATCHED; k++) m += counts[UNMATCHED][k];
        return m;
    }

    /** Matched beats given the same class by reference and test (label agreement). */
    public Ratio sameClass() {
        long same = 0;
        for (int r = 0; r < UNMATCHED; r++) same += counts[r][r];
        return new Ratio(same, matchedBeats());
    }

    public Ratio qrsSensitivity() {
        return new Ratio(matchedBeats(), referenceBeats());
    }

    public Ratio qrsPositivePredictivity() {
        return new Ratio(matchedBeats(), testBeats());
    }

    public Ratio vebSensitivity() {
        return new Ratio(at(BeatClass.V, BeatClass.V), row(BeatClass.V));
    }

    public Ratio vebPositivePredictivity() {
        int v = BeatClass.V.ordinal();
        long tp = counts[v][v];
        return new Ratio(tp, tp + counts[BeatClass.N.ordinal()][v] + counts[BeatClass.S.ordinal()][v] + counts[UNMATCHED][v]);
    }

    public Ratio svebSensitivity() {
        return new Ratio(at(BeatClass.S, BeatClass.S), row(BeatClass.S));
    }

    public Ratio svebPositivePredictivity() {
        int s = BeatClass.S.ordinal();
        long tp = counts[s][s];
        return new Ratio(tp, tp + counts[BeatClass.N.ordinal()][s] + counts[BeatClass.V.ordinal()][s]
                + counts[BeatClass.F.ordinal()][s] + counts[UNMATCHED][s]);
    }

    private long at(BeatClass ref, BeatClass test) {
        return counts[ref.ordinal()][test.ordinal()];
    }

    private long row(BeatClass ref) {
        long s = 0;
        for (long c : counts[ref.ordinal()]) s += c;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeatConfusion c && Arrays.deepEquals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "BeatConfusion" + Arrays.deepToString(counts);
    }
}
