package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The gradient checker itself must catch a wrong gradient, or the properties prove nothing. */
class GradCheckTest {
    @Test
    void catchesAWrongBackward() {
        Rng rng = new Rng(1);
        Tensor v = Tensor.randn(rng, 3, 2);
        AssertionError e = assertThrows(AssertionError.class, () -> new GradCheck(rng).check("off by 10%", x -> {
            Tensor in = x[0];
            Tensor y = Tensor.fromArray(in.mul(in).toArray(), in.shape()); // x^2 forward, no history
            return Tensor.fromFunction("square", y, g -> new Tensor[] {g.mul(in).mul(2.2f)}, in);
        }, v));
        assertTrue(e.getMessage().startsWith("off by 10%: input 0"), e.getMessage());
    }

    @Test
    void theLayerSettingCatchesAWrongBackwardToo() {
        Tensor v = Tensor.randn(new Rng(3), 4, 5).requiresGrad(true);
        float[] mask = v.toArray();
        for (int i = 0; i < mask.length; i++) mask[i] = mask[i] > 0 ? 1.1f : 0f;
        Tensor wrongSlope = Tensor.fromArray(mask, 4, 5);
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.forFloat32Layers(4).check("relu off by 10%",
                () -> {
                    Tensor y = Tensor.fromArray(v.detach().relu().toArray(), v.shape());
                    return Tensor.fromFunction("relu", y, g -> new Tensor[] {g.mul(wrongSlope)}, v);
                }, java.util.List.of(v)));
        assertTrue(e.getMessage().startsWith("relu off by 10%: input 0 [4, 5]"), e.getMessage());
        GradCheck.forFloat32Layers(4).check("relu", () -> v.relu(), java.util.List.of(v));
    }

    @Test
    void passesTheRightBackwardThroughStridedInputs() {
        Rng rng = new Rng(2);
        new GradCheck(rng).strided(true).check("square", x -> {
            Tensor in = x[0];
            assertFalse(in.isContiguous());
            Tensor y = Tensor.fromArray(in.detach().mul(in.detach()).toArray(), in.shape());
            return Tensor.fromFunction("square", y, g -> new Tensor[] {g.mul(in).mul(2f)}, in);
        }, Tensor.randn(rng, 3, 2));
    }

    /**
     * f(x) = 2 relu(x - 3e-5) + 3 relu(-x - 6e-5) at x = 0: a kink on each side within the
     * layer setting's step, so the central and both one-sided differences at that step are
     * wrong (0.1, 1.4, -1.2 against the true 0); a tenth of the step sees the flat part.
     */
    @Test
    void theLayerSettingSeesPastAKinkOnEachSide() {
        Tensor v = Tensor.zeros(1).requiresGrad(true);
        java.util.function.Supplier<Tensor> f = () -> v.sub(3e-5f).relu().mul(2f).add(v.neg().sub(6e-5f).relu().mul(3f));
        GradCheck.forFloat32Layers(5).step(1e-4).check("two kinks", f, java.util.List.of(v));
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.forFloat32Layers(5).step(1e-4)
                .check("two kinks, wrong", () -> {
                    Tensor y = Tensor.fromArray(f.get().detach().toArray(), v.shape());
                    return Tensor.fromFunction("wrong", y, g -> new Tensor[] {g.mul(0.5f)}, v);
                }, java.util.List.of(v)));
        assertTrue(e.getMessage().startsWith("two kinks, wrong: input 0"), e.getMessage());
    }
}
