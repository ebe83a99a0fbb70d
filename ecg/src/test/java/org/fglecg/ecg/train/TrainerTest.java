package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility and --resume on a small real subset (record 100, about a hundred training
 * beats): a run stopped after epoch 1 and resumed by a fresh trainer ends bit-identical to a run
 * never stopped, as does a finished shorter run extended with more epochs, and all equal a run
 * with the same seed and threads.
 */
class TrainerTest {
    @TempDir Path tmp;

    static TrainConfig small() {
        return TrainConfig.defaults(Role.STUDENT, org.fglecg.ecg.data.SplitKind.INTRA).withEpochs(2).withTraining(32, 1e-3, 2)
                .withSubset(96, 32, List.of("100"));
    }

    RunResult train(TrainConfig cfg, String name, int stopAfter, boolean resume) throws IOException {
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        RunDirectory run = RunDirectory.create(tmp.resolve(name), cfg.toJson(), resume);
        Trainer t = new Trainer(cfg, TrainingData.load(MitDb.dir(), cfg), run, log, false);
        if (stopAfter > 0) t.stopAfterEpoch(stopAfter);
        return t.run();
    }

    /** metrics.jsonl without the wall-clock fields. */
    static List<Map<String, Object>> metricsWithoutTiming(Path dir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : RunDirectory.open(dir).metrics()) {
            m.remove("train_seconds");
            m.remove("samples_per_s");
            out.add(m);
        }
        return out;
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        TrainConfig cfg = small();
        RunResult whole = train(cfg, "whole", 0, false);
        assertEquals(2, whole.epochs().size());
        assertNotNull(whole.test());

        RunResult stopped = train(cfg, "resumed", 1, false);
        assertEquals(1, stopped.epochs().size());
        assertNull(stopped.test());
        assertTrue(Files.exists(tmp.resolve("resumed").resolve(RunDirectory.checkpointName(1, "model"))));
        RunResult resumed = train(cfg, "resumed", 0, true);

        assertEquals(metricsWithoutTiming(whole.dir()), metricsWithoutTiming(resumed.dir()));
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertEquals(whole.test(), resumed.test());
        for (String f : List.of(RunDirectory.BEST, RunDirectory.checkpointName(2, "model"),
                RunDirectory.checkpointName(2, "optim")))
            assertArrayEquals(Files.readAllBytes(whole.dir().resolve(f)), Files.readAllBytes(resumed.dir().resolve(f)), f);
        assertTrue(Files.exists(resumed.dir().resolve(RunDirectory.checkpointName(1, "optim"))),
                "the previous epoch's checkpoint stays as the fallback");

        // A finished 1-epoch run extended to 2 with --resume: the same as asking for 2 at the start.
        RunResult shortRun = train(cfg.withEpochs(1), "extended", 0, false);
        assertNotNull(shortRun.test());
        RunResult extended = train(cfg, "extended", 0, true);
        assertEquals(metricsWithoutTiming(whole.dir()), metricsWithoutTiming(extended.dir()));
        assertEquals(whole.test(), extended.test());
        assertArrayEquals(Files.readAllBytes(whole.dir().resolve(RunDirectory.BEST)),
                Files.readAllBytes(extended.dir().resolve(RunDirectory.BEST)));
        IOException shorter = assertThrows(IOException.class, () -> train(cfg.withEpochs(1), "extended", 0, true));
        assertTrue(shorter.getMessage().contains("cannot shorten"), shorter.getMessage());

        // The same seed and threads from scratch: the same numbers again; another seed: others.
        RunResult again = train(cfg, "again", 0, false);
        assertEquals(metricsWithoutTiming(whole.dir()), metricsWithoutTiming(again.dir()));
        RunResult other = train(cfg.withSeed(7).withEpochs(1), "other", 0, false);
        assertNotEquals(metricsWithoutTiming(whole.dir()).get(0).get("train_loss"),
                metricsWithoutTiming(other.dir()).get(0).get("train_loss"));
    }

    @Test
    void resumeRefusesAnotherConfiguration() throws IOException {
        TrainConfig cfg = small().withEpochs(1);
        RunDirectory.create(tmp.resolve("r"), cfg.toJson(), false);
        IOException e = assertThrows(IOException.class,
                () -> RunDirectory.create(tmp.resolve("r"), cfg.withSeed(3).toJson(), true));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovementAndCanBeExtended() throws IOException {
        TrainConfig cfg = small().withEpochs(8).withPatience(1);
        RunResult stopped = train(cfg, "early", 0, false);
        int ran = stopped.epochs().size();
        assertTrue(ran < 8, "this seed improves at most a few epochs in a row on 96 beats: ran " + ran);
        assertEquals(ran - 1, stopped.bestEpoch(), "stops one epoch after the best");
        assertNotNull(stopped.test(), "an early-stopped run is tested");

        // Its epochs are those of the same run without early stopping.
        RunResult all = train(small().withEpochs(ran), "all", 0, false);
        assertEquals(metricsWithoutTiming(all.dir()), metricsWithoutTiming(stopped.dir()));

        // A larger patience on --resume continues the stopped run where it left off.
        RunResult more = train(cfg.withPatience(3), "early", 0, true);
        assertTrue(more.epochs().size() > ran, "epochs after extending the patience: " + more.epochs().size());
        assertEquals(metricsWithoutTiming(stopped.dir()).subList(0, ran),
                metricsWithoutTiming(more.dir()).subList(0, ran));
    }

    @Test
    void theSplitSeedAloneDecidesTheSplit() throws IOException {
        TrainConfig cfg = small().withSubset(0, 0, List.of("100", "208"));
        TrainingData a = TrainingData.load(MitDb.dir(), cfg);
        TrainingData b = TrainingData.load(MitDb.dir(), cfg.withSeed(7));
        TrainingData c = TrainingData.load(MitDb.dir(), cfg.withSplitSeed(7));
        assertArrayEquals(a.split().test(), b.split().test(), "another training seed keeps the split");
        assertArrayEquals(a.split().train(), b.split().train());
        assertFalse(java.util.Arrays.equals(a.split().test(), c.split().test()), "another split seed changes it");
    }

    @Test
    void resumeAcceptsAnotherThreadCount() throws IOException {
        TrainConfig cfg = small().withEpochs(1);
        RunDirectory.create(tmp.resolve("t"), cfg.toJson(), false);
        TrainConfig one = cfg.withTraining(cfg.batchSize(), cfg.lr(), 1);
        RunDirectory.create(tmp.resolve("t"), one.toJson(), true);
        assertEquals(1, RunDirectory.threadsOf(tmp.resolve("t")));
    }

    @Test
    void configsWrittenBeforeSplitSeedAndPatienceStillRead() {
        Map<String, Object> old = new java.util.LinkedHashMap<>(small().withSeed(9).toJson());
        old.remove("split_seed");
        old.remove("patience");
        TrainConfig c = TrainConfig.fromJson(old);
        assertEquals(9, c.splitSeed(), "older runs split by their one seed");
        assertEquals(0, c.patience());
    }
}
