package org.fglecg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fgl} command line: data, model, training and evaluation commands. */
@Command(name = "fgl", mixinStandardHelpOptions = true, version = "fgl 0.1.0",
        description = "Future-guided learning for ECG heartbeat classification, in pure Java.",
        subcommands = {DataCommand.class, ModelCommand.class, TrainCommand.class, DistillCommand.class,
                PaperCommand.class, SweepCommand.class, EvaluateCommand.class, PredictCommand.class, StreamCommand.class,
                CompareCommand.class, AnnotationsCommand.class, RunsCommand.class})
public final class Fgl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the configured command line: one-line errors, no stack traces for user mistakes. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Fgl());
        cl.setExecutionExceptionHandler(new CliErrors.ExecutionHandler());
        cl.setParameterExceptionHandler(new CliErrors.ParameterHandler());
        return cl;
    }

    public static void main(String[] args) {
        // The library logs through System.Logger (java.util.logging by default), whose stock
        // format spends two lines per record; the CLI asks for one, unless the user chose.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }
}
