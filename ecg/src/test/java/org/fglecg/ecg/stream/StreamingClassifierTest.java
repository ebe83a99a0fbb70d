package org.fglecg.ecg.stream;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Evaluator;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.tensor.SteadyStateAllocation;
import org.fglecg.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The streaming classifier on the first two minutes of record 100 with a (randomly initialised)
 * student: the same labels as the offline path given the same R peaks, the same beats and
 * labels whatever the chunk size, and no allocation per beat in steady state.
 */
class StreamingClassifierTest {
    static final int SAMPLES = 120 * 360;

    record Beat(long sample, AamiClass label, float[] p) {}

    static float[] lead(String record, int samples) throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), record);
        int lead = rec.signalIndex("MLII");
        return rec.header().signals().get(lead).toPhysical(rec.read(lead, 0, samples));
    }

    static List<Beat> stream(StreamingClassifier c, float[] x, int chunk, List<Beat> out) {
        for (int off = 0; off < x.length; off += chunk) c.push(x, off, Math.min(chunk, x.length - off));
        c.flush();
        return out;
    }

    static FrozenFglNet student() {
        return FrozenFglNet.of(new FglNet(FglNet.student(), 7));
    }

    @Test
    void sameLabelsAsTheOfflinePathGivenTheSameRPeaks() throws Exception {
        FrozenFglNet net = student();
        BeatIndex beats = MitBih.loader(MitDb.dir()).records(List.of("100")).load().beats();
        BeatDataset data = new BeatDataset(beats, WindowSpec.STUDENT, WindowSpec.T_ASYM_360);
        List<Integer> inside = new ArrayList<>();
        for (int b = 0; b < beats.size(); b++) if (beats.sample(b) < SAMPLES) inside.add(b);
        int[] idx = inside.stream().mapToInt(Integer::intValue).toArray();
        float[] offline = Evaluator.logits(net, data, WindowSpec.STUDENT, idx, new PrintStream(
                java.io.OutputStream.nullOutputStream()), false, "");
        int[] want = Evaluator.argmax(offline, 4);

        List<Beat> got = new ArrayList<>();
        StreamingClassifier c = StreamingClassifier.withBeats(net, 360, (s, l, p) -> got.add(new Beat(s, l, p.clone())));
        float[] x = lead("100", SAMPLES);
        for (int off = 0, b = 0; off < x.length; off += 360) {
            int len = Math.min(360, x.length - off);
            while (b < idx.length && beats.sample(idx[b]) < off + len) c.markBeat(beats.sample(idx[b++]));
            c.push(x, off, len);
        }
        c.flush();
        assertEquals(idx.length, got.size());
        int compared = 0;
        for (int i = 0; i < idx.length; i++) {
            assertEquals(beats.sample(idx[i]), got.get(i).sample());
            // The offline baseline saw the whole record: compare away from the two-minute cut.
            if (beats.sample(idx[i]) > SAMPLES - 400) continue;
            assertEquals(AamiClass.ofIndex(want[i]), got.get(i).label(), "beat " + i);
            double sum = 0;
            for (int k = 0; k < 4; k++) sum += Math.exp(offline[4 * i + k] - offline[4 * i]);
            assertEquals(1 / sum, got.get(i).p()[0], 1e-5, "probability of N, beat " + i);
            compared++;
        }
        assertTrue(compared > 100, "beats compared: " + compared);
    }

    @Test
    void chunkSizeChangesNothingAndTheDetectorFindsTheBeats() throws Exception {
        float[] x = lead("100", SAMPLES);
        FrozenFglNet net = student();
        List<List<Beat>> runs = new ArrayList<>();
        for (int chunk : new int[] {1, 7, 10_000}) {
            List<Beat> out = new ArrayList<>();
            runs.add(stream(StreamingClassifier.withDetector(net, 360, (s, l, p) -> out.add(new Beat(s, l, p.clone()))),
                    x, chunk, out));
        }
        for (int r = 1; r < runs.size(); r++) {
            assertEquals(runs.get(0).size(), runs.get(r).size());
            for (int i = 0; i < runs.get(0).size(); i++) {
                assertEquals(runs.get(0).get(i).sample(), runs.get(r).get(i).sample());
                assertEquals(runs.get(0).get(i).label(), runs.get(r).get(i).label());
                assertArrayEquals(runs.get(0).get(i).p(), runs.get(r).get(i).p());
            }
        }
        // Record 100 has 2273 beats in 30:06, about 151 in two minutes.
        int found = runs.get(0).size();
        assertTrue(found >= 148 && found <= 154, "beats found in two minutes: " + found);
        assertTrue(StreamingClassifier.withDetector(net, 360, (s, l, p) -> { }).maxDelaySeconds() < 0.7);
    }

    /**
     * Whole minutes of record 100 after the first: detection, resampling, baseline, windows and the
     * student allocate nothing once compiled ({@link SteadyStateAllocation}: minutes repeat until
     * one allocates nothing, for up to a minute; what remains must come from Vector API fallbacks
     * the JIT left, none from our code).
     */
    @Test
    void steadyStateStreamingAllocatesNothingPerBeat() throws Exception {
        int saved = Parallel.threads();
        Parallel.setThreads(1);
        try {
            float[] x = lead("100", 30 * 60 * 360);
            long[] beats = {0};
            StreamingClassifier c = StreamingClassifier.withDetector(student(), 360, (s, l, p) -> beats[0]++);
            int minute = 60 * 360;
            int[] next = {0};
            SteadyStateAllocation.Result r = SteadyStateAllocation.measure(() -> {
                int off = (next[0]++ % 30) * minute;                   // the record over and over
                for (int s = off; s < off + minute; s += 360) c.push(x, s, 360);
            }, SteadyStateAllocation.thisThread(), 3, 60);
            assertTrue(beats[0] > 50L * next[0], "beats classified: " + beats[0] + " in " + next[0] + " minutes");
            assertTrue(r.nothingOfOurs(), "allocations by our code in a minute of streaming: " + r);
            if (r.leastBytes() > 0) System.err.println(SteadyStateAllocation.fallbackNotice("streaming", r));
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
