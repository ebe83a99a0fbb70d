package org.fglecg.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The FP32 ceiling per thread: twelve independent FMA chains on the preferred
 * {@code FloatVector} species (enough to cover FMA latency times the FMA ports). Score in
 * ops/ns = GFLOP/s; with 2 threads JMH sums the threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PeakFmaBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    /** FLOPs per call, fixed so the annotation can state it; steps adapt to the lane count. */
    static final int FLOPS = CHAINS * 2 * 16 * 4096;
    private static final int STEPS = FLOPS / (CHAINS * 2 * S.length());

    private final float[] seed = new float[S.length()];
    private final float scale = 0.999999f;
    private final float shift = 1e-6f;

    /** GFLOP/s of one thread. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FLOPS)
    public float oneThread() {
        return chains(seed, scale, shift);
    }

    /** GFLOP/s of two threads together. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FLOPS)
    public float twoThreads() {
        return chains(seed, scale, shift);
    }

    /**
     * Kept out of the JMH loop: inlined there, C2 lost track of the twelve live vectors and
     * boxed them (a few GFLOP/s instead of the ceiling).
     */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static float chains(float[] seed, float scale, float shift) {
        FloatVector a = FloatVector.broadcast(S, scale);
        FloatVector b = FloatVector.broadcast(S, shift);
        FloatVector x0 = FloatVector.fromArray(S, seed, 0), x1 = x0.add(1f), x2 = x0.add(2f),
                x3 = x0.add(3f), x4 = x0.add(4f), x5 = x0.add(5f), x6 = x0.add(6f), x7 = x0.add(7f),
                x8 = x0.add(8f), x9 = x0.add(9f), x10 = x0.add(10f), x11 = x0.add(11f);
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(a, b); x1 = x1.fma(a, b); x2 = x2.fma(a, b); x3 = x3.fma(a, b);
            x4 = x4.fma(a, b); x5 = x5.fma(a, b); x6 = x6.fma(a, b); x7 = x7.fma(a, b);
            x8 = x8.fma(a, b); x9 = x9.fma(a, b); x10 = x10.fma(a, b); x11 = x11.fma(a, b);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(x10).add(x11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
