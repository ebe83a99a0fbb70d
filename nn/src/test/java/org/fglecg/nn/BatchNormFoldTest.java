package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.fglecg.tensor.Rng;
import org.junit.jupiter.api.Test;

/** BatchNorm folding finds its (Conv1d, BatchNorm1d) pairs by walking the module tree. */
class BatchNormFoldTest {
    @Test
    void foldsEveryBatchNormOfTheNetwork() {
        // three branches, the projection, two per SE block
        assertEquals(3 + 1 + 2 * 3, BatchNorm1d.foldAll(new FglNet(FglNet.student(), 0)));
    }

    @Test
    void refusesABatchNormNoConvolutionFeeds() {
        Rng rng = new Rng(1);
        Sequential s = new Sequential(new Conv1d(1, 4, 3, 1, 1, rng), new ReLU(), new BatchNorm1d(4));
        var e = assertThrows(IllegalStateException.class, () -> BatchNorm1d.foldAll(new Sequential(s)));
        assertEquals("cannot fold BatchNorm1d '0.2': no Conv1d feeds it directly", e.getMessage());
    }
}
