package org.fglecg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.fglecg.ecg.stats.McNemar;
import org.fglecg.ecg.stats.MeanSd;
import org.fglecg.ecg.stats.PairedDifference;
import org.fglecg.ecg.train.ClassScores;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.Scores;
import org.fglecg.ecg.train.TestPredictions;

/**
 * Table 2 over training seeds, as Markdown: runs of the same model (role, window, split, split
 * seed, alpha and tau) at several training seeds are one row of mean +- sample standard deviation
 * of their test scores, with per-class precision / recall / F1; then each FGL student against
 * the baseline student of the same split: the per-seed paired difference of macro-F1 with a
 * paired t-test, and McNemar's test on the test beats for each seed. Only tested runs count.
 */
final class SeedTable {
    private SeedTable() {}

    /** Runs of one model at several training seeds, in the order given. */
    record Group(String model, String key, List<RunResult> runs) {
        double[] values(ToDoubleFunction<Scores> score) {
            return runs.stream().mapToDouble(r -> score.applyAsDouble(r.test())).toArray();
        }

        RunResult seed(String seed) {
            for (RunResult r : runs) if (r.configString("seed").equals(seed)) return r;
            return null;
        }
    }

    static List<Group> groups(List<RunResult> runs) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (RunResult r : runs) {
            if (r.test() == null) continue;
            String key = ComparisonTable.model(r) + " | " + r.configString("window") + " | " + r.configString("split")
                    + " | " + splitSeed(r) + (ComparisonTable.isDistilled(r) ? " | " + r.configString("alpha") + " | "
                    + r.configString("tau") : " |  | ");
            byKey.computeIfAbsent(key, k -> new Group(ComparisonTable.model(r), k, new ArrayList<>())).runs().add(r);
        }
        return new ArrayList<>(byKey.values());
    }

    static String markdown(List<RunResult> runs) throws IOException {
        List<Group> groups = groups(runs);
        StringBuilder sb = new StringBuilder();
        long untested = runs.stream().filter(r -> r.test() == null).count();
        if (untested > 0) sb.append(untested).append(" run(s) not tested yet, left out.\n\n");
        if (groups.isEmpty()) return sb.append("No tested runs.\n").toString();
        List<String> classes = groups.get(0).runs().get(0).test().confusion().classNames();

        sb.append("| model | window | split | split seed | alpha | tau | seeds | epochs | Acc | Prec | Rec | F1 |");
        for (String c : classes) sb.append(" F1 ").append(c).append(" |");
        sb.append("\n|---|---|---|---|---|---|---|---|---:|---:|---:|---:|").append("---:|".repeat(classes.size()))
                .append('\n');
        for (Group g : groups) {
            sb.append("| ").append(g.key()).append(" | ").append(seeds(g)).append(" | ").append(epochs(g)).append(" | ")
                    .append(meanSd(g.values(Scores::accuracy))).append(" | ")
                    .append(meanSd(g.values(Scores::macroPrecision))).append(" | ")
                    .append(meanSd(g.values(Scores::macroRecall))).append(" | ")
                    .append(meanSd(g.values(Scores::macroF1))).append(" |");
            for (String c : classes) sb.append(' ').append(classMeanSd(g, c, ClassScores::f1)).append(" |");
            sb.append('\n');
        }

        sb.append("\nPer class, mean +- sd over seeds (percent):\n\n| model | class | precision | recall | F1 |\n"
                + "|---|---|---:|---:|---:|\n");
        for (Group g : groups)
            for (String c : classes)
                sb.append("| ").append(g.model()).append(" (").append(g.runs().get(0).configString("window")).append(")")
                        .append(" | ").append(c).append(" | ").append(classMeanSd(g, c, ClassScores::precision))
                        .append(" | ").append(classMeanSd(g, c, ClassScores::recall)).append(" | ")
                        .append(classMeanSd(g, c, ClassScores::f1)).append(" |\n");

        for (Group fgl : groups) {
            if (!fgl.model().equals("FGL student")) continue;
            for (Group base : groups) {
                if (!base.model().equals("baseline student") || !sameData(base, fgl)) continue;
                sb.append('\n').append(paired(base, fgl));
            }
        }
        return sb.toString();
    }

    /** FGL minus baseline, seed by seed: macro-F1 difference, then McNemar on the test beats. */
    static String paired(Group base, Group fgl) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "FGL student (alpha %s, tau %s) minus baseline student, %s split, "
                        + "paired by training seed:%n%n", fgl.runs().get(0).configString("alpha"),
                fgl.runs().get(0).configString("tau"), fgl.runs().get(0).configString("split")));
        sb.append("| seed | baseline F1 | FGL F1 | FGL - baseline | beats only baseline right | only FGL right | "
                + "McNemar p |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> a = new ArrayList<>(), b = new ArrayList<>();
        for (RunResult f : fgl.runs()) {
            RunResult r = base.seed(f.configString("seed"));
            if (r == null) continue;
            double fb = r.test().macroF1(), ff = f.test().macroF1();
            a.add(ff);
            b.add(fb);
            sb.append("| ").append(f.configString("seed")).append(" | ").append(ComparisonTable.pct(fb)).append(" | ")
                    .append(ComparisonTable.pct(ff)).append(" | ").append(signedPct(ff - fb)).append(" | ");
            McNemar m = mcNemar(r, f);
            if (m == null) sb.append("n/a | n/a | n/a (no comparable ").append(TestPredictions.FILE).append(") |\n");
            else sb.append(m.onlyA()).append(" | ").append(m.onlyB()).append(" | ").append(p(m.p())).append(" |\n");
        }
        if (a.isEmpty()) return sb.append("\nNo seed has both a baseline and an FGL run.\n").toString();
        PairedDifference d = PairedDifference.of(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray());
        sb.append(String.format(Locale.ROOT, "%nMean difference %s +- %s points over %d seed(s); paired t-test: %s%n",
                signedPct(d.mean()), ComparisonTable.pct(d.sd()), d.pairs(),
                Double.isNaN(d.p()) ? "undefined (needs two or more seeds with differing differences)"
                        : String.format(Locale.ROOT, "t = %.3f, df = %d, p = %s", d.t(), d.df(), p(d.p()))));
        return sb.toString();
    }

    /** McNemar between two tested runs, or null when either lacks predictions on the same beats. */
    static McNemar mcNemar(RunResult a, RunResult b) throws IOException {
        Path fa = a.dir().resolve(TestPredictions.FILE), fb = b.dir().resolve(TestPredictions.FILE);
        if (!Files.exists(fa) || !Files.exists(fb)) return null;
        TestPredictions pa = TestPredictions.read(fa), pb = TestPredictions.read(fb);
        if (!pa.sameBeats(pb)) return null;
        return McNemar.of(pa.truth(), pa.predicted(), pb.predicted());
    }

    private static boolean sameData(Group a, Group b) {
        RunResult x = a.runs().get(0), y = b.runs().get(0);
        return x.configString("split").equals(y.configString("split")) && splitSeed(x).equals(splitSeed(y))
                && x.configString("records").equals(y.configString("records"));
    }

    private static String splitSeed(RunResult r) {
        String s = r.configString("split_seed");
        return s.isEmpty() ? r.configString("seed") : s;
    }

    private static String seeds(Group g) {
        StringBuilder sb = new StringBuilder();
        for (RunResult r : g.runs()) sb.append(sb.length() == 0 ? "" : ", ").append(r.configString("seed"));
        return g.runs().size() + " (" + sb + ")";
    }

    /** Epochs run per seed (less than asked where early stopping ended the run). */
    private static String epochs(Group g) {
        StringBuilder sb = new StringBuilder();
        for (RunResult r : g.runs()) sb.append(sb.length() == 0 ? "" : ", ").append(r.epochs().size());
        return sb + "/" + g.runs().get(0).configString("epochs");
    }

    private static String classMeanSd(Group g, String c, ToDoubleFunction<ClassScores> score) {
        double[] v = new double[g.runs().size()];
        for (int i = 0; i < v.length; i++) {
            ClassScores cs = g.runs().get(i).test().of(c);
            if (!cs.present()) return "absent";
            v[i] = score.applyAsDouble(cs);
        }
        return meanSd(v);
    }

    static String meanSd(double[] v) {
        MeanSd m = MeanSd.of(v);
        return v.length == 1 ? ComparisonTable.pct(m.mean()) : ComparisonTable.pct(m.mean()) + " +- "
                + ComparisonTable.pct(m.sd());
    }

    private static String signedPct(double v) {
        return String.format(Locale.ROOT, "%+.2f", 100 * v);
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
