package org.fglecg.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fglecg.ecg.stream.StreamingClassifier;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.tensor.kernel.Parallel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole per-beat cost of the streaming classifier on one thread: QRS detection, resampling,
 * baseline removal and student inference, on the first five minutes of a MIT-BIH record (MLII,
 * physical units) pushed in one-second chunks. One operation is the whole five minutes; JMH
 * prints the auxiliary counters as time per unit: {@code :beats} is milliseconds per beat,
 * {@code :signalSeconds} milliseconds per second of signal (the real-time factor is 1000 over
 * it). {@code rate} other
 * than 360 resamples the record first (outside the timed part), as a device at that rate would
 * deliver it.
 *
 * <pre>java --add-modules jdk.incubator.vector -Dfglecg.mitdb=DIR -jar bench/target/benchmarks.jar StreamingBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class StreamingBenchmark {
    static final int SECONDS = 300;

    @Param({"208"})
    public String record;

    @Param({"360", "250"})
    public int rate;

    FrozenFglNet student;
    float[] signal;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Parallel.setThreads(1);
        String dir = System.getProperty("fglecg.mitdb", System.getenv("FGLECG_MITDB"));
        if (dir == null) throw new IllegalStateException("set -Dfglecg.mitdb=DIR or FGLECG_MITDB to the MIT-BIH directory");
        WfdbRecord rec = WfdbRecord.open(Path.of(dir), record);
        int lead = rec.signalIndex("MLII");
        SignalSpec spec = rec.header().signals().get(lead);
        float[] at360 = spec.toPhysical(rec.read(lead, 0, SECONDS * 360));
        signal = rate == 360 ? at360 : resample(at360, rate);
        student = FrozenFglNet.of(new FglNet(FglNet.student(), 0));
    }

    private static float[] resample(float[] x, int rate) {
        float[] out = new float[x.length * rate / 360 + 1];
        int[] n = {0};
        new org.fglecg.ecg.stream.Resampler(360, rate).push(x, 0, x.length, (k, v) -> {
            if (k < out.length) out[(int) k] = v;
            n[0]++;
        });
        return java.util.Arrays.copyOf(out, Math.min(n[0], out.length));
    }

    /** Beats classified and signal seconds processed, reported as rates by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        public long beats;
        public double signalSeconds;
    }

    @Benchmark
    public long fiveMinutes(Work work) {
        long[] beats = {0};
        StreamingClassifier c = StreamingClassifier.withDetector(student, rate, (s, cls, p) -> beats[0]++);
        for (int off = 0; off < signal.length; off += rate) c.push(signal, off, Math.min(rate, signal.length - off));
        c.flush();
        work.beats += beats[0];
        work.signalSeconds += signal.length / (double) rate;
        return beats[0];
    }
}
