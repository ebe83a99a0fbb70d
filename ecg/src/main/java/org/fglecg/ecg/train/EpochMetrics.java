package org.fglecg.ecg.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** One line of {@code metrics.jsonl}: what an epoch cost and how the model scored on validation. */
public record EpochMetrics(int epoch, double trainLoss, double trainSeconds, double samplesPerSecond,
                           double valLoss, Scores val) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("train_loss", trainLoss);
        m.put("train_seconds", trainSeconds);
        m.put("samples_per_s", samplesPerSecond);
        m.put("val_loss", valLoss);
        m.put("val_macro_f1", val.macroF1());
        m.put("val", val.toJson());
        return m;
    }

    @SuppressWarnings("unchecked")
    public static EpochMetrics fromJson(Map<String, Object> m) {
        return new EpochMetrics(((Number) m.get("epoch")).intValue(), ((Number) m.get("train_loss")).doubleValue(),
                ((Number) m.get("train_seconds")).doubleValue(), ((Number) m.get("samples_per_s")).doubleValue(),
                ((Number) m.get("val_loss")).doubleValue(), Scores.fromJson((Map<String, Object>) m.get("val")));
    }
}
