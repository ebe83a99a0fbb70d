package org.fglecg.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How the CLI reports failure: one line on stderr and a non-zero exit code. A stack trace is
 * printed only for bugs (unexpected exception types) or when {@code FGL_DEBUG} is set.
 */
final class CliErrors {
    private CliErrors() {}

    /** Exit code for bad input data or a failed operation. */
    static final int FAILED = 1;
    /** Exit code for a bad command-line argument. */
    static final int USAGE = 2;

    static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl,
                                            CommandLine.ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("fgl: error: " + msg);
            if (System.getenv("FGL_DEBUG") != null || isBug(ex)) ex.printStackTrace(err);
            err.flush();
            return FAILED;
        }

        private static boolean isBug(Exception ex) {
            return ex instanceof NullPointerException || ex instanceof ClassCastException
                    || ex instanceof ArrayIndexOutOfBoundsException;
        }
    }

    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("fgl: " + ex.getMessage());
            cl.usage(err);
            err.flush();
            return USAGE;
        }
    }
}
