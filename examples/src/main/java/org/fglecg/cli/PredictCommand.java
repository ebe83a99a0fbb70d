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
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Evaluation;
import org.fglecg.ecg.train.Evaluator;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.Scores;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.TrainingData;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.nn.FglNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl predict}: classify every annotated beat of a record with a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify every N/S/V/F beat annotated in a WFDB record (R peaks from its .atr; Q and non-beat "
                + "annotations are skipped) and write the predictions as a WFDB annotation file OUT (readable by "
                + "PhysioNet's tools, e.g. rdann -r 208 -a pred) and as OUT.csv with class probabilities.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run directory (its best checkpoint is used).")
    Path model;

    @Option(names = "--record", required = true, paramLabel = "DIR/NAME", description = "WFDB record, e.g. data/mitdb/208.")
    Path record;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Annotation file to write, e.g. 208.pred.")
    Path out;

    @Mixin ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        RunDirectory run = RunDirectory.open(model);
        TrainConfig cfg = TrainConfig.fromJson(run.config());
        FglNet net = Evaluation.bestModel(run);
        Path dir = record.toAbsolutePath().getParent();
        String name = record.getFileName().toString();
        BeatIndex beats = MitBih.loader(dir).records(List.of(name)).load().beats();
        BeatDataset data = new BeatDataset(beats, WindowSpec.STUDENT, WindowSpec.T_ASYM_360);
        WindowSpec w = cfg.window();
        int k = TrainingData.CLASS_NAMES.size();
        int[] all = beats.all();
        float[] z = Evaluator.logits(net, data, w, all, k, null, false, "");
        int[] pred = Evaluator.argmax(z, k);

        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < all.length; i++) annotations.add(Annotation.of(beats.sample(all[i]), AamiClass.ofIndex(pred[i]).annotationCode()));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        AnnotationFile.write(out, annotations);
        Path csv = out.resolveSibling(out.getFileName() + ".csv");
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            pw.println("record,sample,time_s,reference,predicted,p_N,p_S,p_V,p_F");
            for (int i = 0; i < all.length; i++) {
                int b = all[i];
                double[] p = softmax(z, i * k, k);
                pw.printf(Locale.ROOT, "%s,%d,%.3f,%s,%s,%.5f,%.5f,%.5f,%.5f%n", name, beats.sample(b),
                        beats.sample(b) / beats.records().get(0).samplingFrequency(),
                        AamiClass.ofIndex(beats.label(b)), AamiClass.ofIndex(pred[i]), p[0], p[1], p[2], p[3]);
            }
        }
        Scores s = Evaluator.scores(z, Evaluator.labelsOf(data, all));
        System.out.printf(Locale.ROOT, "%s: %d beats classified with %s -> %s, %s; agreement with the reference "
                + "annotations %.2f %% (macro-F1 %.2f %%)%n", name, all.length, run.name(), out, csv,
                100 * s.accuracy(), 100 * s.macroF1());
        return 0;
    }

    private static double[] softmax(float[] z, int off, int k) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < k; c++) max = Math.max(max, z[off + c]);
        double[] p = new double[k];
        for (int c = 0; c < k; c++) sum += p[c] = Math.exp(z[off + c] - max);
        for (int c = 0; c < k; c++) p[c] /= sum;
        return p;
    }
}
