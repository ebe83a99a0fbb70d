package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgl paper --split inter} on five real records: 101 (DS1) to train, 124, 201 and 223
 * (the held-out DS1 records) to validate, 100 (DS2) to test. Every run is tested on exactly
 * record 100's beats, which no run trained on.
 */
class InterPatientPaperTest {
    @TempDir Path tmp;

    @Test
    void interPatientPaperTestsOnDs2Only() throws Exception {
        Path data = TestData.mitdb();
        CliRun r = CliRun.fgl("paper", "--split", "inter", "--data", data.toString(), "--runs",
                tmp.resolve("runs").toString(), "--records", "101,124,201,223,100", "--epochs", "1",
                "--max-train-beats", "64", "--max-eval-beats", "64", "--batch", "32", "--threads", "2");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("| teacher | teacher | T_asym_360 | inter |"), r.out());
        assertTrue(r.out().contains("| fgl | FGL student | student | inter | 0.5 | 4.0 | 1/1 | 1 | test |"), r.out());

        long record100 = TrainingData.load(data, List.of("100"), SplitKind.INTRA, 42).beats().size();
        for (String run : List.of("teacher", "baseline", "fgl")) {
            RunResult res = RunResult.load(tmp.resolve("runs/paper-inter").resolve(run));
            assertEquals(record100, res.test().confusion().total(), run + ": the test split is record 100, whole");
        }
    }
}
