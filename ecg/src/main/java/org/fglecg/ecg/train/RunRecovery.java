package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.fglecg.nn.io.AtomicFiles;
import org.fglecg.nn.io.Json;
import org.fglecg.nn.io.SafeTensors;

/**
 * What of a run directory is intact, and where training can continue from. Any single damaged
 * or missing file costs at most one epoch:
 *
 * <ul>
 *   <li>a damaged epoch checkpoint: continue from the previous epoch's, which is kept until the
 *       next one is committed;
 *   <li>state.json: rebuilt from the newest intact epoch files and the metrics lines;
 *   <li>metrics.jsonl or config.json: restored from the copies in state.json;
 *   <li>best.safetensors: restored from the best epoch's model checkpoint (the same bytes);
 *   <li>test.json: dropped, so the run is tested again.
 * </ul>
 *
 * {@link #examine} only reads; {@link #repair} writes what it found to restore, and is meant for
 * the writer holding the run's {@link RunLock}.
 */
public final class RunRecovery {
    /** NEW: nothing trained yet; RESUMABLE and COMPLETE: usable; DAMAGED: beyond recovery. */
    public enum Outcome { NEW, RESUMABLE, COMPLETE, DAMAGED }

    /** One file checked: intact or not, and what that means. */
    public record Finding(String file, boolean intact, String detail) {
        @Override
        public String toString() {
            return (intact ? "intact   " : "damaged  ") + file + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Path dir;
    private final List<Finding> findings = new ArrayList<>();
    private Outcome outcome;
    private String summary;
    private TrainState resumeFrom;
    private List<Map<String, Object>> metrics = List.of();
    private Map<String, Object> config;
    private boolean restoreConfig, rewriteMetrics, rewriteState, dropTest;
    private String restoreBestFrom;

    private RunRecovery(Path dir) {
        this.dir = dir;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** One line: where the run stands and why. */
    public String summary() {
        return summary;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The state to continue from (null: from the first epoch). */
    public TrainState resumeFrom() {
        return resumeFrom;
    }

    /** The findings that are not intact. */
    public List<Finding> damage() {
        return findings.stream().filter(f -> !f.intact()).toList();
    }

    /** Checks every file of the run directory {@code dir}; writes nothing. */
    public static RunRecovery examine(Path dir) throws IOException {
        RunRecovery r = new RunRecovery(dir);
        r.examine();
        return r;
    }

    private void examine() throws IOException {
        Path cfgFile = dir.resolve(RunDirectory.CONFIG), stateFile = dir.resolve(RunDirectory.STATE);
        config = readJson(cfgFile, true);
        CommitRecord record = null;
        if (Files.exists(stateFile)) {
            try {
                record = new RunDirectory(dir).commitRecord();
                findings.add(new Finding(RunDirectory.STATE, true, "epoch " + record.state().epochsDone() + " committed"));
            } catch (IOException e) {
                findings.add(new Finding(RunDirectory.STATE, false, reason(e, stateFile)));
            }
        }
        if (config == null) {
            if (record == null || record.config() == null) {
                fail("its configuration is lost (" + RunDirectory.CONFIG + " damaged or missing, and no intact copy in "
                        + RunDirectory.STATE + ")");
                return;
            }
            config = record.config();
            restoreConfig = true;
            findings.add(new Finding(RunDirectory.CONFIG, false, "restored from the copy in " + RunDirectory.STATE));
        }
        MetricsFile metricsFile = MetricsFile.read(dir.resolve(RunDirectory.METRICS));

        TreeSet<Integer> epochs = new TreeSet<>();
        for (Path f : new RunDirectory(dir).epochFiles()) {
            Matcher m = RunDirectory.EPOCH_FILE.matcher(f.getFileName().toString());
            if (m.matches()) epochs.add(Integer.parseInt(m.group(1)));
        }
        Integer committed = record == null ? null : record.state().epochsDone();
        List<Integer> candidates = new ArrayList<>();
        if (committed != null) candidates.add(committed);
        for (int e : epochs.descendingSet()) if (committed == null || e < committed) candidates.add(e);
        if (candidates.isEmpty() && record == null && metricsFile.lines.isEmpty()) {
            outcome = Outcome.NEW;
            summary = "no epoch trained yet: training starts at epoch 1";
            return;
        }
        if (metricsFile.problem != null) findings.add(new Finding(RunDirectory.METRICS, false, metricsFile.problem));
        String why = "";
        for (int n : candidates) {
            String problem = checkpointProblem(n);
            List<Map<String, Object>> lines = linesUpTo(n, record != null && record.metrics() != null
                    ? record.metrics() : metricsFile.lines);
            if (problem == null && lines == null) problem = "the metrics of epochs 1.." + n + " are incomplete";
            if (problem != null) {
                why += (why.isEmpty() ? "" : "; ") + "epoch " + n + ": " + problem;
                continue;
            }
            metrics = lines;
            resumeFrom = committed != null && n == committed ? record.state() : TrainState.atEpoch(n, lines);
            rewriteState = record == null || n != committed;
            rewriteMetrics = !metrics.equals(linesUpTo(n, metricsFile.lines));
            if (rewriteMetrics && metricsFile.problem == null)
                findings.add(new Finding(RunDirectory.METRICS, false, "differs from the lines " + RunDirectory.STATE
                        + " committed: restored from that copy"));
            if (record != null && n != committed) dropTest = Files.exists(dir.resolve(RunDirectory.TEST));
            break;
        }
        // The newest epoch that may be lost: the committed one, or without a record the newest files.
        int newest = committed != null ? committed : epochs.isEmpty() ? 0 : epochs.last();
        if (resumeFrom == null) {
            if (newest > 1) {
                fail("no intact epoch to continue from (" + why + ")");
                return;
            }
            rewriteState = false;
            outcome = Outcome.RESUMABLE;
            summary = "training starts again at epoch 1 (" + (why.isEmpty() ? "no epoch was committed" : why) + ")";
            return;
        }
        // The fallback, for the report: a damaged one is replaced by the next commit.
        int n0 = resumeFrom.epochsDone();
        if (n0 > 1 && epochs.contains(n0 - 1)) checkpointProblem(n0 - 1);
        checkBest();
        if (outcome == Outcome.DAMAGED) return;
        checkTest();
        checkTeacherLogits();
        int n = resumeFrom.epochsDone();
        String from = n == newest && !rewriteState ? "" : n < newest
                ? " (the newest intact epoch; " + why + ")"
                : " (rebuilt from epoch " + n + "'s files and " + RunDirectory.METRICS + ")";
        boolean finished;
        try {
            finished = TrainConfig.fromJson(config).finished(resumeFrom);
        } catch (RuntimeException e) {
            fail(RunDirectory.CONFIG + " is not a training configuration (" + e.getMessage() + ")");
            return;
        }
        boolean tested = Files.exists(dir.resolve(RunDirectory.TEST)) && !dropTest;
        boolean repairs = restoreConfig || rewriteMetrics || rewriteState || restoreBestFrom != null || dropTest;
        outcome = finished && tested && !repairs ? Outcome.COMPLETE : Outcome.RESUMABLE;
        summary = outcome == Outcome.COMPLETE ? "complete: " + n + " epochs, tested"
                : "resumable after epoch " + n + from;
    }

    /** Null when both checkpoint files of epoch n load and match their digests, else why not. */
    private String checkpointProblem(int n) {
        String problem = null;
        for (String kind : List.of("model", "optim")) {
            String name = RunDirectory.checkpointName(n, kind);
            Path f = dir.resolve(name);
            if (!Files.exists(f)) {
                findings.add(new Finding(name, false, "missing"));
                problem = problem == null ? name + " is missing" : problem;
                continue;
            }
            try {
                SafeTensors.load(f);
                findings.add(new Finding(name, true, ""));
            } catch (IOException | RuntimeException e) {
                findings.add(new Finding(name, false, reason(e, f)));
                problem = problem == null ? name + " is damaged" : problem;
            }
        }
        return problem;
    }

    /** best.safetensors must load; else the best epoch's model checkpoint restores it. */
    private void checkBest() {
        Path best = dir.resolve(RunDirectory.BEST);
        String problem = loadProblem(best);
        if (problem == null) {
            findings.add(new Finding(RunDirectory.BEST, true, ""));
            return;
        }
        String source = RunDirectory.checkpointName(resumeFrom.bestEpoch(), "model");
        if (loadProblem(dir.resolve(source)) != null) {
            findings.add(new Finding(RunDirectory.BEST, false, problem + "; no intact " + source + " to restore it from"));
            fail(RunDirectory.BEST + " (epoch " + resumeFrom.bestEpoch() + ") is lost");
            return;
        }
        restoreBestFrom = source;
        findings.add(new Finding(RunDirectory.BEST, false, problem + "; restored from " + source));
    }

    private void checkTest() throws IOException {
        Path test = dir.resolve(RunDirectory.TEST);
        if (!Files.exists(test)) return;
        if (dropTest) {
            findings.add(new Finding(RunDirectory.TEST, true, "belongs to a later epoch: dropped, the run is tested again"));
        } else if (readJson(test, false) == null) {
            dropTest = true;
            findings.add(new Finding(RunDirectory.TEST, false, "dropped: the run is tested again"));
        }
    }

    private void checkTeacherLogits() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("teacher-logits-.*\\.safetensors")).toList()) {
                String problem = loadProblem(f);
                findings.add(new Finding(f.getFileName().toString(), problem == null,
                        problem == null ? "" : problem + "; recomputed when next needed"));
            }
        }
    }

    private static String loadProblem(Path f) {
        if (!Files.exists(f)) return "missing";
        try {
            SafeTensors.load(f);
            return null;
        } catch (IOException | RuntimeException e) {
            return reason(e, f);
        }
    }

    /** A JSON file's fields, or null (with a finding) when it is damaged or missing. */
    private Map<String, Object> readJson(Path f, boolean required) {
        String name = f.getFileName().toString();
        if (!Files.exists(f)) {
            if (required) findings.add(new Finding(name, false, "missing"));
            return null;
        }
        try {
            Map<String, Object> m = RunDirectory.readJson(f);
            findings.add(new Finding(name, true, ""));
            return m;
        } catch (IOException e) {
            findings.add(new Finding(name, false, reason(e, f)));
            return null;
        }
    }

    /** The lines of epochs 1..n, in order, or null when one is missing. */
    private static List<Map<String, Object>> linesUpTo(int n, List<Map<String, Object>> lines) {
        Map<Integer, Map<String, Object>> byEpoch = new TreeMap<>();
        for (Map<String, Object> l : lines)
            if (l.get("epoch") instanceof Number e && e.intValue() >= 1 && e.intValue() <= n) byEpoch.putIfAbsent(e.intValue(), l);
        return byEpoch.size() == n ? new ArrayList<>(byEpoch.values()) : null;
    }

    /** An exception's message without the file name it repeats. */
    private static String reason(Exception e, Path f) {
        String m = String.valueOf(e.getMessage());
        for (String prefix : List.of(f + ": ", f + " is damaged: ", f + " ")) {
            if (m.startsWith(prefix)) return m.substring(prefix.length());
        }
        return m;
    }

    private void fail(String why) {
        outcome = Outcome.DAMAGED;
        summary = "damaged beyond recovery: " + why;
    }

    /** Writes what {@link #examine} found to restore; the run then resumes from {@link #resumeFrom}. */
    public void repair() throws IOException {
        if (outcome == Outcome.DAMAGED) throw new IOException("run directory " + dir + " is " + summary);
        RunDirectory run = new RunDirectory(dir);
        deleteLeftoverTemporaryFiles();
        if (restoreConfig) CheckedJson.write(dir.resolve(RunDirectory.CONFIG), config);
        if (resumeFrom == null) {
            Files.deleteIfExists(dir.resolve(RunDirectory.STATE));
            Files.deleteIfExists(dir.resolve(RunDirectory.TEST));
            run.writeMetrics(List.of());
            return;
        }
        if (rewriteMetrics) run.writeMetrics(metrics);
        if (restoreBestFrom != null) AtomicFiles.write(dir.resolve(RunDirectory.BEST), Files.readAllBytes(dir.resolve(restoreBestFrom)));
        if (dropTest) Files.deleteIfExists(dir.resolve(RunDirectory.TEST));
        if (rewriteState) run.writeCommitRecord(new CommitRecord(resumeFrom, metrics, config));
    }

    /** A process killed inside an atomic write leaves its temporary sibling (.NAME.*.tmp) behind. */
    private void deleteLeftoverTemporaryFiles() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("\\..+\\.tmp")).toList())
                Files.deleteIfExists(f);
        }
    }

    /** metrics.jsonl read leniently: the lines that parse, and what was wrong with the others. */
    private record MetricsFile(List<Map<String, Object>> lines, String problem) {
        static MetricsFile read(Path f) throws IOException {
            List<Map<String, Object>> lines = new ArrayList<>();
            if (!Files.exists(f)) return new MetricsFile(lines, "missing");
            String problem = null;
            int n = 0;
            String content;
            try {
                content = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                return new MetricsFile(lines, "not UTF-8 text");
            }
            List<String> text = content.lines().toList();
            for (String line : text) {
                n++;
                if (line.isBlank()) continue;
                // A last line without its newline: the append of an uncommitted epoch, cut short by a kill.
                if (n == text.size() && !content.endsWith("\n")) break;
                try {
                    Map<String, Object> m = Json.parseObject(line);
                    if (!(m.get("epoch") instanceof Number)) throw new IllegalArgumentException("no epoch");
                    lines.add(m);
                } catch (IllegalArgumentException e) {
                    if (problem == null) problem = "line " + n + " unreadable (" + e.getMessage() + ")";
                }
            }
            return new MetricsFile(lines, problem);
        }
    }
}
