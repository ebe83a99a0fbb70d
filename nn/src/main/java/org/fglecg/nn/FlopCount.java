package org.fglecg.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Analytic forward cost of one beat through {@link FglNet}: multiply-accumulates of the
 * convolutions, linear layers and attention matmuls (the same rows as the reference's
 * {@code flop_table}); FLOPs = 2 x MACs. Element-wise work (BN, ReLU, softmax, LayerNorm, pooling)
 * is not counted.
 */
public final class FlopCount {
    /** One layer's multiply-accumulates per beat. */
    public record Row(String layer, long macs) {}

    private FlopCount() {}

    public static List<Row> rows(FglNet.Config c) {
        long l = c.length(), t = c.seqLen(), d = c.dModel();
        List<Row> rows = new ArrayList<>();
        for (int k : new int[] {5, 9, 11}) rows.add(new Row("conv k" + k + " 1->32 (L=" + l + ")", 32L * k * l));
        rows.add(new Row("conv 1x1 96->128 (T=" + t + ")", 96L * 128 * t));
        for (int b = 0; b < 3; b++) {
            rows.add(new Row("SE block " + b + ": conv k3 128->128 x2", 2L * 128 * 128 * 3 * t));
            rows.add(new Row("SE block " + b + ": SE fc 128->32->128", 128L * 32 + 32L * 128));
        }
        rows.add(new Row("embed Linear 128->" + d + " (T=" + t + ")", 128L * d * t));
        for (int i = 0; i < c.layers(); i++) {
            rows.add(new Row("enc" + i + ": in_proj QKV " + d + "->" + 3 * d, 3 * d * d * t));
            rows.add(new Row("enc" + i + ": QK^T (" + c.heads() + " heads)", t * t * d));
            rows.add(new Row("enc" + i + ": attn x V", t * t * d));
            rows.add(new Row("enc" + i + ": out_proj " + d + "->" + d, d * d * t));
            rows.add(new Row("enc" + i + ": FF " + d + "->" + 4 * d + "->" + d, 2 * 4 * d * d * t));
        }
        rows.add(new Row("head Linear " + d + "->" + c.numClasses(), (long) c.numClasses() * d));
        return rows;
    }

    /** Forward FLOPs per beat (2 x total MACs). */
    public static long forwardFlops(FglNet.Config c) {
        long macs = 0;
        for (Row r : rows(c)) macs += r.macs();
        return 2 * macs;
    }
}
