package org.fglecg.ecg;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fglecg.ecg.data.MitBih;

/**
 * Where the tests find the MIT-BIH database: system property {@code fglecg.mitdb}, else the
 * environment variable {@code FGLECG_MITDB}. Fails the test with a clear message when neither
 * is set or the directory does not hold the database.
 */
public final class MitDb {
    private MitDb() {}

    private static MitBih loaded;

    /** The database directory. */
    public static Path dir() {
        String p = System.getProperty("fglecg.mitdb");
        String source = "system property fglecg.mitdb";
        if (p == null || p.isBlank()) {
            p = System.getenv("FGLECG_MITDB");
            source = "environment variable FGLECG_MITDB";
        }
        if (p == null || p.isBlank()) {
            fail("MIT-BIH database not configured: set -Dfglecg.mitdb=DIR or FGLECG_MITDB=DIR "
                    + "(e.g. FGLECG_MITDB=$PWD/../shared/data/mitdb mvn verify)");
        }
        Path dir = Path.of(p);
        if (!Files.isRegularFile(dir.resolve("100.hea"))) {
            fail("MIT-BIH database not found: " + source + " = " + p + " has no 100.hea");
        }
        return dir;
    }

    /** The 44 records, loaded once per test JVM (no disk cache). */
    public static synchronized MitBih database() {
        if (loaded == null) {
            try {
                loaded = MitBih.loader(dir()).cacheDir(null).load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}
