package org.fglecg.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --record DIR/NAME} (picocli mixin): one WFDB record, for the commands that read one. */
final class RecordOption {
    @Option(names = "--record", required = true, paramLabel = "DIR/NAME", description = "WFDB record, e.g. data/mitdb/208.")
    Path path;

    /** The directory holding the record's files. */
    Path dir() {
        return InputFiles.directoryOf(path);
    }

    /** The record's name, e.g. 208. */
    String name() {
        return path.getFileName().toString();
    }
}
