package org.fglecg.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.detect.DetectedRecord;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.train.Evaluation;
import org.fglecg.ecg.train.Evaluator;
import org.fglecg.ecg.train.Logits;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.Scores;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.TrainingData;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl predict}: classify every beat of a record, annotated or detected, with a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify every beat of a WFDB record and write the predictions as a WFDB annotation file OUT "
                + "(readable by PhysioNet's tools, e.g. rdann -r 208 -a pred) and as OUT.csv with class probabilities. "
                + "The beats are the N/S/V/F beats of the record's .atr (Q and non-beat annotations skipped) or the "
                + "QRS detector's (fgl annotations detect); when there is a .atr, the predictions are compared with "
                + "it beat by beat (fgl annotations compare).")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The released inter-patient student, which never saw a test patient (fgl model release). */
    static final Path RELEASED_STUDENT = Path.of("models", "student-inter");

    @Option(names = "--model", paramLabel = "RUN", description = "Run directory or released model (its best checkpoint "
            + "is used); default: the released inter-patient student, " + "models/student-inter.")
    Path model;

    @CommandLine.Mixin RecordOption recordOption;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Annotation file to write, e.g. 208.pred.")
    Path out;

    @Mixin ThreadsOption threads;
    @Option(names = "--beats", paramLabel = "SOURCE", description = "Beats to classify: reference (the .atr R peaks) or "
            + "detect (the QRS detector's); default: reference when the record has a .atr, else detect.")
    BeatSource source;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRecord(spec, "--record", recordOption.path);
        Path dir = recordOption.dir();
        String name = recordOption.name();
        Path atr = dir.resolve(name + ".atr");
        boolean annotated = Files.isRegularFile(atr);
        BeatSource from = source != null ? source : annotated ? BeatSource.reference : BeatSource.detect;
        if (from == BeatSource.reference && !annotated) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--beats reference: no reference annotation file " + atr);
        }
        if (model == null) {
            if (!Files.isRegularFile(RELEASED_STUDENT.resolve(RunDirectory.CONFIG))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no --model, and no released model at "
                        + RELEASED_STUDENT.toAbsolutePath() + " (run from the repository's root, or give --model RUN)");
            }
            model = RELEASED_STUDENT;
        }
        RunDirectory run = RunDirectory.open(model);
        TrainConfig cfg = TrainConfig.fromJson(run.config());
        FglNet net = Evaluation.bestModel(run);
        BeatIndex beats = from == BeatSource.reference
                ? MitBih.loader(dir).records(List.of(name)).load().beats()
                : new BeatIndex(List.of(DetectedRecord.load(dir, name, Preprocessing.DEFAULT)));
        BeatDataset data = new BeatDataset(beats, WindowSpec.STUDENT, WindowSpec.T_ASYM_360);
        WindowSpec w = cfg.window();
        int k = TrainingData.CLASS_NAMES.size();
        int[] all = beats.all();
        float[] z = Evaluator.logits(FrozenFglNet.of(net), data, w, all, null, false, "");
        int[] pred = Evaluator.argmax(z, k);

        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < all.length; i++) annotations.add(Annotation.of(beats.sample(all[i]), AamiClass.ofIndex(pred[i]).annotationCode()));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        AnnotationFile.write(out, annotations);
        Path csv = out.resolveSibling(out.getFileName() + ".csv");
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            pw.println("record,sample,time_s,reference,predicted,p_N,p_S,p_V,p_F");
            float[] p = new float[k];
            for (int i = 0; i < all.length; i++) {
                int b = all[i];
                Logits.softmax(z, i * k, k, p);
                pw.printf(Locale.ROOT, "%s,%d,%.3f,%s,%s,%.5f,%.5f,%.5f,%.5f%n", name, beats.sample(b),
                        beats.sample(b) / beats.records().get(0).samplingFrequency(),
                        from == BeatSource.reference ? AamiClass.ofIndex(beats.label(b)) : "", // detected beats have no label
                        AamiClass.ofIndex(pred[i]), p[0], p[1], p[2], p[3]);
            }
        }
        if (from == BeatSource.detect) {
            System.out.printf(Locale.ROOT, "%s: %d detected beats classified with %s -> %s, %s%n", name, all.length, run.name(), out, csv);
        } else {
            Scores s = Evaluator.scores(z, Evaluator.labelsOf(data, all));
            System.out.printf(Locale.ROOT, "%s: %d beats classified with %s -> %s, %s; agreement with the reference "
                    + "annotations %.2f %% (macro-F1 %.2f %%)%n", name, all.length, run.name(), out, csv,
                    100 * s.accuracy(), 100 * s.macroF1());
        }
        if (annotated) {
            System.out.print(BeatComparisonReport.table("Predictions against " + atr + " (from 5:00):", BeatMatcher.compare(
                    AnnotationFile.read(atr), annotations, beats.records().get(0).samplingFrequency(), ComparisonRules.EC57)));
        }
        return 0;
    }
}
