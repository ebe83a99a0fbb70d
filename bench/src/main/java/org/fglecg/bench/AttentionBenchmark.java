package org.fglecg.bench;

import java.util.concurrent.TimeUnit;
import org.fglecg.nn.MultiheadAttention;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One self-attention layer in training (dropout 0.1 on the weights), forward and backward, on one
 * thread: the per-head products, softmax and dropout that dominate the teacher's step. Shapes are
 * the networks': student (time 91, d_model 25, 5 heads), teacher (time 226, d_model 50, 10
 * heads), at a batch of 16 samples. Score: milliseconds per forward + backward.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class AttentionBenchmark {
    static final int BATCH = 16;

    @Param({"student", "teacher"})
    public String role;

    MultiheadAttention attention;
    Tensor x;

    @Setup
    public void setUp() {
        Parallel.setThreads(1);
        boolean student = role.equals("student");
        int time = student ? 91 : 226, d = student ? 25 : 50, heads = student ? 5 : 10;
        attention = new MultiheadAttention(d, heads, 0.1f, new Rng(1), new Rng(2));
        attention.train();
        x = Tensor.randn(new Rng(3), BATCH, time, d).requiresGrad(true);
    }

    @Benchmark
    public float forwardBackward() {
        attention.zeroGrad();
        x.zeroGrad();
        Tensor y = attention.forward(x);
        y.sum().backward();
        return x.grad().data()[0];
    }
}
