package org.fglecg.cli;

import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine.Option;

/** The FGL loss's {@code --alpha} and {@code --tau} (picocli mixin), for distill and paper. */
final class FglLossOptions {
    @Option(names = "--alpha", paramLabel = "A",
            description = "CB-CE weight a in a*CB-CE + (1-a)*tau^2*KL (default: ${DEFAULT-VALUE}).")
    double alpha = TrainConfig.DEFAULT_FGL_ALPHA;

    @Option(names = "--tau", paramLabel = "T", description = "Temperature (default: ${DEFAULT-VALUE}).")
    double tau = TrainConfig.DEFAULT_TAU;
}
