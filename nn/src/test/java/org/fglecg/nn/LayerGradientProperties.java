package org.fglecg.nn;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fglecg.tensor.GradCheck;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/** Every layer's backward agrees with finite differences on random small shapes. */
class LayerGradientProperties {

    /** A random N(0, 1) leaf requiring grad. */
    static Tensor leaf(Rng rng, int... shape) {
        return Tensor.randn(rng, shape).requiresGrad(true);
    }

    static List<Tensor> with(Tensor x, Module m) {
        List<Tensor> l = new ArrayList<>();
        l.add(x);
        l.addAll(m.parameters());
        return l;
    }

    @Property(tries = 30)
    void conv1d(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 3) int in,
                @ForAll @IntRange(min = 1, max = 3) int out, @ForAll @IntRange(min = 1, max = 4) int k,
                @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll @IntRange(min = 0, max = 2) int pad,
                @ForAll @IntRange(min = 1, max = 2) int dil, @ForAll @IntRange(min = 9, max = 12) int len,
                @ForAll long seed) {
        Rng rng = new Rng(seed);
        Conv1d c = new Conv1d(in, out, k, stride, pad, dil, rng);
        Tensor x = leaf(rng, batch, in, len);
        GradCheck.forFloat32Layers(seed).check("conv1d", () -> c.forward(x), with(x, c));
    }

    @Property(tries = 20)
    void batchNormTrainAndEval(@ForAll @IntRange(min = 2, max = 3) int batch, @ForAll @IntRange(min = 1, max = 3) int ch,
                               @ForAll @IntRange(min = 2, max = 5) int len, @ForAll boolean training, @ForAll long seed) {
        Rng rng = new Rng(seed);
        BatchNorm1d bn = new BatchNorm1d(ch);
        FixtureWeights.loadInto(bn);
        bn.train(training);
        Tensor x = leaf(rng, batch, ch, len);
        GradCheck.forFloat32Layers(seed).check("batch_norm " + (training ? "train" : "eval"), () -> bn.forward(x),
                with(x, bn));
    }

    @Property(tries = 20)
    void maxPool(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int ch,
                 @ForAll @IntRange(min = 4, max = 9) int len, @ForAll long seed) {
        Rng rng = new Rng(seed);
        MaxPool1d p = new MaxPool1d(2, 2, 1);
        Tensor x = leaf(rng, batch, ch, len);
        GradCheck.forFloat32Layers(seed).check("max_pool1d", () -> p.forward(x), List.of(x));
    }

    @Property(tries = 20)
    void linear(@ForAll @IntRange(min = 1, max = 3) int rows, @ForAll @IntRange(min = 1, max = 4) int in,
                @ForAll @IntRange(min = 1, max = 5) int out, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Linear l = new Linear(in, out, rng);
        Tensor x = leaf(rng, rows, 2, in);
        GradCheck.forFloat32Layers(seed).check("linear", () -> l.forward(x), with(x, l));
    }

    @Property(tries = 20)
    void layerNorm(@ForAll @IntRange(min = 1, max = 3) int rows, @ForAll @IntRange(min = 4, max = 8) int d,
                   @ForAll long seed) {
        Rng rng = new Rng(seed);
        LayerNorm n = new LayerNorm(d);
        FixtureWeights.loadInto(n);
        Tensor x = leaf(rng, rows, d);
        GradCheck.forFloat32Layers(seed).check("layer_norm", () -> n.forward(x), with(x, n));
    }

    @Property(tries = 20)
    void tensorOpsUsedByLayers(@ForAll @IntRange(min = 1, max = 3) int a, @ForAll @IntRange(min = 1, max = 4) int b,
                               @ForAll long seed) {
        Rng rng = new Rng(seed);
        Tensor x = leaf(rng, a, b, 3);
        GradCheck.forFloat32Layers(seed).check("relu/mean/sigmoid", () -> x.relu().mean(2, false).sigmoid(), List.of(x));
    }

    @Property(tries = 20)
    void feedForward(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Linear l1 = new Linear(4, 8, rng), l2 = new Linear(8, 4, rng);
        Tensor x = leaf(rng, batch, 3, 4);
        List<Tensor> wrt = with(x, l1);
        wrt.addAll(l2.parameters());
        GradCheck.forFloat32Layers(seed).check("feed_forward", () -> l2.forward(l1.forward(x).relu()), wrt);
    }

    @Property(tries = 20)
    void scaleChannelsAndAddRelu(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 4) int ch,
                                 @ForAll @IntRange(min = 1, max = 5) int len, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Tensor y = leaf(rng, batch, ch, len), s = leaf(rng, batch, ch);
        Tensor x = leaf(rng, batch, ch, len);
        GradCheck.forFloat32Layers(seed).check("scale_channels+add_relu",
                () -> SEBlock.addRelu(SEBlock.scaleChannels(y, s), x), List.of(y, s, x));
    }

    @Property(tries = 20)
    void fusedOpAfterSharedInput(@ForAll @IntRange(min = 2, max = 3) int batch, @ForAll @IntRange(min = 1, max = 4) int ch,
                                 @ForAll @IntRange(min = 2, max = 5) int len, @ForAll long seed) {
        Rng rng = new Rng(seed);
        BatchNorm1d bn = new BatchNorm1d(ch);
        Tensor x = leaf(rng, batch, ch, len);
        GradCheck.forFloat32Layers(seed).check("bn then (y, mean(y))", () -> {
            Tensor y = bn.forward(x);
            return SEBlock.scaleChannels(y, y.mean(2, false).sigmoid());
        }, List.of(x));
    }

    @Property(tries = 15)
    void selfAttention(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 5) int time,
                       @ForAll @IntRange(min = 1, max = 3) int heads, @ForAll @IntRange(min = 1, max = 2) int hd,
                       @ForAll long seed) {
        Rng rng = new Rng(seed);
        MultiheadAttention a = new MultiheadAttention(heads * hd, heads, 0.1f, rng);
        a.eval();
        Tensor x = leaf(rng, batch, time, heads * hd);
        GradCheck.forFloat32Layers(seed).check("self_attention", () -> a.forward(x), with(x, a));
    }

    @Property(tries = 10)
    void selfAttentionWithDropout(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 2, max = 6) int time,
                                  @ForAll long seed) {
        checkAttentionWithDropout(batch, time, seed);
    }

    /**
     * Rows longer than two 512-bit vectors (the kernels' vector loops, not only their tails) and
     * mask rows starting anywhere in a 64-bit word.
     */
    @Property(tries = 4)
    void selfAttentionWithDropoutLongRows(@ForAll @IntRange(min = 33, max = 45) int time, @ForAll long seed) {
        checkAttentionWithDropout(1, time, seed);
    }

    private static void checkAttentionWithDropout(int batch, int time, long seed) {
        Tensor x = leaf(new Rng(seed), batch, time, 4);
        // a fresh module from the same seeds each call: same weights, same dropout masks
        GradCheck.forFloat32Layers(seed).check("self_attention train, dropout 0.5", () -> {
            MultiheadAttention a = new MultiheadAttention(4, 2, 0.5f, new Rng(seed), new Rng(seed + 1));
            return a.forward(x);
        }, List.of(x));
    }

    @Property(tries = 10)
    void seBlock(@ForAll @IntRange(min = 2, max = 3) int batch, @ForAll @IntRange(min = 3, max = 6) int len,
                 @ForAll boolean training, @ForAll long seed) {
        Rng rng = new Rng(seed);
        SEBlock b = new SEBlock(8, 4, rng);
        b.train(training);
        Tensor x = leaf(rng, batch, 8, len);
        GradCheck.forFloat32Layers(seed).step(1e-4).toleranceOfLargest(5e-2)
                .check("se_block", () -> b.forward(x), with(x, b));
    }

    @Property(tries = 10)
    void encoderLayer(@ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 4) int time,
                      @ForAll long seed) {
        Rng rng = new Rng(seed);
        TransformerEncoderLayer l = new TransformerEncoderLayer(8, 2, 16, 0.1f, rng);
        l.eval();
        Tensor x = leaf(rng, batch, time, 8);
        GradCheck.forFloat32Layers(seed).step(1e-4).toleranceOfLargest(5e-2)
                .check("encoder_layer", () -> l.forward(x), with(x, l));
    }
}
