package org.fglecg.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.eval.Ratio;

/**
 * How beat-by-beat comparisons are shown: {@code bxb}'s standard table (the N/S/V/F/Q/O by
 * n/s/v/f/q/o matrix, then QRS, VEB and SVEB Se and +P) for a record or the gross sum, a
 * one-line-per-record summary table (Markdown), and the same numbers as JSON values.
 */
final class BeatComparisonReport {
    private BeatComparisonReport() {}

    /** A record's name and its comparison. */
    record Row(String record, BeatConfusion confusion) {}

    /** The matrix and the statistics, under a title line. */
    static String table(String title, BeatConfusion c) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append("          Test\n     ");
        for (int k = 0; k < BeatConfusion.COLUMNS.length(); k++) sb.append(String.format(Locale.ROOT, "%7c", BeatConfusion.COLUMNS.charAt(k)));
        sb.append('\n');
        for (int r = 0; r < BeatConfusion.ROWS.length(); r++) {
            sb.append("  ").append(BeatConfusion.ROWS.charAt(r)).append(r == 0 ? " |" : " |");
            for (int k = 0; k < BeatConfusion.COLUMNS.length(); k++) {
                if (r == BeatConfusion.UNMATCHED && k == BeatConfusion.UNMATCHED) break;
                sb.append(String.format(Locale.ROOT, "%7d", c.count(r, k)));
            }
            sb.append('\n');
        }
        line(sb, "QRS", c.qrsSensitivity(), c.qrsPositivePredictivity());
        line(sb, "VEB", c.vebSensitivity(), c.vebPositivePredictivity());
        line(sb, "SVEB", c.svebSensitivity(), c.svebPositivePredictivity());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String what, Ratio se, Ratio pp) {
        sb.append(String.format(Locale.ROOT, "  %-4s Se %6s %% %-15s  +P %6s %% %s%n", what, se.percentText(),
                "(" + se.hits() + "/" + se.total() + ")", pp.percentText(), "(" + pp.hits() + "/" + pp.total() + ")"));
    }

    /** Sum of the rows' matrices. */
    static BeatConfusion gross(List<Row> rows) {
        BeatConfusion g = new BeatConfusion();
        for (Row r : rows) g = g.plus(r.confusion());
        return g;
    }

    /**
     * A Markdown table, one line per record and a gross line: reference beats, detections
     * matched (TP), missed (FN) and extra (FP), QRS Se and +P under {@code rules}, and the same
     * Se and +P over the whole record ({@code whole}, one row per record in the same order).
     */
    static String detectionTable(List<Row> rows, List<Row> whole, ComparisonRules rules) {
        String from = startText(rules.startSeconds());
        StringBuilder sb = new StringBuilder();
        sb.append("| Record | Beats | TP | FN | FP | Se % | +P % | Se % (whole) | +P % (whole) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rows.size(); i++) sb.append(detectionLine(rows.get(i).record(), rows.get(i).confusion(), whole.get(i).confusion()));
        sb.append(detectionLine("**gross**", gross(rows), gross(whole)));
        sb.append("\nTP, FN, FP, Se and +P from ").append(from).append(" on; (whole): from 0:00. Match window ")
                .append(String.format(Locale.ROOT, "%.0f ms", 1000 * rules.matchWindowSeconds())).append(".\n");
        return sb.toString();
    }

    private static String detectionLine(String name, BeatConfusion c, BeatConfusion w) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s | %s | %s |%n", name, c.referenceBeats(),
                c.matchedBeats(), c.missedBeats(), c.extraBeats(), c.qrsSensitivity().percentText(),
                c.qrsPositivePredictivity().percentText(), w.qrsSensitivity().percentText(), w.qrsPositivePredictivity().percentText());
    }

    /** {@code 300} -> {@code "5:00"}. */
    static String startText(double seconds) {
        long s = Math.round(seconds);
        return s / 60 + ":" + String.format(Locale.ROOT, "%02d", s % 60);
    }

    /** JSON value of the rules. */
    static Map<String, Object> json(ComparisonRules rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("match_window_s", rules.matchWindowSeconds());
        m.put("start_s", rules.startSeconds());
        return m;
    }

    /** JSON value of a comparison: the matrix (rows NSVFQO, columns nsvfqo) and the six statistics. */
    static Map<String, Object> json(BeatConfusion c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", BeatConfusion.ROWS);
        m.put("columns", BeatConfusion.COLUMNS);
        List<Object> matrix = new java.util.ArrayList<>();
        for (long[] row : c.counts()) {
            List<Object> r = new java.util.ArrayList<>();
            for (long v : row) r.add(v);
            matrix.add(r);
        }
        m.put("matrix", matrix);
        m.put("qrs_se", json(c.qrsSensitivity()));
        m.put("qrs_pp", json(c.qrsPositivePredictivity()));
        m.put("veb_se", json(c.vebSensitivity()));
        m.put("veb_pp", json(c.vebPositivePredictivity()));
        m.put("sveb_se", json(c.svebSensitivity()));
        m.put("sveb_pp", json(c.svebPositivePredictivity()));
        return m;
    }

    private static Map<String, Object> json(Ratio r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hits", r.hits());
        m.put("total", r.total());
        m.put("percent", r.defined() ? r.percent() : null);
        return m;
    }

    /** JSON of several records and their gross sum. */
    static Map<String, Object> json(List<Row> rows, ComparisonRules rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules", json(rules));
        List<Object> recs = new java.util.ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("record", r.record());
            e.putAll(json(r.confusion()));
            recs.add(e);
        }
        m.put("records", recs);
        m.put("gross", json(gross(rows)));
        return m;
    }
}
