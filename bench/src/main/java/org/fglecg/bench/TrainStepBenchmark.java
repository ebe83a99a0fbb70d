package org.fglecg.bench;

import java.util.concurrent.TimeUnit;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.TrainingStep;
import org.fglecg.nn.loss.ClassBalancedWeights;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step at batch 128, the trainer's {@link TrainingStep}: forward in train mode,
 * class-balanced cross-entropy, backward, Adam (lr 1e-3). Score: samples per second (the step is
 * counted as 128 operations), the figure {@code shared/anchors/pytorch/bench.py train} prints.
 * Teacher: T_asym_360 (L 450, d_model 50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class TrainStepBenchmark {
    static final int BATCH = 128;

    @Param({"student", "teacher"})
    public String role;

    @Param({"1", "2"})
    public int threads;

    TrainingStep trainingStep;
    Tensor[] xs;
    int[][] ys;
    float[] weights;
    int step;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        FglNet.Config c = role.equals("student") ? FglNet.student() : FglNet.teacher(450);
        FglNet net = new FglNet(c, 0);
        net.train();
        trainingStep = new TrainingStep(net, new Adam(net.parameters(), 1e-3), new TensorArena());
        weights = ClassBalancedWeights.of(new long[] {45866, 944, 3788, 415}, 0.9999);
        Rng rng = new Rng(0);
        xs = new Tensor[4];
        ys = new int[4][BATCH];
        for (int i = 0; i < 4; i++) {
            xs[i] = Tensor.randn(rng, BATCH, 1, c.length());
            for (int j = 0; j < BATCH; j++) ys[i][j] = rng.nextInt(4);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float trainStep() {
        int i = step++ & 3;
        return trainingStep.run(xs[i], z -> Losses.crossEntropy(z, ys[i], weights)); // the trainer's step
    }
}
