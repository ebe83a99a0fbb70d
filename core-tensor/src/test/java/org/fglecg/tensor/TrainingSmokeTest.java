package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The API end to end: a two-layer MLP learns a toy 3-class problem (class = which
 * of three fixed directions a point is closest to) with cross-entropy from logSoftmax + gather,
 * plain SGD through addScaled_ inside NoGrad, and zeroGrad between steps.
 */
class TrainingSmokeTest {
    @Test
    void mlpLearnsAToyProblemDeterministically() {
        // The first run warms the JIT up: the Vector API kernels give different bits before and
        // after C2 compiles them (measured: exp on JDK 17 and 25; sum, dot on JDK 25), so only
        // runs after it are compared bit for bit.
        float[] first = train(), second = train(), third = train();
        assertArrayEquals(second, third, "same seed, same bits");
        assertTrue(first[1] < 0.25f * first[0], "loss went from " + first[0] + " to " + first[1]);
        assertTrue(first[2] >= 0.95f, "accuracy " + first[2]);
    }

    /** Returns {first loss, last loss, final accuracy}. */
    private static float[] train() {
        Rng rng = new Rng(123);
        int n = 256, d = 2, hidden = 32, classes = 3;
        Tensor x = Tensor.randn(rng, n, d);
        Tensor dirs = Tensor.fromArray(new float[] {1, 0, -0.5f, 0.866f, -0.5f, -0.866f}, classes, d);
        int[] y = new int[n];
        float[] sc = x.matmul(dirs.transpose(0, 1)).toArray();
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) if (sc[i * classes + c] > sc[i * classes + y[i]]) y[i] = c;
        }
        Tensor w1 = Tensor.randn(rng, hidden, d).mul(0.5f).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(hidden).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, classes, hidden).mul(0.2f).detach().requiresGrad(true);
        Tensor b2 = Tensor.zeros(classes).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        float firstLoss = 0, lastLoss = 0;
        for (int step = 0; step < 300; step++) {
            Tensor logits = x.matmul(w1.transpose(0, 1)).add(b1).relu().matmul(w2.transpose(0, 1)).add(b2);
            Tensor loss = logits.logSoftmax(1).gather(1, y, n, 1).mean().neg();
            for (Tensor p : params) p.zeroGrad();
            loss.backward();
            try (NoGrad g = NoGrad.enter()) {
                for (Tensor p : params) p.addScaled_(p.grad(), -0.5f);
            }
            if (step == 0) firstLoss = loss.item();
            lastLoss = loss.item();
        }
        Tensor logits;
        try (NoGrad g = NoGrad.enter()) {
            logits = x.matmul(w1.transpose(0, 1)).add(b1).relu().matmul(w2.transpose(0, 1)).add(b2);
        }
        assertFalse(logits.requiresGrad());
        float[] z = logits.toArray();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int arg = 0;
            for (int c = 1; c < classes; c++) if (z[i * classes + c] > z[i * classes + arg]) arg = c;
            if (arg == y[i]) correct++;
        }
        return new float[] {firstLoss, lastLoss, correct / (float) n};
    }
}
