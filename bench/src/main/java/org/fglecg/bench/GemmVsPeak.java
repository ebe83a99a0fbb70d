package org.fglecg.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;
import org.fglecg.tensor.kernel.Sgemm;

/**
 * SGEMM as a fraction of the FMA ceiling, measured in alternating short windows so that both
 * see the same load from other processes (on a shared machine the load changes over seconds,
 * which makes two separate JMH runs incomparable). Each pair: ~100 ms of {@link
 * PeakFmaBenchmark}'s FMA chains on every thread, then ~100 ms of vector SGEMM at (m, k, n).
 * Prints the median of the per-pair ratios and best over best.
 *
 * <p>{@code java --add-modules jdk.incubator.vector
 * -XX:CompileCommand=dontinline,org.fglecg.bench.PeakFmaBenchmark::chains
 * -cp bench/target/benchmarks.jar org.fglecg.bench.GemmVsPeak [threads=1] [pairs=30]
 * [m k n = 128 384 11648]}. The CompileCommand keeps the FMA chains compiled on their own, as
 * in JMH (inlined into a caller, C2 ran them at a fraction of the ceiling here).
 */
public final class GemmVsPeak {
    private static final long WINDOW_NANOS = 100_000_000L;

    private GemmVsPeak() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int m = args.length > 4 ? Integer.parseInt(args[2]) : 128;
        int k = args.length > 4 ? Integer.parseInt(args[3]) : 384;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 11648;
        Parallel.setThreads(threads);
        Random r = new Random(42);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        Sgemm sgemm = new Sgemm(Kernels.vector());
        float[] seed = new float[64];
        double gemmFlop = 2.0 * m * n * k;

        long warmUntil = System.nanoTime() + 3_000_000_000L; // both compiled by C2
        while (System.nanoTime() < warmUntil) {
            peak(threads, seed);
            gemm(sgemm, m, n, k, a, b, c);
        }
        double[] peakRate = new double[pairs], gemmRate = new double[pairs], ratio = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            long t0 = System.nanoTime(), calls = 0;
            do { peak(threads, seed); calls++; } while (System.nanoTime() - t0 < WINDOW_NANOS);
            peakRate[i] = (double) calls * threads * PeakFmaBenchmark.FLOPS / (System.nanoTime() - t0);
            t0 = System.nanoTime();
            calls = 0;
            do { gemm(sgemm, m, n, k, a, b, c); calls++; } while (System.nanoTime() - t0 < WINDOW_NANOS);
            gemmRate[i] = calls * gemmFlop / (System.nanoTime() - t0);
            ratio[i] = gemmRate[i] / peakRate[i];
        }
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        double bestPeak = Arrays.stream(peakRate).max().orElse(Double.NaN);
        double bestGemm = Arrays.stream(gemmRate).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "JDK %s, %d thread(s), SGEMM (%d, %d, %d) vs FMA peak over %d alternating"
                        + " 100 ms pairs: median ratio %.0f %% (min %.0f %%, max %.0f %%); best SGEMM %.1f GFLOP/s,"
                        + " best peak %.1f GFLOP/s, best/best %.0f %%%n",
                System.getProperty("java.version"), threads, m, k, n, pairs, 100 * sorted[pairs / 2],
                100 * sorted[0], 100 * sorted[pairs - 1], bestGemm, bestPeak, 100 * bestGemm / bestPeak);
    }

    private static void gemm(Sgemm sgemm, int m, int n, int k, float[] a, float[] b, float[] c) {
        sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /** One call of the FMA chains on each of the pool's threads. */
    private static void peak(int threads, float[] seed) {
        Parallel.forEach(threads, t -> sink += PeakFmaBenchmark.chains(seed, 0.999999f, 1e-6f));
    }

    private static volatile float sink;
}
