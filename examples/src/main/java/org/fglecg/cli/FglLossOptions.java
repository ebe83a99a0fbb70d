package org.fglecg.cli;

import picocli.CommandLine.Option;

/** The FGL loss's {@code --alpha} and {@code --tau} (picocli mixin), for distill and paper. */
final class FglLossOptions {
    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.5",
            description = "CB-CE weight a in a*CB-CE + (1-a)*tau^2*KL (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--tau", paramLabel = "T", defaultValue = "4", description = "Temperature (default: ${DEFAULT-VALUE}).")
    double tau;
}
