package org.fglecg.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PeakFmaBenchmark} and {@link GemmBenchmark} in one JMH invocation (so the
 * ceiling and the kernels share the machine's state) and prints a Markdown table: GFLOP/s per
 * implementation, vector as a fraction of the FMA peak for the same thread count, and the
 * vector speed-up over scalar and EJML. On a shared machine the mean of the iterations swings
 * with other load, so the fraction of peak is also given as best iteration over best
 * iteration (the least disturbed sample of each). Any JMH option may follow, e.g.
 * {@code -f1 -wi 3 -i 5 -prof gc -p shape=128x384x11648}.
 */
public final class KernelReport {
    private KernelReport() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options cli = new CommandLineOptions(args);
        Options opts = new OptionsBuilder().parent(cli)
                .include(PeakFmaBenchmark.class.getSimpleName())
                .include(GemmBenchmark.class.getSimpleName())
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        System.out.println(table(results));
    }

    /** Markdown table of the results. */
    static String table(Collection<RunResult> results) {
        Map<Integer, double[]> peak = new TreeMap<>(); // threads -> {mean, best}
        // shape -> threads -> impl -> {GFLOP/s, bytes per call}
        Map<String, Map<Integer, Map<String, double[]>>> gemm = new TreeMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            if (label.endsWith("PeakFmaBenchmark.oneThread")) {
                peak.put(1, new double[] {r.getPrimaryResult().getScore(), best(r, null)});
            } else if (label.endsWith("PeakFmaBenchmark.twoThreads")) {
                peak.put(2, new double[] {r.getPrimaryResult().getScore(), best(r, null)});
            } else if (label.endsWith("GemmBenchmark.gemm")) {
                Map<String, Result> secondary = r.getSecondaryResults();
                Result flop = secondary.get("flop");
                Result alloc = secondary.get("gc.alloc.rate.norm");
                double bytes = alloc == null ? Double.NaN : alloc.getScore();
                gemm.computeIfAbsent(r.getParams().getParam("shape"), s -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(r.getParams().getParam("threads")), t -> new TreeMap<>())
                        .put(r.getParams().getParam("impl"),
                                new double[] {flop == null ? Double.NaN : flop.getScore(), bytes,
                                        best(r, "flop")});
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nJDK %s, %s, %d CPUs%n%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors()));
        for (Map.Entry<Integer, double[]> e : peak.entrySet()) {
            sb.append(String.format(Locale.ROOT, "PeakFmaBenchmark, %d thread(s): %.1f GFLOP/s (best iteration %.1f)%n",
                    e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        sb.append('\n');
        List<String> cols = List.of("vector", "scalar", "ejml");
        sb.append("| (m, k, n) | threads | vector GFLOP/s | % of FMA peak | best / best peak | scalar GFLOP/s"
                + " | EJML GFLOP/s | vector / scalar | vector / EJML | vector B/call |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<Integer, Map<String, double[]>>> s : gemm.entrySet()) {
            for (Map.Entry<Integer, Map<String, double[]>> t : s.getValue().entrySet()) {
                Map<String, double[]> byImpl = t.getValue();
                List<String> cells = new ArrayList<>();
                cells.add("(" + s.getKey().replace("x", ", ") + ")");
                cells.add(Integer.toString(t.getKey()));
                double v = get(byImpl, "vector", 0);
                cells.add(fmt(v, "%.1f"));
                double[] p = peak.get(t.getKey());
                cells.add(p == null ? "" : fmt(100 * v / p[0], "%.0f %%"));
                cells.add(p == null ? "" : fmt(100 * get(byImpl, "vector", 2) / p[1], "%.0f %%"));
                for (String impl : cols.subList(1, cols.size())) cells.add(fmt(get(byImpl, impl, 0), "%.1f"));
                cells.add(fmt(v / get(byImpl, "scalar", 0), "%.1fx"));
                cells.add(fmt(v / get(byImpl, "ejml", 0), "%.1fx"));
                cells.add(fmt(get(byImpl, "vector", 1), "%.0f"));
                sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Best iteration score: of the primary result (secondary null) or of a secondary one. */
    private static double best(RunResult r, String secondary) {
        double best = Double.NaN;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                Result res = secondary == null ? it.getPrimaryResult() : it.getSecondaryResults().get(secondary);
                if (res != null && !(res.getScore() <= best)) best = res.getScore();
            }
        }
        return best;
    }

    private static double get(Map<String, double[]> byImpl, String impl, int field) {
        double[] v = byImpl.get(impl);
        return v == null ? Double.NaN : v[field];
    }

    private static String fmt(double x, String pattern) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, pattern, x);
    }
}
