package org.fglecg.nn.optim;

import java.util.List;
import org.fglecg.tensor.Tensor;

/** Updates parameters in place from their gradients; parameters without a gradient are skipped. */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;

    protected Optimizer(List<Tensor> params, double lr) {
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** One update from the current gradients. */
    public abstract void step();

    /** Drops every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    public double lr() {
        return lr;
    }

    /** Sets the learning rate (what a schedule calls each epoch). */
    public void setLr(double lr) {
        this.lr = lr;
    }

    /** The gradient's values as a contiguous array (a copy only when the layout requires it). */
    static float[] gradValues(Tensor p) {
        Tensor g = p.grad();
        if (g.isContiguous() && g.offset() == 0 && g.data().length == g.numel()) return g.data();
        return g.contiguous().toArray();
    }
}
