package org.fglecg.ecg.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.fglecg.ecg.data.ClassCounts;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.TrainingStep;
import org.fglecg.nn.io.Checkpoint;
import org.fglecg.nn.io.SafeTensors;
import org.fglecg.nn.loss.ClassBalancedWeights;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Trains one model (FGL-SPEC section 5): a teacher on its window, a baseline student with
 * class-balanced cross-entropy alone, or a student distilled from a frozen teacher whose logits
 * are cached ({@link TeacherLogits}). After each epoch the model is scored on the validation
 * split; the epoch with the best validation macro-F1 is kept and finally scored on the test split.
 *
 * <p>Reproducibility: initialisation, shuffling and dropout each draw from a stream derived from
 * (seed, purpose, epoch), and the compute pool splits work by a fixed task count, so the same
 * seed and thread count give the same metrics; and a run stopped after epoch k and resumed from
 * its checkpoint continues to the same bits as one never stopped.
 *
 * <p>A trailing batch of one beat is skipped (BatchNorm needs two samples to normalise).
 */
public final class Trainer {
    private final TrainConfig cfg;
    private final TrainingData data;
    private final RunDirectory run;
    private final PrintStream log;
    private final boolean live;
    /** For tests of --resume: stop (as if killed) after this epoch; 0 = never. */
    private int stopAfterEpoch;

    public Trainer(TrainConfig cfg, TrainingData data, RunDirectory run, PrintStream log, boolean live) {
        this.cfg = cfg;
        this.data = data;
        this.run = run;
        this.log = log;
        this.live = live;
    }

    /**
     * Opens (or resumes) {@code runDir} for {@code cfg} and trains, holding the run's {@link
     * RunLock} throughout. A resume first checks the directory ({@link RunRecovery}): it goes on
     * from the newest intact epoch, and says which and why when that is not the last committed.
     */
    public static RunResult train(TrainConfig cfg, Path dataDir, Path runDir, boolean resume, PrintStream log,
                                  boolean live) throws IOException {
        TrainingData.requireDatabase(dataDir);
        try (RunLock lock = RunLock.acquire(runDir)) {
            if (resume && java.nio.file.Files.exists(runDir.resolve(RunDirectory.CONFIG))) recover(runDir, log);
            Integer earlierThreads = resume ? RunDirectory.threadsOf(runDir) : null;
            RunDirectory run = RunDirectory.create(runDir, cfg.toJson(), resume);
            if (earlierThreads != null && earlierThreads != cfg.threads())
                log.printf(Locale.ROOT, "%s: warning: resumed with %d threads, earlier epochs used %d: the run goes on, "
                        + "but its numbers are no longer promised to be bit-identical to an uninterrupted run%n",
                        run.name(), cfg.threads(), earlierThreads);
            TrainState state = run.state();
            if (cfg.finished(state) && java.nio.file.Files.exists(run.file(RunDirectory.TEST))) {
                log.println(run.name() + ": already finished (" + state.epochsDone() + " epochs, tested), skipped");
                return RunResult.load(runDir);
            }
            return new Trainer(cfg, TrainingData.load(dataDir, cfg), run, log, live).run();
        }
    }

    private static void recover(Path runDir, PrintStream log) throws IOException {
        RunRecovery r = RunRecovery.examine(runDir);
        String name = runDir.getFileName().toString();
        for (RunRecovery.Finding f : r.damage()) log.println(name + ": " + f);
        if (r.outcome() == RunRecovery.Outcome.DAMAGED)
            throw new IOException("cannot resume " + runDir + ": " + r.summary()
                    + (r.damage().isEmpty() ? "" : " [" + r.damage().get(0) + "]"));
        if (!r.damage().isEmpty()) log.println(name + ": " + r.summary());
        r.repair();
    }

    Trainer stopAfterEpoch(int epoch) {
        this.stopAfterEpoch = epoch;
        return this;
    }

    public RunResult run() throws IOException {
        Parallel.setThreads(cfg.threads());
        int k = TrainingData.CLASS_NAMES.size();
        int[] labels = data.labels();
        int[] train = Subsets.stratified(data.split().train(), labels, k, cfg.maxTrainBeats(),
                Subsets.derive(cfg.splitSeed(), Subsets.SUBSET, 0));
        int[] val = Subsets.stratified(data.split().val(), labels, k, cfg.maxEvalBeats(),
                Subsets.derive(cfg.splitSeed(), Subsets.SUBSET, 1));
        int[] trainY = Evaluator.labelsOf(data.dataset(), train), valY = Evaluator.labelsOf(data.dataset(), val);
        // The class-balanced weights of the whole training split, also when training on a subset:
        // a subset's counts would give its rare classes far larger weights than the full run's
        // loss does (5 F beats against 572 N weighed F 113 times N; the full split, 16 times).
        float[] weights = classWeights(data.beats().classCounts(data.split().train()), cfg.beta());
        WindowSpec w = cfg.window();
        log.printf(Locale.ROOT, "%s: %s on %s, %s split; train %s, val %s beats; CB weights %s%n", run.name(),
                describe(), w.name(), cfg.split(), countsText(trainY, k), countsText(valY, k), weightsText(weights));

        TrainState state = run.state();
        float[] teacherLogits = null;
        if (cfg.distilled()) {
            RunDirectory teacherRun = RunDirectory.open(Path.of(cfg.teacherRun()));
            checkSameData(TrainConfig.fromJson(teacherRun.config()));
            TeacherLogits t = TeacherLogits.forBeats(teacherRun, data, train, log, live);
            run.bindTeacher(t.key(), state != null);
            teacherLogits = t.logits();
        }

        FglNet model = Models.create(cfg, w);
        Adam.State optimizer = null;
        run.truncateMetrics(state == null ? 0 : state.epochsDone());
        java.util.List<java.util.Map<String, Object>> history = run.metrics();
        if (state != null) {
            Checkpoint.load(model, run.file(state.modelFile()));
            optimizer = OptimizerFiles.load(run.file(state.optimizerFile()));
            log.printf(Locale.ROOT, "%s: resuming after epoch %d (best so far: epoch %d, val macro-F1 %.2f %%)%n",
                    run.name(), state.epochsDone(), state.bestEpoch(), 100 * state.bestValMacroF1());
        }
        int start = state == null ? 1 : state.epochsDone() + 1;
        for (int epoch = start; epoch <= cfg.epochs() && !cfg.finished(state); epoch++) {
            model = Models.forEpoch(cfg, w, epoch, model);
            Adam adam = new Adam(model.parameters(), cfg.lr());
            if (optimizer != null) adam.loadState(optimizer);
            EpochMetrics m = epoch(epoch, model, adam, train, trainY, weights, teacherLogits, val, valY);
            optimizer = adam.state();
            boolean better = state == null || m.val().macroF1() > state.bestValMacroF1();
            TrainState next = new TrainState(epoch, better ? epoch : state.bestEpoch(),
                    better ? m.val().macroF1() : state.bestValMacroF1(),
                    RunDirectory.checkpointName(epoch, "model"), RunDirectory.checkpointName(epoch, "optim"));
            try {
                commitEpoch(model, optimizer, m, better, next, history);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; " + committedText(state), e);
            }
            state = next;
            log.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  val loss %.4f  val macro-F1 %.2f %%%s  "
                            + "%.1f samples/s  %s%n", epoch, cfg.epochs(), m.trainLoss(), m.valLoss(),
                    100 * m.val().macroF1(), better ? " (best)" : "", m.samplesPerSecond(),
                    Progress.duration(m.trainSeconds()));
            if (epoch == stopAfterEpoch) return RunResult.load(run.dir());
        }
        if (cfg.finished(state) && state.epochsDone() < cfg.epochs())
            log.printf(Locale.ROOT, "%s: early stop after epoch %d: no better validation macro-F1 for %d epochs "
                    + "(best: epoch %d, %.2f %%)%n", run.name(), state.epochsDone(), cfg.patience(), state.bestEpoch(),
                    100 * state.bestValMacroF1());
        test(model, state);
        return RunResult.load(run.dir());
    }

    private EpochMetrics epoch(int epoch, FglNet model, Adam adam, int[] train, int[] trainY, float[] weights,
                               float[] teacherLogits, int[] val, int[] valY) {
        int k = TrainingData.CLASS_NAMES.size();
        WindowSpec w = cfg.window();
        int len = w.length(), batch = cfg.batchSize();
        int[] order = new int[train.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(Subsets.derive(cfg.seed(), Subsets.SHUFFLE, epoch)).shuffle(order);
        model.train();
        int batches = order.length / batch + (order.length % batch >= 2 ? 1 : 0);
        Progress progress = new Progress(log, live, String.format(Locale.ROOT, "epoch %d/%d", epoch, cfg.epochs()),
                batches);
        TrainingStep step = new TrainingStep(model, adam, new TensorArena()); // each step reuses the last one's storage
        for (int from = 0; from < order.length; from += batch) {
            int n = Math.min(batch, order.length - from);
            if (n < 2) break;
            float[] x = new float[n * len];
            int[] y = new int[n];
            float[] zt = teacherLogits == null ? null : new float[n * k];
            for (int b = 0; b < n; b++) {
                int pos = order[from + b];
                data.dataset().fillWindow(w, train[pos], x, b * len);
                y[b] = trainY[pos];
                if (zt != null) System.arraycopy(teacherLogits, pos * k, zt, b * k, k);
            }
            float loss = step.run(Tensor.fromArray(x, n, 1, len), z -> zt == null ? Losses.crossEntropy(z, y, weights)
                    : Losses.fgl(z, Tensor.fromArray(zt, n, k), y, weights, (float) cfg.alpha(), (float) cfg.tau()));
            progress.batchDone(n, loss);
        }
        progress.finish();
        double seconds = progress.seconds(), rate = progress.samplesPerSecond(), trainLoss = progress.runningLoss();
        float[] z = Evaluator.logits(model, data.dataset(), w, val, k, log, live, "  validation");
        return new EpochMetrics(epoch, trainLoss, seconds, rate, Evaluator.loss(z, valY, weights),
                Evaluator.scores(z, valY));
    }

    /**
     * Writes epoch {@code next}: its metrics line, the best model if it is one, the checkpoint
     * files (read back and checked against their digests before anything refers to them), then
     * state.json. Until that last write the previous epoch stays the committed one.
     */
    private void commitEpoch(FglNet model, Adam.State optimizer, EpochMetrics m, boolean better, TrainState next,
                             java.util.List<java.util.Map<String, Object>> history) throws IOException {
        int epoch = next.epochsDone();
        run.appendMetrics(m.toJson());
        history.add(org.fglecg.nn.io.Json.parseObject(org.fglecg.nn.io.Json.write(m.toJson())));
        if (better) Checkpoint.save(model, run.file(RunDirectory.BEST), modelMetadata(epoch));
        Checkpoint.save(model, run.file(next.modelFile()), modelMetadata(epoch));
        OptimizerFiles.save(optimizer, run.file(next.optimizerFile()));
        for (String f : java.util.List.of(next.modelFile(), next.optimizerFile())) SafeTensors.load(run.file(f));
        run.commit(next, history);
    }

    /** What a failed write leaves: the last committed epoch, which --resume continues from. */
    private String committedText(TrainState state) {
        return state == null ? "no epoch of " + run.dir() + " is committed yet: --resume starts it again at epoch 1"
                : "epoch " + state.epochsDone() + " remains committed and resumable (--resume)";
    }

    /** Loads the best epoch's weights and scores them on the (complete) test split. */
    private void test(FglNet model, TrainState state) throws IOException {
        try {
            Checkpoint.load(model, run.file(RunDirectory.BEST));
            Evaluation.test(run, cfg, state, model, data, log, live);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; all " + state.epochsDone() + " epochs remain committed: "
                    + "--resume tests the run again", e);
        }
    }

    private java.util.Map<String, String> modelMetadata(int epoch) {
        return java.util.Map.of("role", cfg.role().toString(), "window", cfg.window().name(), "epoch",
                String.valueOf(epoch));
    }

    private void checkSameData(TrainConfig teacher) {
        if (teacher.split() != cfg.split() || teacher.splitSeed() != cfg.splitSeed()
                || !teacher.records().equals(cfg.records()))
            throw new IllegalArgumentException("teacher run " + cfg.teacherRun() + " was trained on split "
                    + teacher.split() + " split seed " + teacher.splitSeed() + " records " + teacher.records()
                    + "; this student asks for split " + cfg.split() + " split seed " + cfg.splitSeed() + " records "
                    + cfg.records() + ": they must match so the teacher has never seen the student's test beats");
    }

    private String describe() {
        if (cfg.role() == Role.TEACHER) return "teacher";
        return cfg.distilled() ? String.format(Locale.ROOT, "FGL student (alpha %s, tau %s, teacher %s)",
                cfg.alpha(), cfg.tau(), cfg.teacherRun()) : "baseline student (CB-CE)";
    }

    /**
     * Class-balanced weights (Cui et al. 2019) over the classes present in the training beats; a
     * class with no training beat never appears as a label, so it gets weight 0 instead of an
     * error (a subset of records may lack F beats, for instance).
     */
    static float[] classWeights(ClassCounts counts, double beta) {
        int[] n = counts.toArray();
        long[] present = java.util.Arrays.stream(n).filter(c -> c > 0).asLongStream().toArray();
        float[] w = ClassBalancedWeights.of(present, beta), out = new float[n.length];
        for (int c = 0, j = 0; c < n.length; c++) if (n[c] > 0) out[c] = w[j++];
        return out;
    }

    static long[] counts(int[] y, int k) {
        long[] c = new long[k];
        for (int v : y) c[v]++;
        return c;
    }

    private static String countsText(int[] y, int k) {
        long[] c = counts(y, k);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k; i++) sb.append(i == 0 ? "" : " ").append(TrainingData.CLASS_NAMES.get(i)).append(' ').append(c[i]);
        return sb.append(" (").append(y.length).append(')').toString();
    }

    private static String weightsText(float[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", w[i]));
        return sb.toString();
    }
}
