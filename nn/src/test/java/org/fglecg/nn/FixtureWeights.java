package org.fglecg.nn;

import java.util.Map;
import org.fglecg.tensor.Tensor;

/**
 * The Java twin of tools/fixture_weights.py: deterministic weights regenerated bit for bit, so
 * the PyTorch fixtures need not store them. Keep the two in step.
 */
final class FixtureWeights {
    static final double PHI = 0.6180339887498949;
    static final double SQRT2 = 1.4142135623730951;

    private FixtureWeights() {}

    static void loadInto(Module model) {
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            float[] d = t.data();
            if (name.endsWith("num_batches_tracked")) {
                d[t.offset()] = 0f;
                continue;
            }
            int[] shape = t.shape();
            int sum = 0;
            for (char ch : name.toCharArray()) sum += ch;
            double c = (sum * SQRT2) % 1.0;
            double fanScale = 1.0;
            if (shape.length >= 2) {
                long fan = 1;
                for (int k = 1; k < shape.length; k++) fan *= shape[k];
                fanScale = 1.0 / Math.sqrt(fan);
            }
            for (int i = 0; i < t.numel(); i++) {
                double u = 2.0 * (((i + 1) * PHI + c) % 1.0) - 1.0;
                double v;
                if (name.endsWith("running_var")) v = 1.0 + 0.25 * (u + 1.0);
                else if (name.endsWith("running_mean")) v = 0.1 * u;
                else if (name.equals("pos")) v = 0.02 * u;
                else if (shape.length >= 2) v = fanScale * u;
                else if (name.endsWith(".weight")) v = 1.0 + 0.2 * u;
                else v = 0.1 * u;
                d[t.offset() + i] = (float) v;
            }
        }
    }
}
