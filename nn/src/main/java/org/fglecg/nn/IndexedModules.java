package org.fglecg.nn;

/** Submodules registered under the names "0", "1", ... as PyTorch's containers do. */
abstract class IndexedModules extends Module {
    private final Module[] modules;

    IndexedModules(Module... modules) {
        this.modules = modules.clone();
        for (int i = 0; i < modules.length; i++) registerModule(Integer.toString(i), modules[i]);
    }

    public Module get(int i) {
        return modules[i];
    }

    public int size() {
        return modules.length;
    }
}
