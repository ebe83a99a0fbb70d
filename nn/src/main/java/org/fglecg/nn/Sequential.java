package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** Modules applied in order, named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module {
    private final Module[] modules;

    public Sequential(Module... modules) {
        this.modules = modules.clone();
        for (int i = 0; i < modules.length; i++) registerModule(Integer.toString(i), modules[i]);
    }

    public Module get(int i) {
        return modules[i];
    }

    public int size() {
        return modules.length;
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : modules) x = m.forward(x);
        return x;
    }
}
