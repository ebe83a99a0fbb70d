package org.fglecg.ecg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.eval.BeatConfusion;
import org.fglecg.ecg.eval.BeatMatcher;
import org.fglecg.ecg.eval.ComparisonRules;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.nn.FrozenFglNet;
import org.junit.jupiter.api.Test;

/**
 * A record played through the streaming classifier as a device at another rate: at the
 * record's own rate it is the streaming classifier itself; resampled, its beats map back to
 * the record's sample numbers, near the same beats.
 */
class RecordStreamTest {
    @Test
    void atTheRecordsRateItIsTheStreamingClassifier() throws Exception {
        FrozenFglNet net = StreamingClassifierTest.student();
        float[] x = StreamingClassifierTest.lead("100", StreamingClassifierTest.SAMPLES);
        List<Annotation> direct = new ArrayList<>();
        StreamingClassifier c = StreamingClassifier.withDetector(net, 360,
                (s, l, p) -> direct.add(Annotation.of(s, l.annotationCode())));
        StreamingClassifierTest.stream(c, x, 7, new ArrayList<>());
        assertEquals(direct, RecordStream.classify(net, x, 360, 360));
    }

    @Test
    void resampledTheBeatsComeBackAtTheRecordsSampleNumbers() throws Exception {
        FrozenFglNet net = StreamingClassifierTest.student();
        float[] x = StreamingClassifierTest.lead("100", StreamingClassifierTest.SAMPLES);
        List<Annotation> own = RecordStream.classify(net, x, 360, 360);
        for (int rate : new int[] {250, 128}) {
            List<Annotation> device = RecordStream.classify(net, x, 360, rate);
            BeatConfusion c = BeatMatcher.compare(own, device, 360, ComparisonRules.WHOLE_RECORD);
            // record 100's first two minutes: about 150 beats; a beat or two may differ at the ends
            assertTrue(c.matchedBeats() >= own.size() - 2, rate + " Hz: " + c.matchedBeats() + " of " + own.size() + " matched");
            assertTrue(c.extraBeats() <= 2, rate + " Hz: " + c.extraBeats() + " extra beats");
            for (Annotation a : device) assertTrue(a.sample() >= 0 && a.sample() < x.length, "sample " + a.sample());
            assertEquals(device.size(), org.fglecg.ecg.data.ClassCounts.ofAnnotations(device).total(), "every beat has an N/S/V/F code");
        }
    }

    @Test
    void resamplingKeepsTheDurationAndTheInstants() {
        float[] x = new float[3600];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(2 * Math.PI * 5 * i / 360.0);
        float[] y = RecordStream.resample(x, 360, 250);
        assertEquals(2500, y.length);
        for (int k = 100; k < 2400; k++) {
            assertEquals(Math.sin(2 * Math.PI * 5 * k / 250.0), y[k], 1e-3, "sample " + k);
        }
        assertTrue(x == RecordStream.resample(x, 360, 360), "equal rates: the samples as they are");
    }
}
