package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the tests find the MIT-BIH database: property fglecg.mitdb or env FGLECG_MITDB. */
final class TestData {
    private TestData() {}

    static Path mitdb() {
        String p = System.getProperty("fglecg.mitdb");
        if (p == null || p.isBlank()) p = System.getenv("FGLECG_MITDB");
        Assumptions.assumeTrue(p != null && !p.isBlank() && Files.isDirectory(Path.of(p)),
                "MIT-BIH database not configured (fglecg.mitdb / FGLECG_MITDB)");
        return Path.of(p);
    }
}
