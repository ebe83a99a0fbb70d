package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Squeeze-excitation residual block on {@code [batch, ch, time]}:
 * Conv(k3, p1) - BN - ReLU - Conv(k3, p1) - BN - SE - add identity - ReLU, where SE(r) is
 * global average pool over time, Linear(ch -> ch/r), ReLU, Linear(ch/r -> ch), sigmoid, and a
 * per-channel scaling. Scaling and the residual add + ReLU are fused nodes.
 */
public final class SEBlock extends Module {
    final Conv1d conv1, conv2;
    final BatchNorm1d bn1, bn2;
    final Linear fc1, fc2;

    public SEBlock(int channels, int reduction, Rng rng) {
        conv1 = registerModule("conv1", new Conv1d(channels, channels, 3, 1, 1, rng));
        bn1 = registerModule("bn1", new BatchNorm1d(channels));
        conv2 = registerModule("conv2", new Conv1d(channels, channels, 3, 1, 1, rng));
        bn2 = registerModule("bn2", new BatchNorm1d(channels));
        fc1 = registerModule("fc1", new Linear(channels, channels / reduction, rng));
        fc2 = registerModule("fc2", new Linear(channels / reduction, channels, rng));
    }

    @Override
    java.util.List<BatchNorm1d.ConvPair> convBatchNormPairs() {
        return java.util.List.of(new BatchNorm1d.ConvPair(conv1, bn1), new BatchNorm1d.ConvPair(conv2, bn2));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = bn2.forward(conv2.forward(bn1.forward(conv1.forward(x)).relu()));
        Tensor s = fc2.forward(fc1.forward(y.mean(2, false)).relu()).sigmoid();
        return addRelu(scaleChannels(y, s), x);
    }

    /** y[b, c, t] * s[b, c]. */
    static Tensor scaleChannels(Tensor yIn, Tensor sIn) {
        Tensor y = yIn.contiguous(), s = sIn.contiguous();
        int batch = y.size(0), ch = y.size(1), len = y.size(2);
        float[] yd = y.data(), sd = s.data();
        int yo = y.offset(), so = s.offset();
        Tensor out = Tensor.empty(batch, ch, len);
        float[] o = out.data();
        Parallel.forEach(batch, b -> {
            for (int c = 0; c < ch; c++) {
                float k = sd[so + b * ch + c];
                for (int i = (b * ch + c) * len, e = i + len; i < e; i++) o[i] = yd[yo + i] * k;
            }
        });
        return Tensor.fromFunction("scale_channels", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor dy = Tensor.empty(batch, ch, len), ds = Tensor.empty(batch, ch);
            float[] dyd = dy.data(), dsd = ds.data();
            Parallel.forEach(batch, b -> {
                for (int c = 0; c < ch; c++) {
                    float k = sd[so + b * ch + c];
                    double acc = 0;
                    for (int i = (b * ch + c) * len, e = i + len; i < e; i++) {
                        dyd[i] = gd[go + i] * k;
                        acc += gd[go + i] * yd[yo + i];
                    }
                    dsd[b * ch + c] = (float) acc;
                }
            });
            return new Tensor[] {dy, ds};
        }, y, s);
    }

    /** relu(a + b) for same-shape tensors. */
    static Tensor addRelu(Tensor aIn, Tensor bIn) {
        Tensor a = aIn.contiguous(), b = bIn.contiguous();
        if (!java.util.Arrays.equals(a.shape(), b.shape())) throw new IllegalArgumentException("add_relu: shapes "
                + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()) + " differ");
        int n = a.numel();
        float[] ad = a.data(), bd = b.data();
        int ao = a.offset(), bo = b.offset();
        Tensor out = Tensor.empty(a.shape());
        float[] o = out.data();
        int chunk = 1 << 14;
        Parallel.forEach((n + chunk - 1) / chunk, t -> {
            for (int i = t * chunk, e = Math.min(n, i + chunk); i < e; i++) o[i] = Math.max(0f, ad[ao + i] + bd[bo + i]);
        });
        return Tensor.fromFunction("add_relu", out, g -> {
            Tensor gc = g.contiguous();
            float[] gd = gc.data();
            int go = gc.offset();
            Tensor d = Tensor.empty(a.shape());
            float[] dd = d.data();
            for (int i = 0; i < n; i++) dd[i] = o[i] > 0f ? gd[go + i] : 0f;
            return new Tensor[] {d, d};
        }, a, b);
    }
}
