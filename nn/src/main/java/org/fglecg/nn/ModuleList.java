package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** Submodules named "0", "1", ... held for their parameters; the owner decides how to call them. */
public final class ModuleList extends Module {
    private final Module[] modules;

    public ModuleList(Module... modules) {
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
        throw new UnsupportedOperationException("ModuleList is a container; call its modules");
    }
}
