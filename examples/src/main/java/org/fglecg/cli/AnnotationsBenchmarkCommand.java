package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.detect.RecordDetection;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.WfdbRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fgl annotations benchmark}: the QRS detector on every record against the reference beats. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Run the QRS detector on every record of a database and compare its beats with the reference "
                + ".atr beats (EC57 / bxb rules): a Markdown table of reference beats, TP, FN, FP, QRS Se and +P "
                + "per record and gross, from --start on and over the whole record (the table in docs/DETECTION.md).")
final class AnnotationsBenchmarkCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DataDirOption dataDir;

    @Option(names = "--records", split = ",", paramLabel = "NAME", description = "Records (default: all 48 MIT-BIH records).")
    List<String> records;

    @CommandLine.Mixin MatchOptions match;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Also write each record's beats there as NAME.qrs.")
    Path outDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the per-record matrices and statistics as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir.dir;
        InputFiles.requireDirectory(spec, "--data", data);
        ComparisonRules rules = match.rules();
        ComparisonRules whole = match.rulesFrom(0);
        List<String> names = records == null ? MitBih.ALL_RECORDS : records;
        for (String name : names) InputFiles.requireRecord(spec, "--records", data.resolve(name));
        if (outDir != null) Files.createDirectories(outDir);
        List<BeatComparisonReport.Row> rows = new ArrayList<>(), wholeRows = new ArrayList<>();
        for (String name : names) {
            Path atr = InputFiles.requireFile(spec, "--data", data.resolve(name + ".atr"));
            WfdbRecord rec = WfdbRecord.open(data, name);
            List<Annotation> beats = RecordDetection.annotations(RecordDetection.detect(rec));
            if (outDir != null) AnnotationFile.write(outDir.resolve(name + ".qrs"), beats);
            List<Annotation> ref = AnnotationFile.read(atr);
            double fs = rec.header().samplingFrequency();
            rows.add(new BeatComparisonReport.Row(name, BeatMatcher.compare(ref, beats, fs, rules)));
            wholeRows.add(new BeatComparisonReport.Row(name, BeatMatcher.compare(ref, beats, fs, whole)));
        }
        System.out.print(BeatComparisonReport.detectionTable(rows, wholeRows, rules));
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from_start", BeatComparisonReport.json(rows, rules));
            m.put("whole_record", BeatComparisonReport.json(wholeRows, whole));
            AnnotationsCompareCommand.writeJson(json, m);
        }
        return 0;
    }
}
