package org.fglecg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fglecg.ecg.train.ClassScores;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.Scores;

/**
 * The paper's table 2 for any runs, as Markdown: accuracy, macro precision / recall / F1 and
 * per-class F1 in percent, on the test split. A run that has not reached its test evaluation
 * shows its best validation scores, marked "val", so partial results are never passed off as
 * test results.
 */
final class ComparisonTable {
    private ComparisonTable() {}

    static String markdown(List<RunResult> runs) {
        List<String> classes = new ArrayList<>();
        for (RunResult r : runs) {
            Scores s = scoresOf(r);
            if (s != null) {
                for (String c : s.confusion().classNames()) if (!classes.contains(c)) classes.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| run | model | window | split | alpha | tau | epochs | best | on | Acc | Prec | Rec | F1 |");
        for (String c : classes) sb.append(" F1 ").append(c).append(" |");
        sb.append('\n').append("|---|---|---|---|---|---|---|---|---|---:|---:|---:|---:|");
        sb.append("---:|".repeat(classes.size())).append('\n');
        for (RunResult r : runs) {
            Scores s = scoresOf(r);
            sb.append("| ").append(r.name()).append(" | ").append(model(r)).append(" | ")
                    .append(r.configString("window")).append(" | ").append(r.configString("split")).append(" | ")
                    .append(isDistilled(r) ? r.configString("alpha") : "").append(" | ")
                    .append(isDistilled(r) ? r.configString("tau") : "").append(" | ")
                    .append(r.epochs().size()).append('/').append(r.configString("epochs")).append(" | ")
                    .append(r.bestEpoch() == 0 ? "" : String.valueOf(r.bestEpoch())).append(" | ");
            if (s == null) {
                sb.append("no epoch finished |  |  |  |  |").append(" |".repeat(classes.size())).append('\n');
                continue;
            }
            sb.append(r.test() != null ? "test" : "val").append(" | ")
                    .append(pct(s.accuracy())).append(" | ").append(pct(s.macroPrecision())).append(" | ")
                    .append(pct(s.macroRecall())).append(" | ").append(pct(s.macroF1())).append(" |");
            for (String c : classes) {
                ClassScores cs = s.perClass().stream().filter(x -> x.name().equals(c)).findFirst().orElse(null);
                sb.append(' ').append(cs == null || !cs.present() ? "absent" : pct(cs.f1())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** "teacher", "baseline student" (CB-CE only) or "FGL student" (distilled). */
    static String model(RunResult r) {
        if ("teacher".equals(r.configString("role"))) return "teacher";
        return isDistilled(r) ? "FGL student" : "baseline student";
    }

    static boolean isDistilled(RunResult r) {
        return !r.configString("teacher_run").isEmpty();
    }

    static Scores scoresOf(RunResult r) {
        return r.test() != null ? r.test() : r.bestVal();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}
