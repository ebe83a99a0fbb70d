package org.fglecg.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The CI guard (not a unit test): vector SGEMM at a mid shape must be at least 3x the scalar
 * path in the same short JMH run. It catches C2 silently dropping the Vector API intrinsics,
 * which on this machine turned ~100 GFLOP/s into a few GFLOP/s after a one-line change, on one
 * JDK and not the other. Exit status 1 when it fails. Takes about half a minute.
 */
public final class KernelGuard {
    static final String SHAPE = "128x384x1456";
    static final double MIN_SPEEDUP = 3.0;

    private KernelGuard() {}

    public static void main(String[] args) throws RunnerException {
        // A ratio taken in one run needs no exclusive machine: do not fail CI because another
        // JMH run holds /tmp/jmh.lock.
        System.setProperty("jmh.ignoreLock", "true");
        Options opts = new OptionsBuilder()
                .include(GemmBenchmark.class.getSimpleName())
                .param("impl", "vector", "scalar")
                .param("threads", "1")
                .param("shape", SHAPE)
                .forks(1)
                .warmupIterations(4).warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(400))
                .timeUnit(TimeUnit.NANOSECONDS)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        double vector = Double.NaN, scalar = Double.NaN;
        for (RunResult r : results) {
            double gflops = r.getSecondaryResults().get("flop").getScore();
            if (r.getParams().getParam("impl").equals("vector")) vector = gflops;
            else scalar = gflops;
        }
        double ratio = vector / scalar;
        String verdict = ratio >= MIN_SPEEDUP ? "OK" : "FAIL";
        System.out.printf(Locale.ROOT, "kernel guard %s: JDK %s, SGEMM (%s) 1 thread: vector %.1f GFLOP/s,"
                        + " scalar %.1f GFLOP/s, ratio %.1fx (need >= %.1fx)%n", verdict,
                System.getProperty("java.version"), SHAPE.replace("x", ", "), vector, scalar, ratio, MIN_SPEEDUP);
        if (!(ratio >= MIN_SPEEDUP)) System.exit(1);
    }
}
