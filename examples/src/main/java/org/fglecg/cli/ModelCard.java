package org.fglecg.cli;

import java.util.Locale;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.train.ClassScores;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.Scores;
import org.fglecg.ecg.train.TrainConfig;

/**
 * The card of a released model (MODEL.md): what it is, the data and protocol it was trained
 * with, its test scores as {@code fgl evaluate} prints them, how to reproduce them, what it is
 * for and what it is not.
 */
final class ModelCard {
    private ModelCard() {}

    static String markdown(String name, RunResult run, TrainConfig cfg, String modelSha256, String released) {
        Scores t = run.test();
        boolean distilled = cfg.teacherRun() != null;
        String kind = cfg.role() == Role.TEACHER ? "teacher" : distilled ? "FGL student" : "baseline student";
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(name).append(": ").append(kind).append(", ").append(cfg.split() == SplitKind.INTER
                ? "inter-patient (DS1 -> DS2)" : "intra-patient").append("\n\n");
        sb.append("Released ").append(released).append(" from run `").append(run.name()).append("` of fgl-ecg. ")
                .append("Weights: `best.safetensors` (SHA-256 `").append(modelSha256).append("`), the epoch with the best ")
                .append("validation macro-F1.\n\n");
        sb.append("## Data\n\n");
        sb.append("MIT-BIH Arrhythmia Database (PhysioNet `mitdb`), the MLII lead at 360 Hz, beats at the reference R peaks, ")
                .append("four AAMI classes N, S, V, F (Q beats left out), window `").append(cfg.window().name()).append("`. ");
        sb.append(cfg.split() == SplitKind.INTER
                ? "Split `inter`: trained on DS1 without records 124, 201 and 223, validated on those three, tested on DS2 "
                  + "(de Chazal 2004): no test patient was seen in training.\n\n"
                : "Split `intra` (the paper's): a stratified 80/10/10 split of all beats of the 44 records (split seed "
                  + cfg.splitSeed() + "), so the same patients appear in training and test.\n\n");
        sb.append("## Training\n\n");
        sb.append(String.format(Locale.ROOT, "Adam, lr %s, batch %d, class-balanced cross-entropy (beta %s)%s; seed %d; "
                        + "epochs run: %d of at most %d%s; best epoch %d.%n%n", cfg.lr(), cfg.batchSize(), cfg.beta(),
                distilled ? String.format(Locale.ROOT, " with distillation from `%s` (alpha %s, tau %s)", cfg.teacherRun(),
                        cfg.alpha(), cfg.tau()) : "", cfg.seed(), run.epochs().size(), cfg.epochs(),
                cfg.patience() > 0 ? " (early stopping after " + cfg.patience() + " epochs without a better validation macro-F1)" : "",
                run.bestEpoch()));
        sb.append("## Test scores\n\n");
        sb.append(String.format(Locale.ROOT, "%d test beats: accuracy %.2f %%, macro-precision %.2f %%, macro-recall %.2f %%, "
                        + "macro-F1 %.2f %%.%n%n", t.beats(), 100 * t.accuracy(), 100 * t.macroPrecision(),
                100 * t.macroRecall(), 100 * t.macroF1()));
        sb.append("| class | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
        for (ClassScores c : t.perClass()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", c.name(), c.support(),
                    100 * c.precision(), 100 * c.recall(), 100 * c.f1()));
        }
        sb.append("\nReproduce (prints the same scores to the last digit and rewrites the same `test.json`):\n\n```\n")
                .append("./fgl evaluate models/").append(name).append(" --data ../shared/data/mitdb\n```\n\n");
        sb.append("## Intended use\n\n");
        sb.append("Research on heartbeat classification and future-guided learning: a baseline to compare with, a ")
                .append("model for `fgl predict` and `fgl stream`, and a starting point for experiments on devices.\n\n");
        sb.append("## Limits\n\n");
        sb.append("- Research software, **not a medical device**: not validated clinically, not for diagnosis or monitoring of patients.\n");
        sb.append("- Trained and tested on one database: 48 half-hour two-lead Holter recordings of 47 patients from the ")
                .append("1970s, one lead used; other leads, devices, populations and noise are untested.\n");
        if (cfg.split() != SplitKind.INTER) {
            sb.append("- Intra-patient: test beats come from patients seen in training, so these scores overstate what it ")
                    .append("does on a new patient; the inter-patient model is the honest one for that.\n");
        }
        sb.append("- Four classes only; Q beats (paced, unclassifiable) are not handled. On detected beats (not the ")
                .append("reference R peaks) add the detector's misses and extra beats (docs/DETECTION.md).\n");
        return sb.toString();
    }
}
