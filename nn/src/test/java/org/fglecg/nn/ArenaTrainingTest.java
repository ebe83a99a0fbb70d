package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.junit.jupiter.api.Test;

/**
 * Training steps ({@link TrainingStep}) and evaluation inside {@link TensorArena} scopes, as the
 * trainer runs them: the same bits as without the arena (lent arrays are zeroed like new ones, or
 * written in full when taken uninitialized), and in steady state every array a step needs comes
 * from the last step's. The test suites run with {@code -Dfglecg.arena.poison=true}, so a tensor
 * of the network kept past its step (a cached buffer, an escaped gradient), or an element of an
 * uninitialized buffer read before it was written, would turn the results to NaN here.
 */
class ArenaTrainingTest {
    static final int BATCH = 8, STEPS = 4;

    @Test
    void stepsAndEvaluationInAnArenaGiveTheSameBitsAndReuseTheLastStepsArrays() {
        for (FglNet.Config config : new FglNet.Config[] {FglNet.student(), FglNet.teacher(450)}) {
            TensorArena arena = new TensorArena();
            Run plain = new Run(config, null), pooled = new Run(config, arena);
            for (int s = 0; s < STEPS; s++) {
                float a = plain.step(s), b = pooled.step(s);
                assertEquals(Float.floatToIntBits(a), Float.floatToIntBits(b), "loss of step " + s);
            }
            Map<String, Tensor> x = plain.net.stateDict(), y = pooled.net.stateDict();
            for (String k : x.keySet()) assertArrayEquals(x.get(k).toArray(), y.get(k).toArray(), k);

            // Steady state: the step takes every array it needs from the last step's (the bytes a
            // whole JVM allocates also count the vectors the interpreter boxes before C2 has
            // compiled the kernels, so they are JMH's business: docs/PERFORMANCE.md).
            long fresh = arena.allocatedBytes(), reused = arena.reusedBytes();
            pooled.step(STEPS);
            assertEquals(fresh, arena.allocatedBytes(), config.length() + "-sample windows: nothing new in steady state");
            assertTrue(arena.reusedBytes() - reused > (config.length() > 200 ? 120 : 30) << 20,
                    "the step's arrays were lent again: " + (arena.reusedBytes() - reused) + " bytes");
            plain.step(STEPS);

            // Evaluation as the evaluator runs it: eval mode, no graph, one scope per batch.
            plain.net.eval();
            pooled.net.eval();
            try (NoGrad g = NoGrad.enter()) {
                float[] expected = plain.net.forward(plain.xs[0]).toArray();
                for (int round = 0; round < 3; round++) {
                    try (TensorArena.Scope scope = arena.open()) {
                        assertArrayEquals(expected, pooled.net.forward(pooled.xs[0]).toArray(), "eval round " + round);
                    }
                }
            }
        }
    }

    /** A network, its training step (in {@code arena}, or without one if null) and fixed batches. */
    private static final class Run {
        final FglNet net;
        final TrainingStep trainingStep;
        final Tensor[] xs = new Tensor[STEPS + 1];
        final int[][] ys = new int[STEPS + 1][BATCH];
        final float[] weights = {0.2f, 0.8f, 0.4f, 2.6f};

        Run(FglNet.Config config, TensorArena arena) {
            net = new FglNet(config, 7);
            net.train();
            trainingStep = new TrainingStep(net, new Adam(net.parameters(), 1e-3), arena);
            Rng rng = new Rng(3);
            for (int i = 0; i <= STEPS; i++) {
                xs[i] = Tensor.randn(rng, BATCH, 1, config.length());
                for (int j = 0; j < BATCH; j++) ys[i][j] = rng.nextInt(4);
            }
        }

        float step(int i) {
            return trainingStep.run(xs[i], z -> Losses.crossEntropy(z, ys[i], weights));
        }
    }
}
