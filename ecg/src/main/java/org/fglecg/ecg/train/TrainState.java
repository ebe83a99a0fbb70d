package org.fglecg.ecg.train;

import java.util.LinkedHashMap;
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
}
