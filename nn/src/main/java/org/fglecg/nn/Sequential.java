package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** Modules applied in order, named "0", "1", ... as in PyTorch. */
public final class Sequential extends IndexedModules {
    public Sequential(Module... modules) {
        super(modules);
    }

    /** Each Conv1d directly followed by a BatchNorm1d. */
    @Override
    java.util.List<BatchNorm1d.ConvPair> convBatchNormPairs() {
        java.util.List<BatchNorm1d.ConvPair> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < size(); i++)
            if (get(i) instanceof Conv1d c && get(i + 1) instanceof BatchNorm1d n) out.add(new BatchNorm1d.ConvPair(c, n));
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < size(); i++) x = get(i).forward(x);
        return x;
    }
}
