package org.fglecg.ecg.train;

import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.FglNet;

/** The FGL network for a run: student config for the student, teacher config sized to its window. */
public final class Models {
    private Models() {}

    /** A freshly initialised network from the run's seed. */
    public static FglNet create(TrainConfig cfg, WindowSpec w) {
        return new FglNet(config(cfg, w), Subsets.derive(cfg.seed(), Subsets.INIT, 0));
    }

    /**
     * The network that trains epoch {@code epoch}: the weights and buffers of {@code current} in
     * an instance whose dropout streams are seeded by (seed, epoch). Every epoch starts from
     * such an instance, so an uninterrupted run and one resumed from a checkpoint draw the same
     * masks without any generator state being saved.
     */
    public static FglNet forEpoch(TrainConfig cfg, WindowSpec w, int epoch, FglNet current) {
        FglNet net = new FglNet(config(cfg, w), Subsets.derive(cfg.seed(), Subsets.NOISE, epoch));
        net.loadStateDict(current.stateDict());
        return net;
    }

    static FglNet.Config config(TrainConfig cfg, WindowSpec w) {
        FglNet.Config c = cfg.role() == Role.TEACHER ? FglNet.teacher(w.length()) : FglNet.student();
        if (c.length() != w.length())
            throw new IllegalArgumentException("a " + cfg.role() + " takes " + c.length() + " samples, window "
                    + w.name() + " has " + w.length());
        return c;
    }
}
