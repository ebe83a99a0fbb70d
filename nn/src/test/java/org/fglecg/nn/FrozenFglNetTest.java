package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.SteadyStateAllocation;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free inference path computes exactly what the folded inference copy's
 * {@code predict} does (bit for bit, any batch, any thread count), and allocates nothing per
 * call once compiled.
 */
class FrozenFglNetTest {

    /** A network whose batch norms have left their initial statistics (else folding is trivial). */
    private static FglNet withRunningStatistics(FglNet.Config config, long seed) {
        FglNet net = new FglNet(config, seed);
        net.train();
        Rng rng = new Rng(seed + 1);
        try (NoGrad g = NoGrad.enter()) {
            for (int i = 0; i < 3; i++) net.forward(Tensor.randn(rng, 8, 1, config.length()).mul(2f).add(0.5f));
        }
        net.eval();
        return net;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": logit " + i + " is " + actual[i] + ", the inference copy gives " + expected[i]);
            }
        }
    }

    @Test
    void studentAndTeacherGiveTheInferenceCopysBitsAtEveryBatchAndThreadCount() {
        int saved = Parallel.threads();
        try {
            for (FglNet.Config config : new FglNet.Config[] {FglNet.student(), FglNet.teacher(450)}) {
                FglNet net = withRunningStatistics(config, 7);
                FglNet reference = net.inferenceCopy();
                FrozenFglNet frozen = FrozenFglNet.of(net);
                for (int batch : new int[] {1, 5, FrozenFglNet.CHUNK + 5}) {
                    Tensor x = Tensor.randn(new Rng(batch), batch, 1, config.length());
                    float[] expected = reference.predict(x).contiguous().toArray();
                    for (int threads : new int[] {1, 2}) {
                        Parallel.setThreads(threads);
                        assertSameBits(expected, frozen.predict(x).toArray(),
                                "L " + config.length() + " batch " + batch + " threads " + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void eachBeatsLogitsDependOnThatBeatAlone() {
        FglNet.Config config = FglNet.student();
        FrozenFglNet frozen = FrozenFglNet.of(withRunningStatistics(config, 3));
        int batch = 2 * FrozenFglNet.CHUNK + 3, len = config.length(), k = config.numClasses();
        float[] x = Tensor.randn(new Rng(5), batch, 1, len).toArray();
        float[] all = new float[batch * k];
        frozen.logits(x, 0, batch, all, 0);
        float[] one = new float[k + 2];
        for (int b = 0; b < batch; b++) {
            frozen.logits(x, b * len, 1, one, 2);                     // offsets on both sides
            for (int j = 0; j < k; j++) {
                assertEquals(Float.floatToRawIntBits(all[b * k + j]), Float.floatToRawIntBits(one[2 + j]),
                        "beat " + b + " logit " + j);
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnBuffers() throws Exception {
        FglNet.Config config = FglNet.student();
        FrozenFglNet frozen = FrozenFglNet.of(withRunningStatistics(config, 4));
        Tensor[] inputs = new Tensor[4];
        float[][] expected = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Tensor.randn(new Rng(20 + i), i == 3 ? 40 : 1 + i, 1, config.length());
            expected[i] = frozen.predict(inputs[i]).toArray();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] runs = new Future<?>[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                int which = i;
                runs[i] = pool.submit(() -> {
                    for (int r = 0; r < 20; r++) {
                        assertSameBits(expected[which], frozen.predict(inputs[which]).toArray(), "caller " + which);
                    }
                    return null;
                });
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badArraysAreRefusedWithTheirSizes() {
        FrozenFglNet frozen = FrozenFglNet.of(new FglNet(FglNet.student(), 0));
        var e = assertThrows(IllegalArgumentException.class, () -> frozen.logits(new float[359], 0, 2, new float[8], 0));
        assertEquals("FrozenFglNet.logits: 2 beats of 180 samples from offset 0 need 360 input floats, the array has 359",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> frozen.logits(new float[360], 0, 2, new float[8], 1));
        assertEquals("FrozenFglNet.logits: 2 beats x 4 logits from offset 1 need 9 output floats, the array has 8",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> frozen.predict(Tensor.zeros(1, 1, 181)));
        assertEquals("FrozenFglNet: input shape [1, 1, 181], expected [batch, 1, 180]", e.getMessage());
    }

    /**
     * After warm-up a call allocates nothing on any thread ({@link SteadyStateAllocation}: rounds
     * repeat until one allocates nothing; what remains must come from Vector API fallbacks the JIT
     * left, none from our code).
     */
    @Test
    void steadyStateCallsAllocateNothing() throws Exception {
        FglNet.Config config = FglNet.student();
        FrozenFglNet frozen = FrozenFglNet.of(new FglNet(config, 1));
        int saved = Parallel.threads();
        try {
            for (int[] run : new int[][] {{1, 1}, {2, 2 * FrozenFglNet.CHUNK}}) {     // {threads, batch}
                Parallel.setThreads(run[0]);
                int batch = run[1];
                float[] x = Tensor.randn(new Rng(2), batch, 1, config.length()).toArray();
                float[] out = new float[batch * config.numClasses()];
                frozen.logits(x, 0, batch, out, 0);                       // starts the pool's threads
                SteadyStateAllocation.Result r = SteadyStateAllocation.measure(() -> {
                    for (int i = 0; i < 20; i++) frozen.logits(x, 0, batch, out, 0);
                }, SteadyStateAllocation.thisThreadAndPool(), 3, 60);
                String what = "threads " + run[0] + " batch " + batch;
                assertTrue(r.nothingOfOurs(), what + ": allocations by our code: " + r);
                if (r.leastBytes() > 0) System.err.println(SteadyStateAllocation.fallbackNotice(what, r));
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
