package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dropout is tested here, not by the PyTorch fixtures (which use p = 0 for determinism). */
class DropoutTest {
    @Test
    void trainModeZeroesAboutPAndScalesSurvivors() {
        Dropout d = new Dropout(0.1f, new Rng(5));
        Tensor x = Tensor.ones(100_000).requiresGrad(true);
        Tensor y = d.forward(x);
        int zeros = 0;
        for (float v : y.toArray()) {
            if (v == 0f) zeros++;
            else assertEquals(1f / 0.9f, v, 1e-6f);
        }
        assertEquals(0.1, zeros / 100_000.0, 0.005);
        y.sum().backward();
        assertArrayEquals(y.toArray(), x.grad().toArray(), 0f, "gradient is the same mask and scale");
    }

    @Test
    void evalModeIsTheIdentityAndSeedsRepeat() {
        Dropout d = new Dropout(0.5f, new Rng(1));
        d.eval();
        Tensor x = Tensor.ones(10);
        assertSame(x, d.forward(x));
        Dropout a = new Dropout(0.5f, new Rng(9)), b = new Dropout(0.5f, new Rng(9));
        assertArrayEquals(a.forward(Tensor.ones(64)).toArray(), b.forward(Tensor.ones(64)).toArray(), 0f);
    }
}
