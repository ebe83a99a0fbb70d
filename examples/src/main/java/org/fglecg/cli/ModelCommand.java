package org.fglecg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fgl model ...}: the model commands. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect models (parameters and FLOPs) and release them with a model card.",
        subcommands = {ModelSummaryCommand.class, ModelReleaseCommand.class})
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
