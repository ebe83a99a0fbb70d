package org.fglecg.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fglecg.nn.io.SafeTensors;
import org.fglecg.nn.io.StoredTensor;
import org.fglecg.nn.loss.ClassBalancedWeights;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Adam, SGD, clipping and class-balanced weights against PyTorch (tools/nn_fixtures.py, optim.safetensors). */
class OptimizerParityTest {
    static Map<String, StoredTensor> f;

    static Map<String, StoredTensor> fixture() throws Exception {
        if (f == null) f = SafeTensors.read(Path.of(OptimizerParityTest.class.getResource("/fixtures/optim.safetensors").toURI()));
        return f;
    }

    private void trajectory(String name, Function<List<Tensor>, Optimizer> make) throws Exception {
        Map<String, StoredTensor> f = fixture();
        Tensor p = Tensor.fromArray(f.get("p0").floats().clone(), 2, 3).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        float[] grads = f.get("grads").floats(), expected = f.get(name).floats();
        for (int s = 0; s < 4; s++) {
            p.zeroGrad();
            float[] g = new float[6];
            System.arraycopy(grads, s * 6, g, 0, 6);
            p.mul(Tensor.fromArray(g, 2, 3)).sum().backward();
            opt.step();
            float[] want = new float[6];
            System.arraycopy(expected, s * 6, want, 0, 6);
            assertArrayEquals(want, p.toArray(), 2e-6f, name + " step " + (s + 1));
        }
    }

    @Test
    void adamMatchesPyTorch() throws Exception {
        trajectory("adam", ps -> new Adam(ps, 1e-2, 0.9, 0.999, 1e-8, 0.01));
    }

    @Test
    void sgdNesterovMatchesPyTorch() throws Exception {
        trajectory("sgd", ps -> new Sgd(ps, 1e-1, 0.9, 0.01, true));
    }

    @Test
    void clipGradNormMatchesPyTorch() throws Exception {
        Map<String, StoredTensor> f = fixture();
        Tensor p = Tensor.fromArray(f.get("p0").floats().clone(), 2, 3).requiresGrad(true);
        float[] g = new float[6];
        for (int i = 0; i < 6; i++) g[i] = f.get("grads").floats()[i] * 10;
        p.mul(Tensor.fromArray(g, 2, 3)).sum().backward();
        double norm = GradClip.clipNorm(List.of(p), 1.0);
        assertEquals(f.get("clip_norm").floats()[0], norm, 1e-4);
        assertArrayEquals(f.get("clipped").floats(), p.grad().toArray(), 1e-6f);
    }

    @Test
    void classBalancedWeightsMatchPyTorch() throws Exception {
        float[] w = ClassBalancedWeights.of(new long[] {45866, 944, 3788, 415}, 0.9999);
        assertArrayEquals(fixture().get("cb_weights").floats(), w, 1e-6f);
    }

    @Test
    void schedules() {
        LrSchedule step = LrSchedule.step(1.0, 10, 0.5);
        assertEquals(1.0, step.lr(9));
        assertEquals(0.5, step.lr(10));
        LrSchedule cos = LrSchedule.cosine(1.0, 10, 0.0);
        assertEquals(1.0, cos.lr(0), 1e-12);
        assertEquals(0.5, cos.lr(5), 1e-12);
        assertEquals(0.0, cos.lr(10), 1e-12);
    }
}
