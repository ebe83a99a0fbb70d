package org.fglecg.bench;

import java.util.concurrent.TimeUnit;
import org.fglecg.nn.FglNet;
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
 * Student inference on {@link FglNet#inferenceCopy()} (eval, BatchNorm folded into the convolutions,
 * no graph recorded): {@code latencyBatch1} is microseconds per
 * beat at batch 1 (compare bench.py latency), {@code throughputBatch256} beats per second at
 * batch 256 (compare bench.py infer).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class InferenceBenchmark {
    @Param({"1", "2"})
    public int threads;

    FglNet net;
    Tensor one, batch;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        net = new FglNet(FglNet.student(), 0).inferenceCopy();
        Rng rng = new Rng(1);
        one = Tensor.randn(rng, 1, 1, 180);
        batch = Tensor.randn(rng, 256, 1, 180);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor latencyBatch1() {
        return net.predict(one);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(256)
    public Tensor throughputBatch256() {
        return net.predict(batch);
    }
}
