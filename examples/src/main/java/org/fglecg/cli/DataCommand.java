package org.fglecg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fgl data ...}: the data commands. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Read, check and plot the ECG data.",
        subcommands = {DataStatsCommand.class, PlotBaselineCommand.class, PlotBeatsCommand.class, DownloadCommand.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
