package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks that files named on the command line exist before a command reads them: a name that
 * points nowhere is a usage error (exit 2) whose message names the option and the file. A file
 * that exists but is malformed is reported by the reader (exit 1).
 */
final class InputFiles {
    private InputFiles() {}

    /** {@code file} must be a regular file. */
    static Path requireFile(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such file: " + file);
        }
        return file;
    }

    /** {@code record} ({@code DIR/NAME}) must have a header {@code DIR/NAME.hea}. */
    static Path requireRecord(CommandSpec spec, String option, Path record) {
        Path hea = headerOf(record);
        if (!Files.isRegularFile(hea)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such record: " + record
                    + " (no header " + hea + ")");
        }
        return record;
    }

    /** {@code dir} must be a directory. */
    static Path requireDirectory(CommandSpec spec, String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such directory: " + dir);
        }
        return dir;
    }

    /** The header of record {@code DIR/NAME}: {@code DIR/NAME.hea}. */
    static Path headerOf(Path record) {
        return record.resolveSibling(record.getFileName() + ".hea");
    }

    /** The directory of record {@code DIR/NAME}. */
    static Path directoryOf(Path record) {
        return record.toAbsolutePath().getParent();
    }
}
