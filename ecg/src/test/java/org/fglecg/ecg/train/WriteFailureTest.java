package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails mid-run (disk full, say) names the file and what remains committed. */
class WriteFailureTest {
    @TempDir Path tmp;

    @Test
    void aFailedCheckpointWriteNamesTheFileAndTheCommittedEpoch() throws IOException {
        TrainConfig cfg = TrainerTest.small();
        Path run = tmp.resolve("run"), blocked = run.resolve(RunDirectory.checkpointName(2, "model"));
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("in-the-way"), "");   // the rename over it fails, as on a full disk
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        IOException e = assertThrows(IOException.class, () -> Trainer.train(cfg, MitDb.dir(), run, false, quiet, false));
        assertTrue(e.getMessage().startsWith("writing " + blocked + " failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; epoch 1 remains committed and resumable (--resume)"), e.getMessage());
        assertEquals(1, RunDirectory.open(run).state().epochsDone());

        Files.delete(blocked.resolve("in-the-way"));
        Files.delete(blocked);
        RunResult resumed = Trainer.train(cfg, MitDb.dir(), run, true, quiet, false);
        assertEquals(2, resumed.epochs().size());
        assertNotNull(resumed.test());
    }
}
