package org.fglecg.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fglecg.ecg.data.MedianBaseline;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.tensor.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Preprocessing of the whole MIT-BIH database (44 records x 650,000 samples of MLII): the
 * two-stage median baseline alone, and the full uncached load (read format 212, verify
 * checksums, physical units, baseline, annotations), each on one thread and with the records
 * spread over all cores. The database comes from {@code -Dfglecg.mitdb=DIR} or
 * {@code FGLECG_MITDB}.
 *
 * <pre>java --add-modules jdk.incubator.vector -Dfglecg.mitdb=DIR -jar bench/target/benchmarks.jar PreprocessBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class PreprocessBenchmark {
    private Path dir;
    private List<float[]> raw;
    private ExecutorService pool;
    private final int threads = Runtime.getRuntime().availableProcessors();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String p = System.getProperty("fglecg.mitdb", System.getenv("FGLECG_MITDB"));
        if (p == null) throw new IllegalStateException("set -Dfglecg.mitdb=DIR or FGLECG_MITDB to the MIT-BIH directory");
        dir = Path.of(p);
        raw = new ArrayList<>();
        for (String r : MitBih.RECORDS) {
            WfdbRecord rec = WfdbRecord.open(dir, r);
            int lead = rec.signalIndex("MLII");
            raw.add(rec.header().signals().get(lead).toPhysical(rec.readAll()[lead]));
        }
        pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    /** Two-stage median (72, 216) over all 44 records on one thread. */
    @Benchmark
    public float baselineSingleThread() {
        float s = 0;
        for (float[] x : raw) s += MedianBaseline.remove(x, 72, 216)[x.length / 2];
        return s;
    }

    /** The same, one task per record on all cores. */
    @Benchmark
    public float baselineRecordsInParallel() throws Exception {
        List<Future<float[]>> fs = new ArrayList<>();
        for (float[] x : raw) fs.add(pool.submit(() -> MedianBaseline.remove(x, 72, 216)));
        float s = 0;
        for (Future<float[]> f : fs) s += f.get()[0];
        return s;
    }

    /** Reading, checking and preprocessing the 44 records without a cache, on one thread. */
    @Benchmark
    public int loadSingleThread() throws IOException {
        Parallel.setThreads(1);
        return MitBih.loader(dir).preprocessing(Preprocessing.DEFAULT).cacheDir(null).load().beats().size();
    }

    /** The same with the records loaded in parallel on all cores. */
    @Benchmark
    public int loadRecordsInParallel() throws IOException {
        Parallel.setThreads(threads);
        return MitBih.loader(dir).preprocessing(Preprocessing.DEFAULT).cacheDir(null).load().beats().size();
    }
}
