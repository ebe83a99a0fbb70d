package org.fglecg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fglecg.nn.io.AtomicFiles;
import org.fglecg.ecg.train.ClassScores;
import org.fglecg.ecg.train.EpochMetrics;
import org.fglecg.nn.io.Json;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.Scores;

/**
 * A report over some runs, written to a directory: {@code report.md} (the comparison table,
 * per-run per-class scores and confusion matrices, the figures), {@code report.json} (the same
 * numbers for programs) and the PNGs of {@link ReportFigures}.
 */
final class Report {
    private Report() {}

    static void write(Path out, String title, List<RunResult> runs) throws IOException {
        Files.createDirectories(out);
        List<String> figures = new ArrayList<>();
        ReportFigures.learningCurves(runs, out.resolve("learning-curves.png"));
        if (Files.exists(out.resolve("learning-curves.png"))) figures.add("learning-curves.png");
        for (RunResult r : runs) {
            Scores s = ComparisonTable.scoresOf(r);
            if (s == null) continue;
            String png = "confusion-" + r.name() + ".png";
            ReportFigures.confusion(r.name() + " (" + (r.test() != null ? "test" : "validation") + ")", s, out.resolve(png));
            figures.add(png);
        }
        RunResult baseline = find(runs, "baseline student"), fgl = find(runs, "FGL student");
        if (baseline != null && fgl != null && ComparisonTable.scoresOf(baseline) != null
                && ComparisonTable.scoresOf(fgl) != null) {
            ReportFigures.perClassF1(baseline.name(), ComparisonTable.scoresOf(baseline), fgl.name(),
                    ComparisonTable.scoresOf(fgl), out.resolve("per-class-f1.png"));
            figures.add("per-class-f1.png");
        }
        AtomicFiles.writeString(out.resolve("report.md"), markdown(title, runs, figures));
        AtomicFiles.writeString(out.resolve("report.json"), Json.pretty(json(title, runs, figures)));
    }

    static String markdown(String title, List<RunResult> runs, List<String> figures) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("Scores in percent on the test split (\"val\": the run has not been tested yet, best "
                + "validation epoch shown). Macro averages are over the classes present in the split.\n\n");
        sb.append(ComparisonTable.markdown(runs)).append('\n');
        for (String f : figures) sb.append("![").append(f).append("](").append(f).append(")\n");
        for (RunResult r : runs) {
            sb.append("\n## ").append(r.name()).append(" (").append(ComparisonTable.model(r)).append(")\n\n");
            sb.append("Config: `").append(Json.write(r.config())).append("`\n\n");
            if (!r.epochs().isEmpty()) {
                sb.append("| epoch | train loss | val loss | val macro-F1 | samples/s | seconds |\n|---:|---:|---:|---:|---:|---:|\n");
                for (EpochMetrics e : r.epochs())
                    sb.append(String.format(java.util.Locale.ROOT, "| %d%s | %.4f | %.4f | %s | %.1f | %.0f |%n", e.epoch(),
                            e.epoch() == r.bestEpoch() ? " (best)" : "", e.trainLoss(), e.valLoss(),
                            ComparisonTable.pct(e.val().macroF1()), e.samplesPerSecond(), e.trainSeconds()));
                sb.append('\n');
            }
            Scores s = ComparisonTable.scoresOf(r);
            if (s == null) {
                sb.append("No epoch finished.\n");
                continue;
            }
            sb.append(r.test() != null ? "Test split" : "Validation split (best epoch)").append(", ")
                    .append(s.beats()).append(" beats:\n\n| class | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
            for (ClassScores c : s.perClass()) {
                if (c.present())
                    sb.append("| ").append(c.name()).append(" | ").append(c.support()).append(" | ")
                            .append(ComparisonTable.pct(c.precision())).append(" | ").append(ComparisonTable.pct(c.recall()))
                            .append(" | ").append(ComparisonTable.pct(c.f1())).append(" |\n");
                else sb.append("| ").append(c.name()).append(" | 0 | absent | absent | absent |\n");
            }
            List<String> cls = s.confusion().classNames();
            sb.append("\nConfusion matrix (rows true, columns predicted):\n\n| |");
            for (String c : cls) sb.append(' ').append(c).append(" |");
            sb.append("\n|---|").append("---:|".repeat(cls.size())).append('\n');
            for (int t = 0; t < cls.size(); t++) {
                sb.append("| ").append(cls.get(t)).append(" |");
                for (int p = 0; p < cls.size(); p++) sb.append(' ').append(s.confusion().count(t, p)).append(" |");
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static Map<String, Object> json(String title, List<RunResult> runs, List<String> figures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        List<Object> list = new ArrayList<>();
        for (RunResult r : runs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", r.name());
            e.put("model", ComparisonTable.model(r));
            e.put("config", r.config());
            e.put("best_epoch", r.bestEpoch());
            e.put("epochs", r.epochs().stream().map(EpochMetrics::toJson).toList());
            e.put("test", r.test() == null ? null : r.test().toJson());
            list.add(e);
        }
        m.put("runs", list);
        m.put("figures", figures);
        return m;
    }

    private static RunResult find(List<RunResult> runs, String model) {
        for (RunResult r : runs) if (ComparisonTable.model(r).equals(model)) return r;
        return null;
    }
}
