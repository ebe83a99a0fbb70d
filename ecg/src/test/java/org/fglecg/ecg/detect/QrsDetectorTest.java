package org.fglecg.ecg.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.junit.jupiter.api.Test;

/** The detector on real records (EC57 statistics from minute 5), resampled records, synthetic beats and bad input. */
class QrsDetectorTest {

    private static BeatConfusion onRecord(String name) throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), name);
        List<Annotation> test = RecordDetection.annotations(RecordDetection.detect(rec));
        return BeatMatcher.compare(AnnotationFile.read(MitDb.dir(), name, "atr"), test,
                rec.header().samplingFrequency(), ComparisonRules.EC57);
    }

    private static void assertAtLeast(double min, double percent, String what) {
        assertTrue(percent >= min, what + " " + percent + " % < " + min + " %");
    }

    /** Thresholds a little below what the detector measures (docs/DETECTION.md), so a regression shows. */
    @Test
    void sensitivityAndPositivePredictivityOnFourRecords() throws Exception {
        double[][] min = {{99.9, 99.9}, {99.3, 97.5}, {99.0, 99.2}, {99.3, 99.5}};
        String[] records = {"100", "105", "203", "208"};
        for (int i = 0; i < records.length; i++) {
            BeatConfusion c = onRecord(records[i]);
            assertAtLeast(min[i][0], c.qrsSensitivity().percent(), records[i] + " QRS Se");
            assertAtLeast(min[i][1], c.qrsPositivePredictivity().percent(), records[i] + " QRS +P");
        }
    }

    /** Record 100 decimated to 125 Hz and interpolated to 1000 Hz: the same beats, found as well. */
    @Test
    void worksAtAnySamplingRate() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "100");
        SignalSpec spec = rec.header().signals().get(0);
        float[] mv = spec.toPhysical(rec.read(0, 0, (int) rec.numSamples()));
        List<Annotation> ref = AnnotationFile.read(MitDb.dir(), "100", "atr");
        for (double fs : new double[] {125, 250, 500, 1000}) {
            float[] x = Resampling.resample(mv, 360, fs);
            List<Annotation> refAtFs = new ArrayList<>();
            for (Annotation a : ref) refAtFs.add(new Annotation(Math.round(a.sample() * fs / 360), a.code(), 0, 0, 0, null));
            long[] beats = QrsDetector.detect(x, fs);
            BeatConfusion c = BeatMatcher.compare(refAtFs, RecordDetection.annotations(beats), fs, ComparisonRules.WHOLE_RECORD);
            assertAtLeast(99.9, c.qrsSensitivity().percent(), fs + " Hz QRS Se");
            assertAtLeast(99.9, c.qrsPositivePredictivity().percent(), fs + " Hz QRS +P");
            assertTrue(medianErrorSeconds(refAtFs, beats, fs) < 0.02, fs + " Hz: beats placed off the R peaks");
        }
    }

    /** Median distance from each reference beat to the nearest detection. */
    private static double medianErrorSeconds(List<Annotation> ref, long[] beats, double fs) {
        List<Long> err = new ArrayList<>();
        int j = 0;
        for (Annotation a : ref) {
            if (!org.fglecg.ecg.wfdb.AnnotationCode.isBeat(a.code())) continue;
            while (j + 1 < beats.length && Math.abs(beats[j + 1] - a.sample()) <= Math.abs(beats[j] - a.sample())) j++;
            err.add(Math.abs(beats[j] - a.sample()));
        }
        err.sort(null);
        return err.get(err.size() / 2) / fs;
    }

    /** Narrow synthetic QRS complexes in noise and baseline wander: every one found, on its peak. */
    @Test
    void findsSyntheticBeatsAtEveryRate() {
        for (double fs : new double[] {125, 200, 360, 1000}) {
            Random rnd = new Random(7);
            int n = (int) (60 * fs);
            float[] x = new float[n];
            List<Long> truth = new ArrayList<>();
            double t = 0.5;
            while (t < 59.5) {
                truth.add(Math.round(t * fs));
                t += 0.6 + 0.4 * rnd.nextDouble(); // 60 to 100 beats per minute
            }
            for (int i = 0; i < n; i++) {
                double s = i / fs;
                double v = 0.3 * Math.sin(2 * Math.PI * 0.3 * s) + 0.02 * rnd.nextGaussian();
                for (long b : truth) {
                    double d = s - b / fs;
                    if (Math.abs(d) < 0.3) v += 1.2 * Math.exp(-d * d / (2 * 0.012 * 0.012)) + 0.25 * Math.exp(-(d - 0.25) * (d - 0.25) / (2 * 0.04 * 0.04));
                }
                x[i] = (float) v;
            }
            long[] beats = QrsDetector.detect(x, fs);
            assertEquals(truth.size(), beats.length, fs + " Hz: beat count");
            for (int i = 0; i < beats.length; i++) {
                assertTrue(Math.abs(beats[i] - truth.get(i)) <= Math.max(1, 0.005 * fs),
                        fs + " Hz: beat " + i + " at " + beats[i] + ", true " + truth.get(i));
            }
        }
    }

    /** Each beat is reported a bounded time after its R peak, from past samples only. */
    @Test
    void reportsBeatsWithTheDocumentedDelay() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "100");
        float[] mv = rec.header().signals().get(0).toPhysical(rec.read(0, 0, (int) rec.numSamples()));
        QrsDetector d = new QrsDetector(360);
        List<Long> reportedAt = new ArrayList<>();
        for (int i = 0; i < mv.length; i++) {
            int k = d.next(mv[i]);
            for (int j = 0; j < k; j++) reportedAt.add((long) i);
        }
        long[] beats = d.beats();
        int late = 0;
        for (int i = 0; i < beats.length; i++) {
            assertTrue(reportedAt.get(i) >= beats[i], "beat " + i + " reported before its R peak");
            if (beats[i] < QrsDetector.LEARNING_SECONDS * 360) continue;
            double delay = (reportedAt.get(i) - beats[i]) / 360.0;
            if (delay > d.maxThresholdDelaySeconds()) late++;
            assertTrue(delay < 3, "beat " + i + " reported " + delay + " s late");
        }
        assertTrue(late <= beats.length / 100, late + " of " + beats.length + " beats later than the threshold rule's delay");
        assertTrue(d.typicalDelaySeconds() > 0.3 && d.typicalDelaySeconds() < d.maxThresholdDelaySeconds()
                && d.maxThresholdDelaySeconds() < 0.6, d.typicalDelaySeconds() + " " + d.maxThresholdDelaySeconds());
    }

    /** A signal shorter than the learning period, and the first seconds of a long one, keep their beats. */
    @Test
    void findsTheFirstAndLastBeats() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "100");
        float[] mv = rec.header().signals().get(0).toPhysical(rec.read(0, 0, (int) rec.numSamples()));
        List<Long> ref = new ArrayList<>();
        for (Annotation a : AnnotationFile.read(MitDb.dir(), "100", "atr")) {
            if (org.fglecg.ecg.wfdb.AnnotationCode.isBeat(a.code())) ref.add(a.sample());
        }
        long[] all = QrsDetector.detect(mv, 360);
        assertEquals(ref.size(), all.length);
        assertTrue(Math.abs(all[0] - ref.get(0)) < 18 && Math.abs(all[all.length - 1] - ref.get(ref.size() - 1)) < 18,
                "first and last beat (the last is 9 samples before the end)");
        long[] fiveSeconds = QrsDetector.detect(java.util.Arrays.copyOf(mv, 5 * 360), 360);
        long inFive = ref.stream().filter(s -> s < 5 * 360 - 18).count();
        assertTrue(fiveSeconds.length >= inFive && fiveSeconds.length <= inFive + 1, fiveSeconds.length + " beats in 5 s, reference " + inFive);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QrsDetector(0));
        assertThrows(IllegalArgumentException.class, () -> new QrsDetector(Double.NaN));
        QrsDetector d = new QrsDetector(360);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.next(Double.NaN));
        assertTrue(e.getMessage().contains("sample 0"), e.getMessage());
        d.finish();
        assertThrows(IllegalStateException.class, () -> d.next(0));
        assertEquals(0, QrsDetector.detect(new float[0], 360).length);
        assertEquals(0, QrsDetector.detect(new float[1000], 360).length, "a flat line has no beats");
    }
}
