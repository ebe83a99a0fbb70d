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
}
