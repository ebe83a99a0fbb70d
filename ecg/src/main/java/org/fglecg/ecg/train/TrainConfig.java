package org.fglecg.ecg.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Everything that decides a run's numbers (FGL-SPEC section 5 defaults). Saved as the run's
 * {@code config.json}; a resumed run must ask for the same config. The {@code DEFAULT_*}
 * constants are the one place the defaults are written; the command line shows and uses them.
 *
 * <p>In {@code config.json} the role, split and window are their names ({@code "teacher"},
 * {@code "intra"}, {@code "T_asym_360"}), so files written before they were typed still read.
 *
 * @param role         teacher or student
 * @param window       the input window of FGL-SPEC section 3 ({@link WindowSpec#STUDENT}, {@link WindowSpec#T_ASYM_360}, ...)
 * @param split        intra (stratified 80/10/10 of all beats) or inter (DS1 / DS2)
 * @param seed         the training seed: initialisation, shuffling and dropout
 * @param splitSeed    the data seed: the intra-patient split and the beat subsets; fixed while the
 *                     training seed varies, so that seeds measure training noise only
 * @param patience     stop early after this many epochs without a better validation macro-F1
 *                     (0 = train all epochs)
 * @param teacherRun   for a distilled student: the teacher's run directory; null otherwise
 * @param alpha        weight of CB-CE in the FGL loss (1 = baseline student, no distillation)
 * @param tau          distillation temperature
 * @param beta         class-balanced loss beta
 * @param maxTrainBeats use a stratified subset of this many training beats (0 = all): for quick
 *                      runs and tests, always recorded so results are never mistaken for full ones
 * @param maxEvalBeats likewise for the validation split (the test split is always complete)
 * @param records      restrict the data to these records (empty = all 44): for tests and demos
 */
public record TrainConfig(Role role, WindowSpec window, SplitKind split, long seed, long splitSeed, int epochs, int patience, int batchSize,
                          double lr, double beta, String teacherRun, double alpha, double tau, int threads,
                          int maxTrainBeats, int maxEvalBeats, List<String> records) {

    public TrainConfig {
        if (role == null) throw new IllegalArgumentException("role must be one of " + Role.names());
        if (window == null) throw new IllegalArgumentException("window missing");
        if (split == null) throw new IllegalArgumentException("split must be one of " + SplitKind.names());
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        if (!(tau > 0)) throw new IllegalArgumentException("tau must be > 0, got " + tau);
        if (teacherRun != null && role == Role.TEACHER)
            throw new IllegalArgumentException("a teacher is not distilled from another teacher");
        if (teacherRun == null && alpha != 1.0)
            throw new IllegalArgumentException("alpha " + alpha + " needs a teacher run (alpha 1 = CB-CE only)");
        records = List.copyOf(records);
    }

    /** The default training seed and split seed. */
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_EPOCHS = 60;
    /** No early stopping. */
    public static final int DEFAULT_PATIENCE = 0;
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Adam's learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** Class-balanced loss beta. */
    public static final double DEFAULT_BETA = 0.9999;
    /** The FGL loss's CB-CE weight for a distilled student (an undistilled run has alpha 1). */
    public static final double DEFAULT_FGL_ALPHA = 0.5;
    /** The distillation temperature. */
    public static final double DEFAULT_TAU = 4.0;
    /** maxTrainBeats / maxEvalBeats meaning no subset: every beat of the split. */
    public static final int ALL_BEATS = 0;
    /** The split the paper reports first. */
    public static final SplitKind DEFAULT_SPLIT = SplitKind.INTRA;

    /**
     * Paper defaults for a role: Adam lr 1e-3, batch 128, 60 epochs without early stopping,
     * beta 0.9999, no distillation, all records, the compute pool's thread count.
     */
    public static TrainConfig defaults(Role role, WindowSpec window, SplitKind split) {
        return new TrainConfig(role, window, split, DEFAULT_SEED, DEFAULT_SEED, DEFAULT_EPOCHS, DEFAULT_PATIENCE,
                DEFAULT_BATCH_SIZE, DEFAULT_LR, DEFAULT_BETA, null, 1.0, DEFAULT_TAU, Parallel.threads(), ALL_BEATS, ALL_BEATS,
                List.of());
    }

    /** {@link #defaults(Role, WindowSpec, SplitKind)} on the role's default window. */
    public static TrainConfig defaults(Role role, SplitKind split) {
        return defaults(role, role.defaultWindow(), split);
    }

    public boolean distilled() {
        return teacherRun != null;
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(role, window, split, seed, splitSeed, e, patience, batchSize, lr, beta, teacherRun, alpha, tau, threads,
                maxTrainBeats, maxEvalBeats, records);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(role, window, split, s, splitSeed, epochs, patience, batchSize, lr, beta, teacherRun, alpha, tau, threads,
                maxTrainBeats, maxEvalBeats, records);
    }

    public TrainConfig withSplitSeed(long s) {
        return new TrainConfig(role, window, split, seed, s, epochs, patience, batchSize, lr, beta, teacherRun, alpha, tau,
                threads, maxTrainBeats, maxEvalBeats, records);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(role, window, split, seed, splitSeed, epochs, p, batchSize, lr, beta, teacherRun, alpha, tau,
                threads, maxTrainBeats, maxEvalBeats, records);
    }

    /** True once a run with this config needs no more epochs after {@code state}. */
    public boolean finished(TrainState state) {
        if (state == null) return false;
        return state.epochsDone() >= epochs || stopsEarly(state.epochsDone(), state.bestEpoch());
    }

    /** Early stopping: {@code patience} epochs have passed since the best one. */
    public boolean stopsEarly(int epochsDone, int bestEpoch) {
        return patience > 0 && epochsDone - bestEpoch >= patience;
    }

    /** A student distilled from {@code teacherRun} with loss weight alpha and temperature tau. */
    public TrainConfig distilledFrom(String teacher, double a, double t) {
        return new TrainConfig(Role.STUDENT, WindowSpec.STUDENT, split, seed, splitSeed, epochs, patience, batchSize, lr, beta, teacher, a, t, threads,
                maxTrainBeats, maxEvalBeats, records);
    }

    public TrainConfig withSubset(int trainBeats, int evalBeats, List<String> recordList) {
        return new TrainConfig(role, window, split, seed, splitSeed, epochs, patience, batchSize, lr, beta, teacherRun, alpha, tau, threads,
                trainBeats, evalBeats, recordList);
    }

    public TrainConfig withTraining(int batch, double learningRate, int threadCount) {
        return new TrainConfig(role, window, split, seed, splitSeed, epochs, patience, batch, learningRate, beta, teacherRun, alpha, tau,
                threadCount, maxTrainBeats, maxEvalBeats, records);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role.toString());
        m.put("window", window.name());
        m.put("split", split.toString());
        m.put("seed", seed);
        m.put("split_seed", splitSeed);
        m.put("epochs", epochs);
        m.put("patience", patience);
        m.put("batch_size", batchSize);
        m.put("lr", lr);
        m.put("beta", beta);
        if (teacherRun != null) m.put("teacher_run", teacherRun);
        m.put("alpha", alpha);
        m.put("tau", tau);
        m.put("threads", threads);
        m.put("max_train_beats", maxTrainBeats);
        m.put("max_eval_beats", maxEvalBeats);
        m.put("records", records);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static TrainConfig fromJson(Map<String, Object> m) {
        List<String> recs = new ArrayList<>();
        Object r = m.get("records");
        if (r != null) for (Object o : (List<Object>) r) recs.add(String.valueOf(o));
        return new TrainConfig(Role.of(str(m, "role")), WindowSpec.byName(str(m, "window")), SplitKind.of(str(m, "split")),
                num(m, "seed").longValue(), m.containsKey("split_seed") ? num(m, "split_seed").longValue()
                        : num(m, "seed").longValue(), num(m, "epochs").intValue(),
                m.containsKey("patience") ? num(m, "patience").intValue() : 0, num(m, "batch_size").intValue(),
                num(m, "lr").doubleValue(), num(m, "beta").doubleValue(), (String) m.get("teacher_run"),
                num(m, "alpha").doubleValue(), num(m, "tau").doubleValue(), num(m, "threads").intValue(),
                num(m, "max_train_beats").intValue(), num(m, "max_eval_beats").intValue(), recs);
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) throw new IllegalArgumentException("config: '" + key + "' missing or not a string");
        return s;
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("config: '" + key + "' missing or not a number");
        return n;
    }
}
