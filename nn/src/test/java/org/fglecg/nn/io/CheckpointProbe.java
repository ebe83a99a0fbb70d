package org.fglecg.nn.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Tensor;

/**
 * The Java half of tools/checkpoint_roundtrip.py (run by it, not by the test suite):
 * {@code CheckpointProbe ROLE TORCH_CKPT PROBE OUT_CKPT OUT_PROBE}.
 * Loads a checkpoint PyTorch wrote, computes eval logits on the probe input, trains one Adam
 * step so the weights and BatchNorm buffers become Java's own, saves that checkpoint and the
 * new eval logits for PyTorch to check.
 */
public final class CheckpointProbe {
    public static void main(String[] args) throws Exception {
        FglNet.Config c = args[0].equals("student") ? FglNet.student() : FglNet.teacher(450);
        FglNet net = new FglNet(c, 0);
        Checkpoint.load(net, Path.of(args[1]));
        Map<String, StoredTensor> probe = SafeTensors.read(Path.of(args[2]));
        StoredTensor xs = probe.get("input");
        Tensor x = Tensor.fromArray(xs.floats(), xs.shape());
        float[] torchLogits = probe.get("torch_logits").floats();
        float[] javaLogits = logits(net, x);
        double worst = 0, scale = 0;
        for (int i = 0; i < javaLogits.length; i++) {
            worst = Math.max(worst, Math.abs(javaLogits[i] - torchLogits[i]));
            scale = Math.max(scale, Math.abs(torchLogits[i]));
        }
        System.out.printf("java: PyTorch checkpoint loaded; eval logits max |diff| %.3g (relative %.3g)%n", worst, worst / scale);
        net.train();
        Adam adam = new Adam(net.parameters(), 1e-3);
        int[] y = new int[x.size(0)];
        for (int i = 0; i < y.length; i++) y[i] = i % 4;
        Losses.crossEntropy(net.forward(x), y, null).backward();
        adam.step();
        Checkpoint.save(net, Path.of(args[3]), Map.of("written_by", "fgl-ecg CheckpointProbe"));
        float[] after = logits(net, x);
        SafeTensors.write(Path.of(args[4]), List.of(StoredTensor.f32("java_logits", after, x.size(0), 4)), null);
        System.exit(worst / scale <= 1e-4 ? 0 : 1);
    }

    private static float[] logits(FglNet net, Tensor x) {
        net.eval();
        try (NoGrad g = NoGrad.enter()) {
            return net.forward(x).toArray();
        }
    }
}
