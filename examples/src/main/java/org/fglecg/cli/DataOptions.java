package org.fglecg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.PreprocessCache;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every {@code fgl data} command takes: where the database is, where the cache is. */
final class DataOptions {
    @Mixin DataDirOption dataDir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Preprocessing cache directory (default: $XDG_CACHE_HOME/fgl-ecg or ~/.cache/fgl-ecg).")
    Path cache;

    @Option(names = "--no-cache", description = "Preprocess from the raw files; read and write no cache.")
    boolean noCache;

    @Mixin ThreadsOption threads;

    Path data() {
        return dataDir.dir;
    }

    /** The cache directory to use, or {@code null} for none. */
    Path cacheDir() {
        if (noCache) return null;
        return cache != null ? cache : PreprocessCache.defaultDir();
    }

    /** Loads the given records with the default preprocessing. */
    MitBih load(List<String> records) throws IOException {
        return MitBih.loader(data()).records(records).cacheDir(cacheDir()).load();
    }
}
