package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** Modules applied in order, named "0", "1", ... as in PyTorch. */
public final class Sequential extends IndexedModules {
    public Sequential(Module... modules) {
        super(modules);
    }

    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < size(); i++) x = get(i).forward(x);
        return x;
    }
}
