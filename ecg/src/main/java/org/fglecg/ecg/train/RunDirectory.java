package org.fglecg.ecg.train;

import org.fglecg.nn.io.AtomicFiles;
import org.fglecg.nn.io.FileWriteException;
import org.fglecg.nn.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training run on disk, {@code runs/<name>/}:
 *
 * <pre>
 * config.json               what was asked for (role, window, split, seed, epochs, ...)
 * metrics.jsonl             one JSON line per finished epoch
 * epoch-NNNN.model.safetensors, epoch-NNNN.optim.safetensors
 *                           model and optimiser state of the last two committed epochs (the
 *                           older one is the fallback), plus the model of the best epoch
 * state.json                the commit record: epochs done, best epoch, file names, and copies
 *                           of the committed metrics lines and config ({@link CommitRecord})
 * best.safetensors          the model of the best epoch by validation macro-F1
 * test.json                 the best model's scores on the test split
 * teacher-logits.key        distilled runs: which teacher logits they learn from
 * test-predictions.csv      the best model's prediction for every test beat ({@link TestPredictions})
 * writer.lock               held by the process that trains the run ({@link RunLock})
 * </pre>
 *
 * <p>Crash safety: every file is written atomically, and an epoch counts as done only once
 * {@code state.json} names it. The order per epoch is metrics line, best model, checkpoint
 * files (read back and verified), then state.json, then the checkpoints older than the
 * previous epoch are deleted; on resume, metrics lines past the committed epoch are dropped
 * and that epoch is recomputed, which gives the same bits because all randomness is derived
 * from (seed, epoch). Damage: the JSON files carry a digest of their content ({@link
 * CheckedJson}) and the safetensors files digests of their tensors, so a changed byte is
 * refused; {@link RunRecovery} finds the newest intact epoch to continue from.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String STATE = "state.json";
    public static final String BEST = "best.safetensors";
    public static final String TEST = "test.json";
    public static final String TEACHER_KEY = "teacher-logits.key";

    private final Path dir;

    RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens a run for training. A new directory gets {@code config}; an existing one must have
     * been made with the same config and is continued only when {@code resume} is set.
     *
     * <p>A resume accepts changes to {@link #RESUMABLE} only. More epochs or another patience
     * extend a finished (or stopped) run: its config is rewritten and its stale test scores
     * dropped. This gives the same bits as a run asked for that many epochs from the start,
     * because the learning rate is constant and every epoch's randomness is derived from (seed,
     * epoch) alone; a schedule that depended on the total would break this and would have to
     * refuse here. Another thread count is accepted too (a run may move to another machine); the
     * caller warns that bit-identity with the earlier epochs is then no longer promised.
     */
    public static RunDirectory create(Path dir, Map<String, Object> config, boolean resume) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        Path cfg = dir.resolve(CONFIG);
        if (Files.exists(cfg)) {
            if (!resume)
                throw new IOException("run directory " + dir + " already exists: pass --resume to continue it, "
                        + "or choose another --name");
            Map<String, Object> old = run.config(), asked = Json.parseObject(Json.write(config));
            if (!old.equals(asked)) {
                if (!sameExceptResumable(old, asked))
                    throw new IOException("run directory " + dir + " was made with another configuration ("
                            + cfg + "): " + Json.write(old) + "; asked now: " + Json.write(config));
                run.extend(((Number) asked.get(EPOCHS)).intValue(), config);
            }
        } else {
            Files.createDirectories(dir);
            CheckedJson.write(cfg, config);
        }
        return run;
    }

    private static final String EPOCHS = "epochs";
    /** Config keys a resume may change: they decide when a run stops, or how fast, not its path. */
    public static final java.util.Set<String> RESUMABLE = java.util.Set.of(EPOCHS, "patience", "threads");

    private static boolean sameExceptResumable(Map<String, Object> a, Map<String, Object> b) {
        if (!(a.get(EPOCHS) instanceof Number) || !(b.get(EPOCHS) instanceof Number)) return false;
        Map<String, Object> x = new java.util.HashMap<>(a), y = new java.util.HashMap<>(b);
        x.keySet().removeAll(RESUMABLE);
        y.keySet().removeAll(RESUMABLE);
        return x.equals(y);
    }

    /** Sets a new epoch total; refuses one below the epochs already trained. */
    private void extend(int epochs, Map<String, Object> config) throws IOException {
        TrainState s = state();
        int done = s == null ? 0 : s.epochsDone();
        if (epochs < done)
            throw new IOException("run directory " + dir + " has already trained " + done + " epochs; --epochs "
                    + epochs + " cannot shorten it (its best model may come from a later epoch): choose another --name");
        Files.deleteIfExists(dir.resolve(TEST));
        CheckedJson.write(dir.resolve(CONFIG), config);
    }

    /** The thread count an existing run's config records, or null when there is no such run. */
    public static Integer threadsOf(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) return null;
        return readJson(dir.resolve(CONFIG)).get("threads") instanceof Number n ? n.intValue() : null;
    }

    /** Opens an existing run for reading. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CONFIG)))
            throw new IOException("not a run directory (no " + CONFIG + "): " + dir);
        return new RunDirectory(dir);
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return dir.getFileName().toString();
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Map<String, Object> config() throws IOException {
        return readJson(dir.resolve(CONFIG));
    }

    /** The committed training state, or null before the first epoch is done. */
    public TrainState state() throws IOException {
        CommitRecord r = commitRecord();
        return r == null ? null : r.state();
    }

    /** state.json, or null before the first epoch is done; refuses a damaged one. */
    CommitRecord commitRecord() throws IOException {
        Path f = dir.resolve(STATE);
        if (!Files.exists(f)) return null;
        Map<String, Object> m = readJson(f);
        try {
            return CommitRecord.fromJson(m);
        } catch (RuntimeException e) {
            throw new CheckedJson.DamagedException(f, "not a commit record (" + e + ")");
        }
    }

    /**
     * Commits an epoch: after this the run resumes from {@code state}. {@code metrics} are the
     * lines of epochs 1..state.epochsDone(), kept in state.json as the copy a damaged
     * metrics.jsonl is restored from. Then deletes the checkpoints no longer needed.
     */
    public void commit(TrainState state, List<Map<String, Object>> metrics) throws IOException {
        writeCommitRecord(new CommitRecord(state, metrics, config()));
        deleteSupersededCheckpoints(state);
    }

    void writeCommitRecord(CommitRecord record) throws IOException {
        CheckedJson.write(dir.resolve(STATE), record.toJson());
    }

    /**
     * Keeps the checkpoints of the committed epoch and of the one before (the fallback should the
     * newer be damaged), and the model of the best epoch (from which a damaged best.safetensors
     * is restored: both hold the same bytes); deletes the older epoch files. The epoch is
     * committed already, so a file that cannot be deleted only costs space: it is reported, not
     * fatal.
     */
    private void deleteSupersededCheckpoints(TrainState state) throws IOException {
        int n = state.epochsDone();
        for (Path f : epochFiles()) {
            java.util.regex.Matcher m = EPOCH_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) continue;
            int epoch = Integer.parseInt(m.group(1));
            if (epoch >= n - 1 || epoch == state.bestEpoch() && m.group(2).equals("model")) continue;
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                System.getLogger(RunDirectory.class.getName()).log(System.Logger.Level.WARNING, "epoch " + n
                        + " is committed, but deleting the superseded " + f + " failed (" + e + "); delete it by hand");
            }
        }
    }

    /** The epoch checkpoint files present, by name. */
    List<Path> epochFiles() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(f -> EPOCH_FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** epoch-NNNN.(model|optim).safetensors; group 1 is the epoch, group 2 the kind. */
    static final java.util.regex.Pattern EPOCH_FILE = java.util.regex.Pattern.compile(
            "epoch-(\\d{4,})\\.(model|optim)\\.safetensors");

    public void appendMetrics(Map<String, Object> epochLine) throws IOException {
        Path f = dir.resolve(METRICS);
        try {
            Files.writeString(f, Json.write(epochLine) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new FileWriteException(f, e);
        }
    }

    /** The per-epoch metrics lines, in order. */
    public List<Map<String, Object>> metrics() throws IOException {
        Path f = dir.resolve(METRICS);
        List<Map<String, Object>> lines = new ArrayList<>();
        if (!Files.exists(f)) return lines;
        String content;
        try {
            content = Files.readString(f, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CheckedJson.DamagedException(f, "not UTF-8 text");
        }
        List<String> text = content.lines().toList();
        int n = 0;
        for (String line : text) {
            n++;
            if (line.isBlank()) continue;
            // A line without its newline is still being appended by the training process.
            if (n == text.size() && !content.endsWith("\n")) break;
            try {
                lines.add(Json.parseObject(line));
            } catch (IllegalArgumentException e) {
                throw new CheckedJson.DamagedException(f, "line " + n + ": " + e.getMessage());
            }
        }
        checkAgainstCommit(f, lines);
        return lines;
    }

    /**
     * The lines of committed epochs must equal the copy in state.json (a training process may
     * have appended the line of an epoch it has not committed yet; that one is not checked).
     */
    private void checkAgainstCommit(Path f, List<Map<String, Object>> lines) throws IOException {
        CommitRecord r = commitRecord();
        if (r == null || r.metrics() == null) return;
        int done = r.state().epochsDone(), k = 0;
        for (Map<String, Object> line : lines) {
            if (!(line.get("epoch") instanceof Number e) || e.intValue() > done) continue;
            if (k >= r.metrics().size() || !r.metrics().get(k).equals(line))
                throw new CheckedJson.DamagedException(f, "the line of epoch " + e + " differs from the copy " + STATE
                        + " committed (fgl runs verify " + dir + " tells more; --resume restores it)");
            k++;
        }
        if (k < Math.min(done, r.metrics().size()))
            throw new CheckedJson.DamagedException(f, "has " + k + " lines of the " + done + " committed epochs "
                    + "(fgl runs verify " + dir + " tells more; --resume restores it from " + STATE + ")");
    }

    /** Keeps only the metrics of epochs 1..epochs (drops lines an interrupted epoch left behind). */
    public void truncateMetrics(int epochs) throws IOException {
        List<Map<String, Object>> keep = new ArrayList<>();
        for (Map<String, Object> m : metrics())
            if (((Number) m.get("epoch")).intValue() <= epochs) keep.add(m);
        writeMetrics(keep);
    }

    /** Replaces metrics.jsonl with these lines. */
    void writeMetrics(List<Map<String, Object>> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> m : lines) sb.append(Json.write(m)).append('\n');
        AtomicFiles.writeString(dir.resolve(METRICS), sb.toString());
    }

    /**
     * Ties a distilled run to the teacher logits it learns from: the first start records their
     * key; a resume whose teacher has changed since (retrained or extended) is refused, because
     * its earlier epochs learnt from other logits.
     */
    public void bindTeacher(String logitsKey, boolean resuming) throws IOException {
        Path f = dir.resolve(TEACHER_KEY);
        if (resuming && Files.exists(f)) {
            String was = Files.readString(f, StandardCharsets.UTF_8).trim();
            if (!was.equals(logitsKey))
                throw new IOException("run directory " + dir + " was distilled from another teacher model (" + f
                        + " holds " + was.substring(0, 16) + "..., the teacher now gives " + logitsKey.substring(0, 16)
                        + "...): the teacher run changed since; delete " + dir + " or choose another --name to distil again");
            return;
        }
        AtomicFiles.writeString(f, logitsKey + "\n");
    }

    /** Records the best model's scores on the test split. */
    public void writeTestScores(int bestEpoch, Scores test) throws IOException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("best_epoch", bestEpoch);
        m.put("test", test.toJson());
        CheckedJson.write(dir.resolve(TEST), m);
    }

    /** A JSON file of a run (config.json, state.json, test.json), checked against its digest. */
    public static Map<String, Object> readJson(Path f) throws IOException {
        return CheckedJson.read(f);
    }

    public static String checkpointName(int epoch, String kind) {
        return String.format("epoch-%04d.%s.safetensors", epoch, kind);
    }
}
