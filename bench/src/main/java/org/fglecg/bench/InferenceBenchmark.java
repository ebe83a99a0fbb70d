package org.fglecg.bench;

import java.util.concurrent.TimeUnit;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
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
 * Student inference on {@link FrozenFglNet} (BatchNorm folded into the convolutions, nothing
 * allocated per call; what fgl predict, evaluate and the streaming classifier run):
 * {@code latencyBatch1} is microseconds per beat at batch 1 (compare bench.py latency),
 * {@code throughputBatch256} beats per second at batch 256 (compare bench.py infer). {@code -p
 * path=tensor} runs the same network through tensors instead ({@link FglNet#inferenceCopy()}
 * {@code .predict}, the same bits), to see what the allocation-free path saves.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class InferenceBenchmark {
    @Param({"1", "2"})
    public int threads;

    /** "frozen" (FrozenFglNet) or "tensor" (the inference copy's predict). */
    @Param({"frozen"})
    public String path;

    FglNet net;
    FrozenFglNet frozen;
    float[] one, batch, logits;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        FglNet trained = new FglNet(FglNet.student(), 0);
        switch (path) {
            case "frozen" -> frozen = FrozenFglNet.of(trained);
            case "tensor" -> net = trained.inferenceCopy();
            default -> throw new IllegalArgumentException("path: frozen or tensor, got " + path);
        }
        Rng rng = new Rng(1);
        one = Tensor.randn(rng, 1, 1, 180).toArray();
        batch = Tensor.randn(rng, 256, 1, 180).toArray();
        logits = new float[256 * 4];
    }

    private Object run(float[] x, int n) {
        if (frozen == null) return net.predict(Tensor.fromArray(x, n, 1, 180));
        frozen.logits(x, 0, n, logits, 0);
        return logits;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object latencyBatch1() {
        return run(one, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(256)
    public Object throughputBatch256() {
        return run(batch, 256);
    }
}
