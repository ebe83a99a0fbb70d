package org.fglecg.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data} (picocli mixin): where the MIT-BIH database is, for every command that reads or fetches it. */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/mitdb",
            description = "MIT-BIH database directory (default: ${DEFAULT-VALUE}; `fgl data download` fetches it).")
    Path dir;
}
