package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * A stack of {@link TransformerEncoderLayer}s named {@code layers.0 ...} (PyTorch's
 * TransformerEncoder, no final norm). Like PyTorch, which deep-copies one layer, all layers
 * start from the same initial weights; dropout streams differ per layer.
 */
public final class TransformerEncoder extends Module {
    final ModuleList layers;

    public TransformerEncoder(int numLayers, int dModel, int heads, int dimFeedforward, float p, Rng rng) {
        long initSeed = rng.nextLong();
        TransformerEncoderLayer[] ls = new TransformerEncoderLayer[numLayers];
        for (int i = 0; i < numLayers; i++) {
            ls[i] = new TransformerEncoderLayer(dModel, heads, dimFeedforward, p, new Rng(initSeed), rng.split());
        }
        layers = registerModule("layers", new ModuleList(ls));
    }

    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < layers.size(); i++) x = layers.get(i).forward(x);
        return x;
    }
}
