package org.fglecg.cli;

import org.fglecg.tensor.kernel.Parallel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --threads} (picocli mixin) for every command that computes: the size of the one pool
 * ({@link Parallel}) that runs the kernels and loads and preprocesses the records. Set as soon
 * as the option is parsed; without it the pool keeps its default (available processors, or the
 * system property {@code fglecg.threads}).
 */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for computing and for loading data (default: available processors). "
                    + "Same seed and threads = same numbers.")
    void threads(int n) {
        if (n < 1) throw new ParameterException(spec.commandLine(), "Invalid value for option '--threads': " + n
                + " (need at least 1)");
        Parallel.setThreads(n);
    }
}
