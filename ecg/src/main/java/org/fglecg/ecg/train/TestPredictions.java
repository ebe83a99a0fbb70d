package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.nn.io.AtomicFiles;

/**
 * A run's per-beat predictions on the test split, {@code test-predictions.csv}: one line per
 * test beat (record, sample of its R peak, true and predicted class). Two runs on the same split
 * list the same beats in the same order, so their predictions can be compared beat by beat
 * (McNemar's test).
 */
public record TestPredictions(String[] records, int[] samples, int[] truth, int[] predicted) {
    public static final String FILE = "test-predictions.csv";
    private static final String HEADER = "record,sample,label,predicted";

    public static TestPredictions of(BeatIndex beats, int[] test, int[] truth, int[] predicted) {
        String[] rec = new String[test.length];
        int[] smp = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            rec[i] = beats.recordName(test[i]);
            smp[i] = beats.sample(test[i]);
        }
        return new TestPredictions(rec, smp, truth.clone(), predicted.clone());
    }

    public int size() {
        return truth.length;
    }

    /** True when both list the same beats (record and sample) in the same order. */
    public boolean sameBeats(TestPredictions o) {
        return java.util.Arrays.equals(records, o.records) && java.util.Arrays.equals(samples, o.samples);
    }

    public void write(Path file) throws IOException {
        List<String> names = TrainingData.CLASS_NAMES;
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < truth.length; i++)
            sb.append(records[i]).append(',').append(samples[i]).append(',').append(names.get(truth[i])).append(',')
                    .append(names.get(predicted[i])).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    public static TestPredictions read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER))
            throw new IOException(file + ": line 1: expected the header '" + HEADER + "'");
        int n = lines.size() - 1;
        while (n > 0 && lines.get(n).isBlank()) n--;
        String[] rec = new String[n];
        int[] smp = new int[n], truth = new int[n], pred = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            try {
                if (f.length != 4) throw new IllegalArgumentException("expected 4 fields, got " + f.length);
                rec[i] = f[0];
                smp[i] = Integer.parseInt(f[1]);
                truth[i] = classIndex(f[2]);
                pred[i] = classIndex(f[3]);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": line " + (i + 2) + ": " + e.getMessage(), e);
            }
        }
        return new TestPredictions(rec, smp, truth, pred);
    }

    private static int classIndex(String name) {
        int c = TrainingData.CLASS_NAMES.indexOf(name);
        if (c < 0) throw new IllegalArgumentException("unknown class '" + name + "' (expected one of "
                + TrainingData.CLASS_NAMES + ")");
        return c;
    }
}
