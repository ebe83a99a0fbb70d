package org.fglecg.nn;

import org.fglecg.tensor.Tensor;

/** Submodules named "0", "1", ... held for their parameters; the owner decides how to call them. */
public final class ModuleList extends IndexedModules {
    public ModuleList(Module... modules) {
        super(modules);
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("ModuleList is a container; call its modules");
    }
}
