package org.fglecg.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.Header;
import org.fglecg.nn.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fgl annotations compare}: beat-by-beat comparison of test annotation files with reference ones. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a test annotation file with a reference one beat by beat, by the rules of ANSI/AAMI EC57 "
                + "as PhysioNet's bxb applies them (150 ms match window, statistics from minute 5): the N/S/V/F/Q "
                + "confusion matrix of matched beats with the missed (o) and extra (O) ones, QRS, VEB and SVEB "
                + "sensitivity and positive predictivity. Give --ref and --test once per record; with several "
                + "records the gross sum follows.")
final class AnnotationsCompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ref", required = true, paramLabel = "REF", description = "Reference annotation file, e.g. data/mitdb/100.atr (repeatable).")
    List<Path> refs;

    @Option(names = "--test", required = true, paramLabel = "TEST", description = "Test annotation file, e.g. 100.qrs (repeatable, one per --ref).")
    List<Path> tests;

    @Option(names = "--fs", paramLabel = "HZ", description = "Sampling frequency; default: from the header REF's record name gives "
            + "(data/mitdb/100.atr -> data/mitdb/100.hea).")
    Double fs;

    @CommandLine.Mixin MatchOptions match;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the matrices and statistics as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (refs.size() != tests.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), refs.size() + " --ref files but " + tests.size()
                    + " --test files: give one --test per --ref");
        }
        ComparisonRules rules = match.rules();
        List<BeatComparisonReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Path ref = InputFiles.requireFile(spec, "--ref", refs.get(i));
            Path test = InputFiles.requireFile(spec, "--test", tests.get(i));
            double hz = fs != null ? fs : samplingFrequency(ref);
            BeatConfusion c = BeatMatcher.compare(AnnotationFile.read(ref), AnnotationFile.read(test), hz, rules);
            String record = recordName(ref);
            rows.add(new BeatComparisonReport.Row(record, c));
            System.out.println(BeatComparisonReport.table("Record " + record + ": reference " + ref + ", test " + test
                    + " (from " + BeatComparisonReport.startText(rules.startSeconds()) + ")", c));
        }
        if (rows.size() > 1) {
            System.out.println(BeatComparisonReport.table("Gross, " + rows.size() + " records", BeatComparisonReport.gross(rows)));
        }
        if (json != null) writeJson(json, BeatComparisonReport.json(rows, rules));
        return 0;
    }

    /** {@code dir/100.atr} -> {@code 100}. */
    static String recordName(Path annotationFile) {
        String f = annotationFile.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    private double samplingFrequency(Path ref) throws Exception {
        Path hea = ref.resolveSibling(recordName(ref) + ".hea");
        if (!Files.isRegularFile(hea)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the sampling frequency of " + ref
                    + ": no header " + hea + "; give --fs HZ");
        }
        return Header.read(hea).samplingFrequency();
    }

    static void writeJson(Path file, Object value) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, Json.pretty(value), StandardCharsets.UTF_8);
    }
}
