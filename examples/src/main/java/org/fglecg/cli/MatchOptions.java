package org.fglecg.cli;

import org.fglecg.ecg.eval.ComparisonRules;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --start} and {@code --window} (picocli mixin): how beats are matched against reference
 * annotations, by the EC57 / bxb rules ({@link ComparisonRules}), for every command that compares
 * beats with a reference.
 */
final class MatchOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--start", paramLabel = "SECONDS", defaultValue = "300",
            description = "Count beats from this time on (default: ${DEFAULT-VALUE}, bxb's 5 min; 0: the whole record).")
    double start;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "0.15", description = "Match window (default: ${DEFAULT-VALUE}).")
    double window;

    /** The rules from the options, or a usage error naming what was wrong. */
    ComparisonRules rules() {
        return rulesFrom(start);
    }

    /** The options' match window, counting from {@code startSeconds} instead of {@code --start}. */
    ComparisonRules rulesFrom(double startSeconds) {
        try {
            return new ComparisonRules(window, startSeconds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
