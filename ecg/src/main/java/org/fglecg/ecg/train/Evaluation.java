package org.fglecg.ecg.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;

/** Scoring a trained run: its best checkpoint on its test split. */
public final class Evaluation {
    private Evaluation() {}

    /** The run's model with its best weights. */
    public static FglNet bestModel(RunDirectory run) throws IOException {
        TrainConfig cfg = TrainConfig.fromJson(run.config());
        FglNet model = Models.create(cfg, cfg.window());
        org.fglecg.nn.io.Checkpoint.load(model, run.file(RunDirectory.BEST));
        return model;
    }

    /** Scores the best checkpoint of {@code runDir} on the test split and records it in test.json. */
    public static Scores test(Path runDir, Path dataDir, PrintStream log, boolean live) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        TrainConfig cfg = TrainConfig.fromJson(run.config());
        TrainState state = run.state();
        if (state == null) throw new IOException("run " + runDir + " has not finished an epoch: nothing to evaluate");
        TrainingData data = TrainingData.load(dataDir, cfg);
        return test(run, cfg, state, bestModel(run), data, log, live);
    }

    static Scores test(RunDirectory run, TrainConfig cfg, TrainState state, FglNet model, TrainingData data,
                       PrintStream log, boolean live) throws IOException {
        WindowSpec w = cfg.window();
        int[] test = data.split().test();
        float[] z = Evaluator.logits(FrozenFglNet.of(model), data.dataset(), w, test, log, live, "  test");
        int[] truth = Evaluator.labelsOf(data.dataset(), test);
        Scores s = Evaluator.scores(z, truth);
        TestPredictions.of(data.beats(), test, truth, Evaluator.argmax(z, TrainingData.CLASS_NAMES.size()))
                .write(run.file(TestPredictions.FILE));
        run.writeTestScores(state.bestEpoch(), s);
        log.printf(Locale.ROOT, "%s: test (best epoch %d, %d beats): accuracy %.2f %%, macro-F1 %.2f %%, F1 %s%n",
                run.name(), state.bestEpoch(), s.beats(), 100 * s.accuracy(), 100 * s.macroF1(), f1Text(s));
        return s;
    }

    static String f1Text(Scores s) {
        StringBuilder sb = new StringBuilder();
        for (ClassScores c : s.perClass())
            sb.append(c.name()).append(' ').append(c.present() ? String.format(Locale.ROOT, "%.2f", 100 * c.f1()) : "absent").append(' ');
        return sb.toString().strip();
    }
}
