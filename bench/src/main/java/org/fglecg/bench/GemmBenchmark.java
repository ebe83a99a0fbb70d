package org.fglecg.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;
import org.fglecg.tensor.kernel.Sgemm;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * C = A * B for row-major float matrices, shape "m x k x n" (A is m x k). The conv-as-GEMM
 * shape of the squeeze-excitation blocks is (128, 384, batch x 91). Primary score: calls per
 * second; the {@code flop} secondary result is in FLOP per ns, i.e. GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    @Param({"vector", "scalar", "ejml"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    @Param({"128x384x11648", "128x96x11648", "128x384x1456", "512x512x512", "25x25x91"})
    public String shape;

    int m, k, n;
    float[] a, b, c;
    Sgemm sgemm;
    FMatrixRMaj ea, eb, ec;

    @Setup(Level.Trial)
    public void setUp() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        k = Integer.parseInt(d[1]);
        n = Integer.parseInt(d[2]);
        Random r = new Random(42);
        a = random(r, m * k);
        b = random(r, k * n);
        c = new float[m * n];
        Parallel.setThreads(threads);
        switch (impl) {
            case "vector": sgemm = new Sgemm(Kernels.vector()); break;
            case "scalar": sgemm = new Sgemm(Kernels.scalar()); break;
            case "ejml":
                EjmlConcurrency.setMaxThreads(threads);
                ea = FMatrixRMaj.wrap(m, k, a);
                eb = FMatrixRMaj.wrap(k, n, b);
                ec = FMatrixRMaj.wrap(m, n, c);
                break;
            default: throw new IllegalArgumentException("impl " + impl);
        }
    }

    /** Counts FLOPs so JMH reports their rate next to the call rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flop;
    }

    @Benchmark
    public float[] gemm(Flops flops) {
        if (sgemm != null) {
            sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        } else if (threads == 1) {
            CommonOps_FDRM.mult(ea, eb, ec);
        } else {
            CommonOps_MT_FDRM.mult(ea, eb, ec);
        }
        flops.flop += 2L * m * n * k;
        return c;
    }

    private static float[] random(Random r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = r.nextFloat() - 0.5f;
        return x;
    }
}
