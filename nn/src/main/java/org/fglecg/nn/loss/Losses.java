package org.fglecg.nn.loss;

import java.util.Arrays;
import org.fglecg.tensor.Tensor;

/**
 * The training losses on logits {@code [batch, classes]}, each one fused node (PyTorch
 * semantics, see each method).
 */
public final class Losses {
    private Losses() {}

    /**
     * Cross-entropy with optional class weights, PyTorch's {@code F.cross_entropy(z, y, weight=w)}:
     * {@code sum_i w[y_i] * -log softmax(z_i)[y_i] / sum_i w[y_i]} (the weighted mean; plain mean
     * when {@code weights} is null).
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, float[] weights) {
        Tensor z = check("cross_entropy", logits, labels.length);
        int batch = z.size(0), k = z.size(1);
        if (weights != null && weights.length != k) throw new IllegalArgumentException("cross_entropy: "
                + weights.length + " class weights for " + k + " classes");
        float[] p = softmax(z, 1f);
        double num = 0, den = 0;
        for (int i = 0; i < batch; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) throw new IllegalArgumentException("cross_entropy: label " + y + " at index "
                    + i + " outside [0, " + k + ")");
            double w = weights == null ? 1 : weights[y];
            num += -w * Math.log(Math.max(p[i * k + y], Float.MIN_NORMAL));
            den += w;
        }
        double total = den;
        Tensor out = Tensor.scalar((float) (num / den));
        return Tensor.fromFunction("cross_entropy", out, g -> {
            float go = g.item();
            Tensor dz = Tensor.zeros(batch, k);
            float[] d = dz.data();
            for (int i = 0; i < batch; i++) {
                int y = labels[i];
                float s = (float) ((weights == null ? 1 : weights[y]) / total) * go;
                for (int c = 0; c < k; c++) d[i * k + c] = s * (p[i * k + c] - (c == y ? 1f : 0f));
            }
            return new Tensor[] {dz};
        }, z);
    }

    /**
     * {@code KL(softmax(zT / tau) || softmax(zS / tau))} with PyTorch's {@code reduction="batchmean"}
     * (summed over classes, divided by the batch size). The teacher logits are a constant: no
     * gradient flows into them.
     */
    public static Tensor klDivergence(Tensor studentLogits, Tensor teacherLogits, float tau) {
        Tensor zs = check("kl_div", studentLogits, studentLogits.size(0));
        Tensor zt = teacherLogits.contiguous();
        if (!Arrays.equals(zs.shape(), zt.shape())) throw new IllegalArgumentException("kl_div: student logits "
                + Arrays.toString(zs.shape()) + " and teacher logits " + Arrays.toString(zt.shape()) + " differ");
        int batch = zs.size(0), k = zs.size(1);
        float[] p = softmax(zs, tau), q = softmax(zt, tau);
        double kl = 0;
        for (int i = 0; i < batch * k; i++) {
            if (q[i] > 0) kl += q[i] * (Math.log(q[i]) - Math.log(Math.max(p[i], Float.MIN_NORMAL)));
        }
        Tensor out = Tensor.scalar((float) (kl / batch));
        return Tensor.fromFunction("kl_div", out, g -> {
            float s = g.item() / (batch * tau);
            Tensor dz = Tensor.zeros(batch, k);
            float[] d = dz.data();
            for (int i = 0; i < batch * k; i++) d[i] = s * (p[i] - q[i]);
            return new Tensor[] {dz};
        }, zs);
    }

    /**
     * The FGL loss: {@code a * CE_w(zS, y) + (1 - a) * tau^2 * KL(softmax(zT/tau) || softmax(zS/tau))};
     * gradients reach the student only. {@code a = 1} is plain (class-weighted) cross-entropy.
     */
    public static Tensor fgl(Tensor studentLogits, Tensor teacherLogits, int[] labels, float[] weights,
                             float a, float tau) {
        Tensor ce = crossEntropy(studentLogits, labels, weights);
        if (a == 1f) return ce;
        return ce.mul(a).add(klDivergence(studentLogits, teacherLogits, tau).mul((1 - a) * tau * tau));
    }

    private static Tensor check(String op, Tensor logits, int batch) {
        if (logits.dim() != 2 || logits.size(0) != batch) throw new IllegalArgumentException(op + ": logits "
                + Arrays.toString(logits.shape()) + ", expected [" + batch + ", classes]");
        return logits.contiguous();
    }

    /** Row-wise softmax(z / tau), max-subtracted, computed in double. */
    private static float[] softmax(Tensor z, float tau) {
        int batch = z.size(0), k = z.size(1);
        float[] zd = z.data(), p = new float[batch * k];
        int zo = z.offset();
        for (int i = 0; i < batch; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < k; c++) max = Math.max(max, zd[zo + i * k + c] / (double) tau);
            double[] e = new double[k];
            for (int c = 0; c < k; c++) sum += e[c] = Math.exp(zd[zo + i * k + c] / (double) tau - max);
            for (int c = 0; c < k; c++) p[i * k + c] = (float) (e[c] / sum);
        }
        return p;
    }
}
