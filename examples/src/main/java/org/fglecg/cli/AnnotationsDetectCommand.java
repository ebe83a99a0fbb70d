package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.detect.RecordDetection;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.Header;
import org.fglecg.ecg.wfdb.WfdbRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fgl annotations detect}: the QRS detector's beats as a WFDB annotation file. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect the beats (QRS complexes) of a WFDB record on lead MLII, or its first signal when it has "
                + "no MLII, and write them as a WFDB annotation file of normal beats (N), readable by PhysioNet's "
                + "tools (rdann, bxb). When the record has a reference .atr file, QRS Se and +P against it are printed.")
final class AnnotationsDetectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin RecordOption recordOption;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Annotation file to write, e.g. 100.qrs.")
    Path out;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRecord(spec, "--record", recordOption.path);
        Path dir = recordOption.dir();
        String name = recordOption.name();
        WfdbRecord rec = WfdbRecord.open(dir, name);
        Header h = rec.header();
        List<Annotation> beats = RecordDetection.annotations(RecordDetection.detect(rec));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        AnnotationFile.write(out, beats);
        System.out.printf(Locale.ROOT, "%s: %d beats detected on %s at %s Hz -> %s%n", name, beats.size(),
                h.signals().get(RecordDetection.detectionSignal(h)).description(), fmt(h.samplingFrequency()), out);
        Path atr = dir.resolve(name + ".atr");
        if (Files.isRegularFile(atr)) {
            BeatConfusion c = BeatMatcher.compare(AnnotationFile.read(atr), beats, h.samplingFrequency(), ComparisonRules.EC57);
            System.out.printf(Locale.ROOT, "against %s from 5:00: QRS Se %s, +P %s%n", atr, c.qrsSensitivity(), c.qrsPositivePredictivity());
        }
        return 0;
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz);
    }
}
