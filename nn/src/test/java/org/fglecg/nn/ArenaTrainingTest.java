package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.junit.jupiter.api.Test;

/**
 * Training steps inside {@link TensorArena} scopes, as the trainer runs them: the same bits as
 * without the arena (every lent array is zeroed like a new one), and most of a step's
 * allocation gone once the arena holds a step's arrays. The test suites run with
 * {@code -Dfglecg.arena.poison=true}, so a tensor of the network kept past its step (a cached
 * buffer, an escaped gradient) would turn the parameters to NaN here.
 */
class ArenaTrainingTest {
    static final int BATCH = 8, STEPS = 4;

    @Test
    void stepsInAnArenaGiveTheSameBitsAndAllocateAFractionOfPlainSteps() {
        for (FglNet.Config config : new FglNet.Config[] {FglNet.student(), FglNet.teacher(450)}) {
            Run plain = new Run(config), pooled = new Run(config);
            TensorArena arena = new TensorArena();
            for (int s = 0; s < STEPS; s++) {
                float a = plain.step(s), b;
                try (TensorArena.Scope scope = arena.open()) {
                    b = pooled.step(s);
                }
                assertEquals(Float.floatToIntBits(a), Float.floatToIntBits(b), "loss of step " + s);
            }
            Map<String, Tensor> x = plain.net.stateDict(), y = pooled.net.stateDict();
            for (String k : x.keySet()) assertArrayEquals(x.get(k).toArray(), y.get(k).toArray(), k);

            long plainBytes = plain.bytesOfStep(STEPS), pooledBytes;
            long before = allocated();
            try (TensorArena.Scope scope = arena.open()) {
                pooled.step(STEPS);
            }
            pooledBytes = allocated() - before;
            assertTrue(pooledBytes < plainBytes / 5, config.length() + "-sample windows: a step in the arena allocated "
                    + pooledBytes + " bytes on this thread, a plain one " + plainBytes);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** A network, its optimizer and fixed batches, stepped one batch at a time. */
    private static final class Run {
        final FglNet net;
        final Adam adam;
        final Tensor[] xs = new Tensor[STEPS + 1];
        final int[][] ys = new int[STEPS + 1][BATCH];
        final float[] weights = {0.2f, 0.8f, 0.4f, 2.6f};

        Run(FglNet.Config config) {
            net = new FglNet(config, 7);
            net.train();
            adam = new Adam(net.parameters(), 1e-3);
            Rng rng = new Rng(3);
            for (int i = 0; i <= STEPS; i++) {
                xs[i] = Tensor.randn(rng, BATCH, 1, config.length());
                for (int j = 0; j < BATCH; j++) ys[i][j] = rng.nextInt(4);
            }
        }

        float step(int i) {
            net.zeroGrad();
            Tensor loss = Losses.crossEntropy(net.forward(xs[i]), ys[i], weights);
            loss.backward();
            adam.step();
            return loss.item();
        }

        long bytesOfStep(int i) {
            long before = allocated();
            step(i);
            return allocated() - before;
        }
    }
}
