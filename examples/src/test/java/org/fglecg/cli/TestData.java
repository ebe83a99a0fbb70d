package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the MIT-BIH database: property fglecg.mitdb or env FGLECG_MITDB (.ci/run sets it). */
final class TestData {
    private TestData() {}

    static Path mitdb() {
        String p = System.getProperty("fglecg.mitdb");
        if (p == null || p.isBlank()) p = System.getenv("FGLECG_MITDB");
        if (p == null || p.isBlank() || !Files.isRegularFile(Path.of(p, "100.hea")))
            fail("MIT-BIH database not found: set -Dfglecg.mitdb=DIR or FGLECG_MITDB=DIR (got '" + p + "')");
        return Path.of(p);
    }
}
