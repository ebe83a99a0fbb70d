package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * PyTorch's default {@code TransformerEncoderLayer} (batch_first, post-norm, ReLU):
 * <pre>
 *   x = norm1(x + dropout1(self_attn(x)))
 *   x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))
 * </pre>
 * with dim_feedforward given, dropout p everywhere (attention weights included), eps 1e-5.
 */
public final class TransformerEncoderLayer extends Module {
    final MultiheadAttention selfAttn;
    final Linear linear1, linear2;
    final LayerNorm norm1, norm2;
    private final Dropout dropout, dropout1, dropout2;

    public TransformerEncoderLayer(int dModel, int heads, int dimFeedforward, float p, Rng rng) {
        this(dModel, heads, dimFeedforward, p, rng, rng.split());
    }

    /** {@code init} draws the initial weights, {@code noise} the dropout masks. */
    public TransformerEncoderLayer(int dModel, int heads, int dimFeedforward, float p, Rng init, Rng noise) {
        selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, heads, p, init, noise.split()));
        linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, init));
        dropout = registerModule("dropout", new Dropout(p, noise.split()));
        linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, init));
        norm1 = registerModule("norm1", new LayerNorm(dModel));
        norm2 = registerModule("norm2", new LayerNorm(dModel));
        dropout1 = registerModule("dropout1", new Dropout(p, noise.split()));
        dropout2 = registerModule("dropout2", new Dropout(p, noise.split()));
    }

    @Override
    public Tensor forward(Tensor x) {
        x = norm1.forward(x.add(dropout1.forward(selfAttn.forward(x))));
        Tensor ff = linear2.forward(dropout.forward(linear1.forward(x).relu()));
        return norm2.forward(x.add(dropout2.forward(ff)));
    }
}
