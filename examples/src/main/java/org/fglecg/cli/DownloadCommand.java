package org.fglecg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl data download}: fetch mitdb from PhysioNet, every file checked against SHA256SUMS. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download the MIT-BIH Arrhythmia Database from PhysioNet and verify every file "
                + "against PhysioNet's SHA256SUMS.txt. Files already present and correct are kept.")
final class DownloadCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Option(names = "--records", paramLabel = "LIST",
            description = "Comma-separated record names (default: all of PhysioNet's RECORDS list).")
    String records;

    @Option(names = "--url", paramLabel = "URL", defaultValue = MitdbDownloader.PHYSIONET,
            description = "Base address of the database (default: ${DEFAULT-VALUE}).")
    String url;

    @Override
    public Integer call() throws Exception {
        new MitdbDownloader(url, System.out::println).download(data.dir, MitdbDownloader.splitRecords(records));
        return 0;
    }
}
