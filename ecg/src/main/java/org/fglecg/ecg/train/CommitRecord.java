package org.fglecg.ecg.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code state.json}: the committed {@link TrainState}, and copies of the metrics
 * lines of epochs 1..epochsDone and of the configuration it was committed with, so a damaged
 * metrics.jsonl or config.json can be restored from it (and state.json rebuilt from them).
 * {@code metrics} and {@code config} are null in state files written before they were added.
 */
record CommitRecord(TrainState state, List<Map<String, Object>> metrics, Map<String, Object> config) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(state.toJson());
        m.put("metrics", metrics);
        m.put("config", config);
        return m;
    }

    @SuppressWarnings("unchecked")
    static CommitRecord fromJson(Map<String, Object> m) {
        List<Map<String, Object>> metrics = null;
        if (m.get("metrics") instanceof List<?> l) {
            metrics = new ArrayList<>();
            for (Object line : l) metrics.add((Map<String, Object>) line);
        }
        return new CommitRecord(TrainState.fromJson(m), metrics, (Map<String, Object>) m.get("config"));
    }
}
