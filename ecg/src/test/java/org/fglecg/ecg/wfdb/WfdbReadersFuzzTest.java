package org.fglecg.ecg.wfdb;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the WFDB readers: for any bytes, the header parser, the
 * annotation reader and the signal reader return or throw {@link WfdbFormatException}; any other
 * exception, a hang or running out of memory is a finding. Bounded to a few seconds in the build
 * (JAZZER_FUZZ is set by the ecg pom); the mutation tests in {@link WfdbFuzzTest} start from the
 * real files instead.
 */
class WfdbReadersFuzzTest {
    /** A valid two-signal header in format 212, from which the fuzzer mutates. */
    static final String HEADER = "r 2 360 64\nr.dat 212 200 11 1024 995 -22131 0 MLII\n"
            + "r.dat 212 200 11 1024 1011 20052 0 V5\n";

    @FuzzTest(maxDuration = "10s")
    void readersFailOnlyWithAFormatError(FuzzedDataProvider data) throws IOException {
        try {
            switch (data.consumeInt(0, 3)) {
                case 0 -> Header.parse(data.consumeRemainingAsString(), Path.of("r.hea"));
                case 1 -> AnnotationFile.parse(data.consumeRemainingAsBytes(), Path.of("r.atr"));
                case 2 -> readRecord(HEADER, data.consumeRemainingAsBytes());
                default -> readRecord(data.consumeString(400), data.consumeRemainingAsBytes());
            }
        } catch (WfdbFormatException expected) {
            // the one allowed failure
        }
    }

    private static void readRecord(String header, byte[] signal) throws IOException {
        Path dir = Files.createTempDirectory("wfdb-fuzz");
        try {
            Files.writeString(dir.resolve("r.hea"), header, StandardCharsets.UTF_8);
            Files.write(dir.resolve("r.dat"), signal);
            WfdbRecord rec = WfdbRecord.open(dir, "r");
            rec.readAll();
            long n = rec.numSamples();
            if (n > 0) rec.read(n / 2, (int) Math.min(n - n / 2, 100));
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }
}
