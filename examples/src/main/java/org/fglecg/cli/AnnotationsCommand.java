package org.fglecg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fgl annotations ...}: QRS detection and beat-by-beat comparison of annotation files. */
@Command(name = "annotations", mixinStandardHelpOptions = true,
        description = "Detect beats and compare annotation files beat by beat (EC57 / PhysioNet bxb rules).",
        subcommands = {AnnotationsCompareCommand.class, AnnotationsDetectCommand.class, AnnotationsBenchmarkCommand.class})
public final class AnnotationsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
