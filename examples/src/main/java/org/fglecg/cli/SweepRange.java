package org.fglecg.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of values for {@code fgl sweep}: {@code START:STOP:STEP} (inclusive, e.g.
 * {@code 0.1:0.9:0.1}), {@code START:STOP} (step 1), or a comma list {@code 0.3,0.5}.
 * Computed in decimal so 0.1 + 0.2 is 0.3, and run names stay readable.
 */
final class SweepRange {
    private SweepRange() {}

    static List<Double> parse(String text) {
        String t = text.strip();
        List<Double> out = new ArrayList<>();
        try {
            if (t.contains(",")) {
                for (String s : t.split(",")) out.add(new BigDecimal(s.strip()).doubleValue());
                return out;
            }
            String[] p = t.split(":");
            if (p.length < 1 || p.length > 3) throw new IllegalArgumentException();
            BigDecimal start = new BigDecimal(p[0].strip());
            BigDecimal stop = p.length > 1 ? new BigDecimal(p[1].strip()) : start;
            BigDecimal step = p.length > 2 ? new BigDecimal(p[2].strip()) : BigDecimal.ONE;
            if (step.signum() <= 0 || stop.compareTo(start) < 0) throw new IllegalArgumentException();
            for (BigDecimal v = start; v.compareTo(stop) <= 0; v = v.add(step)) {
                out.add(v.doubleValue());
                if (out.size() > 10_000) throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad range '" + text + "': expected START:STOP:STEP (e.g. 0.1:0.9:0.1), "
                    + "START:STOP (step 1) or a list 0.3,0.5");
        }
        return out;
    }
}
