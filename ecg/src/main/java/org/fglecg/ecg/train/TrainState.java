package org.fglecg.ecg.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run needs to continue exactly where it stopped. Besides these fields, the model and
 * optimiser files hold the weights, BatchNorm statistics and Adam moments; the random streams
 * need no saving because each epoch's shuffling and dropout are seeded from (seed, epoch).
 */
public record TrainState(int epochsDone, int bestEpoch, double bestValMacroF1, String modelFile,
                         String optimizerFile) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs_done", epochsDone);
        m.put("best_epoch", bestEpoch);
        m.put("best_val_macro_f1", bestValMacroF1);
        m.put("model_file", modelFile);
        m.put("optimizer_file", optimizerFile);
        return m;
    }

    public static TrainState fromJson(Map<String, Object> m) {
        return new TrainState(((Number) m.get("epochs_done")).intValue(), ((Number) m.get("best_epoch")).intValue(),
                ((Number) m.get("best_val_macro_f1")).doubleValue(), (String) m.get("model_file"),
                (String) m.get("optimizer_file"));
    }

    /**
     * The state after epoch {@code epoch} as the trainer had it, from the metrics lines of epochs
     * 1..epoch: the best epoch is the first with the highest validation macro-F1 (the trainer
     * keeps a new best only when it is strictly better). Used when state.json itself is lost.
     */
    public static TrainState atEpoch(int epoch, List<Map<String, Object>> metrics) {
        int best = 0;
        double bestF1 = 0;
        for (Map<String, Object> line : metrics) {
            int e = ((Number) line.get("epoch")).intValue();
            double f1 = ((Number) line.get("val_macro_f1")).doubleValue();
            if (e <= epoch && (best == 0 || f1 > bestF1)) {
                best = e;
                bestF1 = f1;
            }
        }
        return new TrainState(epoch, best, bestF1, RunDirectory.checkpointName(epoch, "model"),
                RunDirectory.checkpointName(epoch, "optim"));
    }
}
