package org.fglecg.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.detect.RecordDetection;
import org.fglecg.ecg.stream.StreamingClassifier;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.nn.io.Checkpoint;

/**
 * A device-style loop over a WFDB record: read one second of one lead at a time, push it into a
 * {@link StreamingClassifier}, print each beat as it is reported.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/fgl.jar org.fglecg.examples.StreamingMonitor \
 *     runs/paper-intra/fgl/best.safetensors ../shared/data/mitdb 208 [seconds]
 * </pre>
 */
public final class StreamingMonitor {
    private StreamingMonitor() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StreamingMonitor STUDENT.safetensors DATA_DIR RECORD [SECONDS]");
            System.exit(2);
        }
        FglNet trained = new FglNet(FglNet.student(), 0);
        Checkpoint.load(trained, Path.of(args[0]));
        FrozenFglNet student = FrozenFglNet.of(trained);

        WfdbRecord record = WfdbRecord.open(Path.of(args[1]), args[2]);
        int lead = RecordDetection.detectionSignal(record.header());
        SignalSpec spec = record.header().signals().get(lead);
        int rate = (int) Math.round(record.header().samplingFrequency());
        long total = record.numSamples();
        if (args.length > 3) total = Math.min(total, (long) (Double.parseDouble(args[3]) * rate));

        long[] counts = new long[AamiClass.COUNT];
        StreamingClassifier monitor = StreamingClassifier.withDetector(student, rate, (sample, cls, p) -> {
            counts[cls.ordinal()]++;
            System.out.printf(Locale.ROOT, "%9.3f s  %s   N %.2f  S %.2f  V %.2f  F %.2f%n", sample / (double) rate, cls,
                    p[0], p[1], p[2], p[3]);
        });
        System.out.printf(Locale.ROOT, "record %s, lead %s, %d Hz; report delay at most %.2f s (threshold-rule beats)%n",
                args[2], spec.description(), rate, monitor.maxDelaySeconds());
        long t0 = System.nanoTime();
        float[] chunk = new float[rate];
        for (long at = 0; at < total; at += rate) {     // one second per read, as a device buffer would
            int n = (int) Math.min(rate, total - at);
            int[] adc = record.read(lead, at, n);
            for (int i = 0; i < n; i++) chunk[i] = spec.toPhysical(adc[i]);
            monitor.push(chunk, 0, n);
        }
        monitor.flush();
        double seconds = (System.nanoTime() - t0) / 1e9, signal = total / (double) rate;
        System.out.printf(Locale.ROOT, "%d beats (N %d, S %d, V %d, F %d) in %.0f s of signal, processed in %.1f s "
                        + "(%.0fx real time)%n", counts[0] + counts[1] + counts[2] + counts[3], counts[0], counts[1],
                counts[2], counts[3], signal, seconds, signal / seconds);
    }
}
