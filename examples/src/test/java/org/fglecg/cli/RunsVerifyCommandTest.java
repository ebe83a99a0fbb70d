package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fgl runs verify} and the one-writer lock, through the command line, on a two-epoch run of record 100. */
class RunsVerifyCommandTest {
    @TempDir Path tmp;

    CliRun train(int epochs, String... extra) {
        String[] base = {"train", "--role", "student", "--data", TestData.mitdb().toString(), "--runs",
                tmp.resolve("runs").toString(), "--name", "s", "--records", "100", "--epochs", "" + epochs,
                "--max-train-beats", "96", "--max-eval-beats", "32", "--batch", "32", "--threads", "2"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.fgl(args);
    }

    @Test
    void verifySaysWhatIsIntactAndWhetherTheRunCanContinue() throws Exception {
        assertEquals(0, train(2).exit());
        Path run = tmp.resolve("runs/s");
        CliRun ok = CliRun.fgl("runs", "verify", run.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("intact   epoch-0002.model.safetensors"), ok.out());
        assertTrue(ok.out().endsWith(run + ": complete: 2 epochs, tested\n"), ok.out());

        Path model = run.resolve(RunDirectory.checkpointName(2, "model"));
        byte[] b = Files.readAllBytes(model);
        b[b.length - 3] ^= 1;
        Files.write(model, b);
        CliRun damaged = CliRun.fgl("runs", "verify", run.toString());
        assertEquals(0, damaged.exit(), "epoch 1 is kept as the fallback");
        assertTrue(damaged.out().contains("damaged  epoch-0002.model.safetensors: tensor '"), damaged.out());
        assertTrue(damaged.out().contains("resumable after epoch 1 (the newest intact epoch;"), damaged.out());

        Files.delete(run.resolve(RunDirectory.checkpointName(1, "optim")));
        CliRun lost = CliRun.fgl("runs", "verify", run.toString());
        assertEquals(1, lost.exit(), lost.out());
        assertTrue(lost.out().contains("damaged beyond recovery: no intact epoch to continue from"), lost.out());

        assertEquals(2, CliRun.fgl("runs", "verify", tmp.resolve("nothing").toString()).exit());
        assertEquals(2, CliRun.fgl("runs", "verify").exit());
    }

    @Test
    void aSecondWriterIsRefusedWhileReadersGoOn() throws Exception {
        assertEquals(0, train(2).exit());
        Path run = tmp.resolve("runs/s");
        try (RunLock held = RunLock.acquire(run)) {
            CliRun second = train(3, "--resume");
            assertEquals(1, second.exit());
            assertEquals("fgl: error: run directory " + run + " is being written by this process (pid "
                    + ProcessHandle.current().pid() + "): only one writer at a time (wait for it or stop it; "
                    + "fgl compare and fgl evaluate may read meanwhile)\n", second.err());
            CliRun compare = CliRun.fgl("compare", run.toString());
            assertEquals(0, compare.exit(), compare.err());
        }
        assertEquals(0, train(3, "--resume").exit(), "the lock is released when its holder ends");
    }
}
