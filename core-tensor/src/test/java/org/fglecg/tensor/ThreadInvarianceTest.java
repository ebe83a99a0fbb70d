package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Supplier;
import org.fglecg.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/** The tensor ops' parallel chunking depends on sizes only: same bits for 1 and 3 threads. */
class ThreadInvarianceTest {
    private static float[][] run(int threads, Supplier<float[][]> work) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            return work.get();
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void elementWiseSoftmaxReductionsCopiesAndTheirGradients() {
        Supplier<float[][]> work = () -> {
            Rng rng = new Rng(17);
            Tensor x = Tensor.randn(rng, 24, 64, 91).requiresGrad(true);
            Tensor s = Tensor.randn(rng, 24, 64, 1).requiresGrad(true);
            Tensor y = x.mul(s).add(x.transpose(0, 1).contiguous().transpose(0, 1)).gelu()
                    .sigmoid().softmax(-1).logSoftmax(1).relu().exp();
            Tensor loss = y.sum(new int[] {0, 2}, false).mul(Tensor.arange(64)).sum().add(y.mean(2, false).pow(2f).sum());
            loss.backward();
            return new float[][] {y.toArray(), {loss.item()}, x.grad().toArray(), s.grad().toArray()};
        };
        run(3, work); // warm-up: see TrainingSmokeTest, cold and JIT-compiled SIMD kernels differ in bits
        float[][] one = run(1, work), three = run(3, work);
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], three[i], "output " + i);
    }
}
