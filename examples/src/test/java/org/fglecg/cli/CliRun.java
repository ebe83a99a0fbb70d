package org.fglecg.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code fgl} command line in-process and captures its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun fgl(String... args) {
        // Capture System.out before the command line exists: picocli's writers wrap the System.out of then.
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        StringWriter err = new StringWriter();
        CommandLine cl = Fgl.commandLine();
        cl.setErr(new PrintWriter(err));
        try {
            return new CliRun(cl.execute(args), out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }
}
