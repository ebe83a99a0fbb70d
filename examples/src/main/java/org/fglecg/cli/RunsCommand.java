package org.fglecg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fgl runs ...}: commands on run directories. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Inspect run directories.",
        subcommands = {RunsVerifyCommand.class})
public final class RunsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
