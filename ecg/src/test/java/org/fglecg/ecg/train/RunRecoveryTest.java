package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a run directory is never used silently: with any one file damaged or missing,
 * --resume recovers (losing at most one epoch) and ends bit-identical to the undamaged run, or
 * refuses with a message naming the file. One three-epoch run on record 100 is trained once and
 * copied for each case.
 */
class RunRecoveryTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path intact;
    static final TrainConfig CFG = TrainerTest.small().withEpochs(3);

    @BeforeAll
    static void trainOnce() throws IOException {
        intact = shared.resolve("intact");
        Trainer.train(CFG, MitDb.dir(), intact, false, quiet(), false);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    Path copy(String name) throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(intact)) {
            for (Path f : s.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    /** Resumes {@code dir}, returning what it printed. */
    static String resume(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trainer.train(CFG, MitDb.dir(), dir, true, new PrintStream(out, true), false);
        return out.toString();
    }

    static void assertSameAsIntact(Path dir) throws IOException {
        assertSameRun(intact, dir);
    }

    /** {@code dir} holds the same model, optimiser state, metrics and test scores as {@code intact}. */
    static void assertSameRun(Path intact, Path dir) throws IOException {
        for (String f : List.of(RunDirectory.BEST, RunDirectory.checkpointName(3, "model"),
                RunDirectory.checkpointName(3, "optim")))
            assertArrayEquals(Files.readAllBytes(intact.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        assertEquals(TrainerTest.metricsWithoutTiming(intact), TrainerTest.metricsWithoutTiming(dir));
        assertEquals(RunDirectory.readJson(intact.resolve(RunDirectory.TEST)), RunDirectory.readJson(dir.resolve(RunDirectory.TEST)));
        assertEquals(RunDirectory.open(intact).state(), RunDirectory.open(dir).state());
        assertEquals(RunRecovery.Outcome.COMPLETE, RunRecovery.examine(dir).outcome(), RunRecovery.examine(dir).summary());
    }

    static void flipByte(Path f, int pos) throws IOException {
        byte[] b = Files.readAllBytes(f);
        b[pos] ^= 0x08;
        Files.write(f, b);
    }

    @Test
    void theIntactRunIsCompleteAndKeepsItsFallback() throws IOException {
        RunRecovery r = RunRecovery.examine(intact);
        assertEquals(RunRecovery.Outcome.COMPLETE, r.outcome(), r.summary());
        assertTrue(r.damage().isEmpty(), r.findings().toString());
        assertTrue(r.findings().contains(new RunRecovery.Finding(RunDirectory.checkpointName(2, "optim"), true, "")),
                "the fallback is checked too: " + r.findings());
        assertTrue(Files.exists(intact.resolve(RunDirectory.checkpointName(2, "optim"))), "epoch 2 is the fallback");
        assertFalse(Files.exists(intact.resolve(RunDirectory.checkpointName(1, "optim"))));
        int best = RunDirectory.open(intact).state().bestEpoch();
        assertArrayEquals(Files.readAllBytes(intact.resolve(RunDirectory.BEST)),
                Files.readAllBytes(intact.resolve(RunDirectory.checkpointName(best, "model"))),
                "the best epoch's model checkpoint holds the bytes of best.safetensors");
    }

    @Test
    void aDamagedNewestCheckpointFallsBackOneEpoch() throws IOException {
        Path dir = copy("model");
        Path model = dir.resolve(RunDirectory.checkpointName(3, "model"));
        flipByte(model, (int) Files.size(model) - 10);
        RunRecovery r = RunRecovery.examine(dir);
        assertEquals(RunRecovery.Outcome.RESUMABLE, r.outcome());
        assertEquals(2, r.resumeFrom().epochsDone());
        String out = resume(dir);
        assertTrue(out.contains("damaged  epoch-0003.model.safetensors: tensor '"), out);
        assertTrue(out.contains("resumable after epoch 2 (the newest intact epoch; epoch 3: epoch-0003.model.safetensors is damaged)"), out);
        assertSameAsIntact(dir);
    }

    @Test
    void aDamagedStateFileIsRebuiltFromTheEpochFilesAndMetrics() throws IOException {
        Path dir = copy("state");
        Path state = dir.resolve(RunDirectory.STATE);
        Files.writeString(state, Files.readString(state).replaceFirst("\"best_epoch\": \\d", "\"best_epoch\": 7"));
        String out = resume(dir);
        assertTrue(out.contains("damaged  state.json: its content does not match its SHA-256 digest"), out);
        assertTrue(out.contains("resumable after epoch 3 (rebuilt from epoch 3's files and metrics.jsonl)"), out);
        assertSameAsIntact(dir);
    }

    @Test
    void missingFilesAreRestoredFromTheirCopies() throws IOException {
        for (String f : List.of(RunDirectory.STATE, RunDirectory.METRICS, RunDirectory.CONFIG, RunDirectory.BEST,
                RunDirectory.TEST, RunDirectory.checkpointName(3, "optim"))) {
            Path dir = copy("missing-" + f);
            Files.delete(dir.resolve(f));
            resume(dir);
            assertSameAsIntact(dir);
        }
    }

    @Test
    void aMetricsLineCutShortByAKillIsNoDamage() throws IOException {
        Path dir = copy("cut");
        Files.writeString(dir.resolve(RunDirectory.METRICS), "{\"epoch\": 4, \"train_lo",
                java.nio.file.StandardOpenOption.APPEND);
        RunRecovery r = RunRecovery.examine(dir);
        assertTrue(r.damage().isEmpty(), r.damage().toString());
        assertEquals(TrainerTest.metricsWithoutTiming(intact), TrainerTest.metricsWithoutTiming(dir), "readers skip it");
    }

    @Test
    void aSecondDamagedEpochIsDamageBeyondRecovery() throws IOException {
        Path dir = copy("two");
        Files.delete(dir.resolve(RunDirectory.checkpointName(3, "model")));
        Files.delete(dir.resolve(RunDirectory.checkpointName(2, "optim")));
        RunRecovery r = RunRecovery.examine(dir);
        assertEquals(RunRecovery.Outcome.DAMAGED, r.outcome());
        IOException e = assertThrows(IOException.class, () -> resume(dir));
        assertTrue(e.getMessage().startsWith("cannot resume " + dir + ": damaged beyond recovery: no intact epoch"),
                e.getMessage());
    }

    /**
     * One random byte changed in each file in turn: readers refuse the file or read what was
     * written, and --resume recovers to the intact run's bits or refuses naming the damage.
     */
    @Test
    void aRandomByteChangedInAnyFileIsRefusedOrRecovered() throws IOException {
        String seed = System.getenv("FGLECG_FAULT_SEED");   // to explore other damage locally
        Random random = new Random(seed == null ? 20261203L : Long.parseLong(seed));
        List<String> files;
        try (Stream<Path> s = Files.list(intact)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE)).sorted().toList();
        }
        for (String name : files) {
            Path dir = copy("flip-" + name);
            Path f = dir.resolve(name);
            int pos = random.nextInt((int) Files.size(f));
            byte[] b = Files.readAllBytes(f);
            b[pos] ^= (byte) (1 + random.nextInt(255));
            Files.write(f, b);
            String what = name + " byte " + pos;
            RunResult read;
            try {
                read = RunResult.load(dir);
                Evaluation.bestModel(RunDirectory.open(dir));
                assertEquals(RunResult.load(intact).test(), read.test(), what);
                assertEquals(RunResult.load(intact).bestEpoch(), read.bestEpoch(), what);
                assertEquals(TrainerTest.metricsWithoutTiming(intact), TrainerTest.metricsWithoutTiming(dir), what);
            } catch (IOException refused) {
                assertTrue(refused.getMessage().contains(name), what + ": " + refused.getMessage());
            }
            try {
                resume(dir);
            } catch (IOException refused) {
                assertTrue(refused.getMessage().contains(name), what + ": " + refused.getMessage());
                continue;
            }
            assertSameAsIntact(dir);
        }
    }
}
