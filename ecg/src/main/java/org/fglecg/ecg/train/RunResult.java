package org.fglecg.ecg.train;

import org.fglecg.nn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished (or interrupted) run produced, read back from its directory: its
 * configuration, the per-epoch metrics, the best epoch, and the test scores when the run got
 * that far ({@code test} is null otherwise).
 */
public record RunResult(String name, Path dir, Map<String, Object> config, List<EpochMetrics> epochs,
                        int bestEpoch, Scores test) {

    @SuppressWarnings("unchecked")
    public static RunResult load(Path dir) throws IOException {
        RunDirectory run = RunDirectory.open(dir);
        List<EpochMetrics> epochs = new ArrayList<>();
        for (Map<String, Object> line : run.metrics()) {
            try {
                epochs.add(EpochMetrics.fromJson(line));
            } catch (RuntimeException e) {
                throw new IOException(run.file(RunDirectory.METRICS) + ": epoch line " + Json.write(line)
                        + " unreadable: " + e.getMessage(), e);
            }
        }
        TrainState state = run.state();
        Scores test = null;
        Path testFile = run.file(RunDirectory.TEST);
        if (Files.exists(testFile))
            test = Scores.fromJson((Map<String, Object>) RunDirectory.readJson(testFile).get("test"));
        return new RunResult(run.name(), dir, run.config(), epochs, state == null ? 0 : state.bestEpoch(), test);
    }

    public String configString(String key) {
        Object v = config.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** Validation scores of the best epoch, or null before any epoch finished. */
    public Scores bestVal() {
        for (EpochMetrics e : epochs) if (e.epoch() == bestEpoch) return e.val();
        return null;
    }
}
