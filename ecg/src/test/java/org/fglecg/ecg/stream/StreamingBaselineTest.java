package org.fglecg.ecg.stream;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.fglecg.ecg.data.MedianBaseline;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;

/** The streaming baseline equals the offline one bit for bit, whatever the chunk size. */
class StreamingBaselineTest {

    static float[] stream(float[] x, int w1, int w2, int chunk) {
        StreamingBaseline b = new StreamingBaseline(w1, w2);
        float[] out = new float[x.length];
        long[] next = {0};
        SampleSink sink = (t, v) -> {
            assertEquals(next[0]++, t, "each sample once, in order");
            out[(int) t] = v;
        };
        for (int off = 0; off < x.length; off += chunk) b.push(x, off, Math.min(chunk, x.length - off), sink);
        b.flush(sink);
        assertEquals(x.length, next[0]);
        return out;
    }

    @Test
    void equalsTheOfflineFilterOnRandomSignalsAndOddWindows() {
        Random r = new Random(5);
        int[][] cases = {{72, 216, 3000}, {5, 4, 50}, {1, 1, 10}, {8, 3, 2}, {72, 216, 100}, {7, 9, 0}};
        for (int[] c : cases) {
            float[] x = new float[c[2]];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() + (i % 17 == 0 ? 3 : 0);
            float[] want = MedianBaseline.remove(x, c[0], c[1]);
            for (int chunk : new int[] {1, 7, 10_000})
                assertArrayEquals(want, stream(x, c[0], c[1], chunk), "w " + c[0] + "/" + c[1] + " n " + c[2]
                        + " chunk " + chunk);
        }
    }

    @Test
    void equalsTheOfflineFilterOnARealRecord() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "208");
        int lead = rec.signalIndex("MLII");
        float[] x = rec.header().signals().get(lead).toPhysical(rec.read(lead, 0, (int) rec.numSamples()));
        float[] want = MedianBaseline.remove(x, 72, 216);
        assertArrayEquals(want, stream(x, 72, 216, 360));
        assertEquals(142, new StreamingBaseline(72, 216).delay());
    }
}
