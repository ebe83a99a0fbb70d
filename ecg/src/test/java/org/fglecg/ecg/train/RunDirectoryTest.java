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
import org.fglecg.nn.io.FileWriteException;
import org.fglecg.nn.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir Path tmp;

    @Test
    void refusesToOverwriteAndChecksConfigOnResume() throws IOException {
        Path d = tmp.resolve("runs/a");
        Map<String, Object> cfg = Map.of("role", "student", "epochs", 3L);
        RunDirectory.create(d, cfg, false);
        IOException e = assertThrows(IOException.class, () -> RunDirectory.create(d, cfg, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        RunDirectory.create(d, cfg, true);
        e = assertThrows(IOException.class, () -> RunDirectory.create(d, Map.of("role", "teacher", "epochs", 3L), true));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
        assertThrows(IOException.class, () -> RunDirectory.open(tmp.resolve("nothing")));
    }

    @Test
    void resumeMayOnlyAddEpochs() throws IOException {
        Path d = tmp.resolve("r");
        RunDirectory run = RunDirectory.create(d, Map.of("role", "student", "epochs", 2L), false);
        run.commit(new TrainState(2, 2, 0.5, RunDirectory.checkpointName(2, "model"),
                RunDirectory.checkpointName(2, "optim")), List.of());
        Files.writeString(run.file(RunDirectory.TEST), "{}");
        RunDirectory.create(d, Map.of("role", "student", "epochs", 5L), true);
        assertEquals(5L, ((Number) run.config().get("epochs")).longValue());
        assertFalse(Files.exists(run.file(RunDirectory.TEST)), "the shorter run's test scores are dropped");
        IOException e = assertThrows(IOException.class,
                () -> RunDirectory.create(d, Map.of("role", "student", "epochs", 1L), true));
        assertTrue(e.getMessage().contains("already trained 2 epochs"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> RunDirectory.create(d, Map.of("role", "teacher", "epochs", 6L), true));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void aDistilledRunCannotResumeAgainstAChangedTeacher() throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("s"), Map.of("x", 1L), false);
        String a = "a".repeat(64), b = "b".repeat(64);
        run.bindTeacher(a, false);
        run.bindTeacher(a, true);
        IOException e = assertThrows(IOException.class, () -> run.bindTeacher(b, true));
        assertTrue(e.getMessage().contains("another teacher model"), e.getMessage());
        run.bindTeacher(b, false); // a fresh start may re-bind
        run.bindTeacher(b, true);
    }

    @Test
    void metricsAppendAndTruncate() throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("r"), Map.of("x", 1L), false);
        for (int e = 1; e <= 3; e++) run.appendMetrics(Map.of("epoch", (long) e, "loss", 1.0 / e));
        assertEquals(3, run.metrics().size());
        run.truncateMetrics(2);
        assertEquals(2, run.metrics().size());
        assertEquals(0.5, run.metrics().get(1).get("loss"));
    }

    @Test
    void commitKeepsThePreviousEpochAndTheBestModelAndDeletesTheRest() throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("r"), Map.of("x", 1L), false);
        assertNull(run.state());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int e = 1; e <= 4; e++) {
            for (String kind : List.of("model", "optim")) Files.writeString(run.file(RunDirectory.checkpointName(e, kind)), "x");
            lines.add(Map.of("epoch", (long) e));
            run.commit(new TrainState(e, Math.min(e, 2), 0.5, RunDirectory.checkpointName(e, "model"),
                    RunDirectory.checkpointName(e, "optim")), lines);
        }
        assertEquals(4, run.state().epochsDone());
        assertEquals(lines, run.commitRecord().metrics(), "state.json keeps a copy of the committed metrics");
        assertEquals(Map.of("x", 1L), run.commitRecord().config());
        try (var s = Files.list(run.dir())) {
            assertEquals(List.of("epoch-0002.model.safetensors", "epoch-0003.model.safetensors",
                    "epoch-0003.optim.safetensors", "epoch-0004.model.safetensors", "epoch-0004.optim.safetensors"),
                    s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("epoch-")).sorted().toList());
        }
    }

    @Test
    void aChangedDigitInAJsonFileIsRefused() throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("r"), Map.of("lr", 0.001, "epochs", 3L), false);
        Path cfg = run.file(RunDirectory.CONFIG);
        Files.writeString(cfg, Files.readString(cfg).replace("0.001", "0.003"));
        IOException e = assertThrows(IOException.class, run::config);
        assertTrue(e.getMessage().startsWith(cfg + " is damaged: its content does not match its SHA-256 digest"),
                e.getMessage());
        Files.writeString(cfg, "{\"lr\": 0.001,\n \"epochs\": 3}\n");
        assertEquals(Map.of("lr", 0.001, "epochs", 3L), run.config(), "files written before digests still read");
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("x.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
        FileWriteException full = assertThrows(FileWriteException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IOException("No space left on device");
        }));
        assertEquals("writing " + f + " failed: No space left on device", full.getMessage());
        assertEquals("two", Files.readString(f), "a failed write keeps the old content");
    }

    @Test
    void progressPrintsPlainLinesWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true), false, "epoch 1/2", 20);
        for (int i = 0; i < 20; i++) p.batchDone(128, 2.0);
        p.finish();
        String out = bytes.toString();
        assertEquals(10, out.lines().count(), out);
        assertFalse(out.contains("\r"));
        assertTrue(out.lines().reduce((a, b) -> b).orElseThrow().startsWith("epoch 1/2 20/20 batches"), out);
        assertTrue(out.contains("loss 2.0000"), out);
        assertEquals(2560, p.samples());

        bytes.reset();
        Progress live = new Progress(new PrintStream(bytes, true), true, "e", 2);
        live.batchDone(4, 1.0);
        live.batchDone(4, 3.0);
        live.finish();
        assertTrue(bytes.toString().startsWith("\re 1/2 batches"), bytes.toString());
        assertTrue(bytes.toString().contains("\re 2/2 batches") && bytes.toString().contains("loss 2.0000"));
        bytes.reset();
        Progress eval = new Progress(new PrintStream(bytes, true), false, "test", 1);
        eval.batchDone(256);
        assertTrue(bytes.toString().startsWith("test 1/1 batches") && !bytes.toString().contains("loss"), bytes.toString());
        assertEquals("1:01:05", Progress.duration(3665));
        assertEquals("2:05", Progress.duration(125));
    }
}
