package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** max(x, 0), elementwise. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
