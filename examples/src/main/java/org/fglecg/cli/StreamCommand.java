package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.ClassCounts;
import org.fglecg.ecg.detect.RecordDetection;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.eval.Ratio;
import org.fglecg.ecg.stream.RecordStream;
import org.fglecg.ecg.stream.Resampler;
import org.fglecg.ecg.train.Evaluation;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.nn.FrozenFglNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fgl stream}: a record through the embeddable streaming classifier, as a device at some rate would run it. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Play a WFDB record through the streaming classifier a device would embed (QRS detector, "
                + "resampler to 360 Hz, baseline removal, the student; docs/STREAMING.md), optionally as a device "
                + "sampling at --rate: the record is first resampled to that rate. Writes the beats as a WFDB "
                + "annotation file at the record's own sample numbers; compares them with the record's .atr beat "
                + "by beat (fgl annotations compare) and, at another rate, with the stream at the record's rate "
                + "(label agreement of the matched beats).")
final class StreamCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run directory of a student (its best checkpoint is used).")
    Path model;

    @CommandLine.Mixin RecordOption recordOption;

    @Option(names = "--rate", paramLabel = "HZ", description = "The device's sampling rate, " + Resampler.MIN_RATE
            + "-" + Resampler.MAX_RATE + " Hz (default: the record's).")
    Integer rate;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Annotation file to write, e.g. 208.s250.")
    Path out;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRecord(spec, "--record", recordOption.path);
        if (rate != null && (rate < Resampler.MIN_RATE || rate > Resampler.MAX_RATE)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate " + rate + ": the streaming classifier takes "
                    + Resampler.MIN_RATE + "-" + Resampler.MAX_RATE + " Hz");
        }
        RunDirectory run = RunDirectory.open(model);
        TrainConfig cfg = TrainConfig.fromJson(run.config());
        if (cfg.role() != Role.STUDENT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + model + ": a " + cfg.role().name().toLowerCase(Locale.ROOT)
                    + " (window " + cfg.window().name() + "); the streaming classifier runs a student");
        }
        FrozenFglNet student = FrozenFglNet.of(Evaluation.bestModel(run));
        Path dir = recordOption.dir();
        String name = recordOption.name();
        WfdbRecord record = WfdbRecord.open(dir, name);
        int lead = RecordDetection.detectionSignal(record.header());
        SignalSpec lane = record.header().signals().get(lead);
        int recordRate = (int) Math.round(record.header().samplingFrequency());
        float[] signal = lane.toPhysical(record.read(lead, 0, Math.toIntExact(record.numSamples())));
        int deviceRate = rate != null ? rate : recordRate;

        long t0 = System.nanoTime();
        List<Annotation> beats = RecordStream.classify(student, signal, recordRate, deviceRate);
        double seconds = (System.nanoTime() - t0) / 1e9, duration = signal.length / (double) recordRate;
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        AnnotationFile.write(out, beats);
        ClassCounts n = ClassCounts.ofAnnotations(beats);
        System.out.printf(Locale.ROOT, "%s (lead %s) streamed at %d Hz with %s: %d beats (N %d, S %d, V %d, F %d) -> %s; "
                        + "%.0f s of signal in %.1f s, %.0fx real time, one thread%n", name, lane.description(), deviceRate,
                run.name(), beats.size(), n.get(AamiClass.N), n.get(AamiClass.S), n.get(AamiClass.V),
                n.get(AamiClass.F), out, duration, seconds, duration / seconds);
        Path atr = dir.resolve(name + ".atr");
        if (Files.isRegularFile(atr)) {
            System.out.print(BeatComparisonReport.table("Against " + atr + " (from 5:00):", BeatMatcher.compare(
                    AnnotationFile.read(atr), beats, recordRate, ComparisonRules.EC57)));
        }
        if (deviceRate != recordRate) {
            List<Annotation> own = RecordStream.classify(student, signal, recordRate, recordRate);
            BeatConfusion c = BeatMatcher.compare(own, beats, recordRate, ComparisonRules.WHOLE_RECORD);
            Ratio same = c.sameClass();
            System.out.printf(Locale.ROOT, "Against the same stream at %d Hz (whole record): %d beats there, %d here, "
                            + "%d matched; same class for %d of them (%s %%)%n", recordRate, own.size(), beats.size(),
                    c.matchedBeats(), same.hits(), same.percentText());
        }
        return 0;
    }
}
