package org.fglecg.ecg.train;

import java.io.PrintStream;
import java.util.Arrays;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.nn.Module;
import org.fglecg.nn.loss.Losses;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.Tensor;

/** Runs a model in eval mode over beats: logits, predicted classes, scores. No graph is recorded. */
public final class Evaluator {
    public static final int BATCH = 256;

    private Evaluator() {}

    /**
     * Logits {@code [beats.length, classes]} (row-major) of {@code model} on window {@code w} of
     * each beat. The model is put in eval mode and restored to its previous mode afterwards.
     * With a {@code log}, a progress line named {@code label} is shown.
     */
    public static float[] logits(Module model, BeatDataset data, WindowSpec w, int[] beats, int classes,
                                 PrintStream log, boolean live, String label) {
        boolean wasTraining = model.isTraining();
        model.eval();
        int len = w.length();
        TensorArena arena = new TensorArena(); // each batch reuses the previous batch's activations
        try (NoGrad g = NoGrad.enter()) {
            return logits((x, n, out, outOff) -> {
                float[] in = x.length == n * len ? x : Arrays.copyOf(x, n * len);
                try (TensorArena.Scope s = arena.open()) {
                    Tensor z = model.forward(Tensor.fromArray(in, n, 1, len)).contiguous();
                    System.arraycopy(z.data(), z.offset(), out, outOff, n * classes);
                }
            }, data, w, beats, classes, log, live, label);
        } finally {
            model.train(wasTraining);
        }
    }

    /** The same on the allocation-free inference path (what fgl predict and evaluate use). */
    public static float[] logits(FrozenFglNet model, BeatDataset data, WindowSpec w, int[] beats,
                                 PrintStream log, boolean live, String label) {
        return logits((x, n, out, outOff) -> model.logits(x, 0, n, out, outOff), data, w, beats,
                model.config.numClasses(), log, live, label);
    }

    /** Logits of the first n windows of x (laid out as [n, 1, length]) into out from outOff. */
    private interface BatchLogits {
        void compute(float[] x, int n, float[] out, int outOff);
    }

    private static float[] logits(BatchLogits model, BeatDataset data, WindowSpec w, int[] beats, int classes,
                                  PrintStream log, boolean live, String label) {
        int len = w.length();
        float[] out = new float[beats.length * classes];
        float[] x = new float[Math.min(BATCH, beats.length) * len];
        Progress progress = log == null ? null
                : new Progress(log, live, label, (beats.length + BATCH - 1) / BATCH);
        try {
            for (int from = 0; from < beats.length; from += BATCH) {
                int n = Math.min(BATCH, beats.length - from);
                for (int b = 0; b < n; b++) data.fillWindow(w, beats[from + b], x, b * len);
                model.compute(x, n, out, from * classes);
                if (progress != null) progress.batchDone(n);
            }
        } finally {
            if (progress != null) progress.finish();
        }
        return out;
    }

    /** Index of the largest logit per row (the first on ties). */
    public static int[] argmax(float[] logits, int classes) {
        int[] p = new int[logits.length / classes];
        for (int i = 0; i < p.length; i++) p[i] = Logits.argmax(logits, i * classes, classes);
        return p;
    }

    public static Scores scores(float[] logits, int[] truth) {
        ConfusionMatrix m = new ConfusionMatrix(TrainingData.CLASS_NAMES);
        m.addAll(truth, argmax(logits, TrainingData.CLASS_NAMES.size()));
        return Scores.of(m);
    }

    /** Class-weighted cross-entropy of the logits (PyTorch's weighted mean); 0 for no beats. */
    public static double loss(float[] logits, int[] truth, float[] weights) {
        if (truth.length == 0) return 0;
        try (NoGrad g = NoGrad.enter()) {
            return Losses.crossEntropy(Tensor.fromArray(logits, truth.length, logits.length / truth.length), truth,
                    weights).item();
        }
    }

    /** Labels of the given beats. */
    public static int[] labelsOf(BeatDataset data, int[] beats) {
        return Arrays.stream(beats).map(data::label).toArray();
    }
}
