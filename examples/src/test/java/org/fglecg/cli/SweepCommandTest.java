package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Models;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.TrainState;
import org.fglecg.nn.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgl sweep}: --alpha and --tau give one student per value with the teacher's logits
 * computed once, --windows all a teacher and a student per window; a rerun skips what is done.
 */
class SweepCommandTest {
    @TempDir Path tmp;

    @Test
    void alphaSweepReusesTeacherLogitsAndResumes() throws Exception {
        // An untrained teacher is enough to distil from: the sweep's mechanics are under test here.
        TrainConfig tc = TrainConfig.defaults(Role.TEACHER, WindowSpec.T_ASYM_180, SplitKind.INTRA).withEpochs(1)
                .withSubset(0, 0, List.of("100"));
        Path teacher = tmp.resolve("runs/teacher");
        RunDirectory run = RunDirectory.create(teacher, tc.toJson(), false);
        Checkpoint.save(Models.create(tc, WindowSpec.T_ASYM_180), run.file(RunDirectory.BEST), java.util.Map.of());
        run.commit(new TrainState(1, 1, 0.5, "m", "o"), null);

        String[] args = {"sweep", "--teacher", teacher.toString(), "--alpha", "0.3,0.7", "--data",
                TestData.mitdb().toString(), "--runs", tmp.resolve("runs").toString(), "--epochs", "1",
                "--max-train-beats", "48", "--max-eval-beats", "16", "--batch", "16", "--threads", "1"};
        CliRun r = CliRun.fgl(args);
        assertEquals(0, r.exit(), r.err() + r.out());
        Path sweep = tmp.resolve("runs/sweep-alpha");
        for (String name : List.of("fgl-a0.3-t4.0", "fgl-a0.7-t4.0"))
            assertTrue(Files.exists(sweep.resolve(name).resolve(RunDirectory.TEST)), name);
        assertTrue(Files.exists(sweep.resolve("report.md")));
        assertEquals(1, r.out().lines().filter(l -> l.matches("teacher logits: \\d+ beats cached in .*")).count(), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("teacher logits: reusing")).count(), r.out());
        assertTrue(r.out().contains("| fgl-a0.7-t4.0 | FGL student | student | intra | 0.7 | 4.0 | 1/1 | 1 | test |"), r.out());

        r = CliRun.fgl(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains("already finished")).count(), r.out());

        // --tau from the same teacher: alpha fixed, one student per tau, the cached logits again.
        args[3] = "--tau";
        args[4] = "1:2";
        r = CliRun.fgl(args);
        assertEquals(0, r.exit(), r.err() + r.out());
        Path tauSweep = tmp.resolve("runs/sweep-tau");
        for (String name : List.of("fgl-a0.5-t1.0", "fgl-a0.5-t2.0"))
            assertTrue(Files.exists(tauSweep.resolve(name).resolve(RunDirectory.TEST)), name);
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("teacher logits: reusing")).count(), r.out());
        assertTrue(r.out().contains("| fgl-a0.5-t2.0 | FGL student | student | intra | 0.5 | 2.0 | 1/1 | 1 | test |"), r.out());
    }

    @Test
    void windowSweepTrainsATeacherAndAStudentPerWindow() throws Exception {
        CliRun r = CliRun.fgl("sweep", "--windows", "all", "--data", TestData.mitdb().toString(), "--runs",
                tmp.resolve("runs").toString(), "--records", "100", "--epochs", "1", "--max-train-beats", "32",
                "--max-eval-beats", "16", "--batch", "16", "--threads", "1");
        assertEquals(0, r.exit(), r.err() + r.out());
        Path sweep = tmp.resolve("runs/sweep-windows-intra");
        for (WindowSpec w : WindowSpec.TEACHERS) {
            assertTrue(Files.exists(sweep.resolve("teacher-" + w.name()).resolve(RunDirectory.TEST)), w.name());
            assertTrue(Files.exists(sweep.resolve("fgl-" + w.name()).resolve(RunDirectory.TEST)), w.name());
            assertTrue(r.out().contains("| teacher-" + w.name() + " | teacher | " + w.name() + " | intra |"), r.out());
        }
        assertTrue(Files.exists(sweep.resolve("report.md")));
        assertEquals(WindowSpec.TEACHERS.size(),
                r.out().lines().filter(l -> l.matches("teacher logits: \\d+ beats cached in .*")).count(), r.out());

        r = CliRun.fgl("sweep", "--windows", "some", "--data", TestData.mitdb().toString());
        assertEquals(CliErrors.FAILED, r.exit());
        assertEquals("fgl: error: --windows takes 'all', got 'some'", r.err().strip());
    }
}
