package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Conv1d reuses its im2col buffer across steps; a pending graph must never see it overwritten. */
class Conv1dBufferTest {
    @Test
    void interleavedForwardsKeepEachGraphsGradients() {
        Rng rng = new Rng(3);
        Tensor a = Tensor.randn(rng, 2, 3, 11), b = Tensor.randn(rng, 2, 3, 11);
        Conv1d ref = new Conv1d(3, 4, 3, 1, 1, 1, new Rng(7));
        ref.forward(a).sum().backward();
        float[] gradA = ref.weight.grad().toArray();
        ref.zeroGrad();
        ref.forward(b).sum().backward();
        float[] gradB = ref.weight.grad().toArray();

        Conv1d c = new Conv1d(3, 4, 3, 1, 1, 1, new Rng(7));
        Tensor ya = c.forward(a);
        try (NoGrad g = NoGrad.enter()) {
            c.forward(b);                                              // no graph: may take and return the buffer
        }
        Tensor yb = c.forward(b);                                      // second pending graph
        ya.sum().backward();
        assertArrayEquals(gradA, c.weight.grad().toArray(), 0f);
        c.zeroGrad();
        yb.sum().backward();
        assertArrayEquals(gradB, c.weight.grad().toArray(), 0f);
    }
}
