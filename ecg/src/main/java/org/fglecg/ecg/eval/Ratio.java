package org.fglecg.ecg.eval;

import java.util.Locale;

/**
 * A statistic such as a sensitivity: {@code hits} out of {@code total}. Undefined (printed
 * as {@code -}) when {@code total} is 0, as {@code bxb} prints it.
 */
public record Ratio(long hits, long total) {
    public Ratio {
        if (hits < 0 || total < hits) throw new IllegalArgumentException("bad ratio " + hits + "/" + total);
    }

    public boolean defined() {
        return total > 0;
    }

    /** Percentage, or NaN when undefined. */
    public double percent() {
        return total == 0 ? Double.NaN : 100.0 * hits / total;
    }

    /** {@code "99.62"} or {@code "-"}. */
    public String percentText() {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.2f", percent());
    }

    @Override
    public String toString() {
        return percentText() + " (" + hits + "/" + total + ")";
    }
}
