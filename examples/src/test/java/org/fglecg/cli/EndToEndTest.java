package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline through the command line on two real records (100 and 208) for one epoch:
 * teacher, baseline and FGL student with the report ({@code fgl paper}), then {@code fgl compare},
 * {@code fgl evaluate} and {@code fgl predict}.
 */
class EndToEndTest {
    @TempDir Path tmp;

    @Test
    void paperThenCompareEvaluatePredict() throws Exception {
        String data = TestData.mitdb().toString(), runs = tmp.resolve("runs").toString();
        CliRun r = CliRun.fgl("paper", "--data", data, "--runs", runs, "--records", "100,208", "--epochs", "1",
                "--max-train-beats", "128", "--max-eval-beats", "64", "--batch", "32", "--threads", "2");
        assertEquals(0, r.exit(), r.err() + r.out());
        Path root = tmp.resolve("runs/paper-intra");
        for (String f : List.of("report.md", "report.json", "learning-curves.png", "per-class-f1.png",
                "confusion-teacher.png", "confusion-baseline.png", "confusion-fgl.png"))
            assertTrue(Files.size(root.resolve(f)) > 0, f);
        assertTrue(r.out().contains("| teacher | teacher | T_asym_360 | intra |"), r.out());
        assertTrue(r.out().contains("| fgl | FGL student | student | intra | 0.5 | 4.0 | 1/1 | 1 | test |"), r.out());
        assertTrue(r.out().contains("teacher logits: "), "the FGL student used the teacher's cached logits");
        try (var files = Files.list(root.resolve("teacher"))) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("teacher-logits-")).count());
        }
        RunResult fglRun = RunResult.load(root.resolve("fgl"));
        assertNotNull(fglRun.test());

        r = CliRun.fgl("compare", root.resolve("baseline").toString(), root.resolve("fgl").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(4, r.out().lines().count(), r.out());

        r = CliRun.fgl("evaluate", root.resolve("fgl").toString(), "--data", data);
        assertEquals(0, r.exit(), r.err());
        assertEquals(fglRun.test(), RunResult.load(root.resolve("fgl")).test(), "evaluate reproduces the test scores");
        assertTrue(Files.exists(root.resolve("fgl").resolve("report.md")));

        // A release: the best model, its run files and a card; evaluate reproduces its test scores.
        Path released = tmp.resolve("models/fgl-test");
        r = CliRun.fgl("model", "release", root.resolve("fgl").toString(), "--out", released.toString());
        assertEquals(0, r.exit(), r.err());
        String card = Files.readString(released.resolve("MODEL.md"));
        assertTrue(card.startsWith("# fgl-test: FGL student, intra-patient"), card);
        assertTrue(card.contains(String.format(java.util.Locale.ROOT, "macro-F1 %.2f %%", 100 * fglRun.test().macroF1())), card);
        assertTrue(card.contains("not a medical device"), card);
        byte[] testJson = Files.readAllBytes(released.resolve("test.json"));
        r = CliRun.fgl("evaluate", released.toString(), "--data", data);
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(testJson, Files.readAllBytes(released.resolve("test.json")), "evaluate reproduces the card's scores");
        r = CliRun.fgl("model", "release", root.resolve("fgl").toString(), "--out", released.toString());
        assertEquals(CliErrors.USAGE, r.exit(), "a release is not overwritten");

        // fgl paper on a released teacher: only the students are trained, distilled from it.
        Path teacher = tmp.resolve("models/teacher-intra");
        assertEquals(0, CliRun.fgl("model", "release", root.resolve("teacher").toString(), "--out", teacher.toString()).exit());
        r = CliRun.fgl("paper", "--quick", "--teacher-model", teacher.toString(), "--name", "on-released", "--data", data,
                "--runs", runs, "--records", "100,208", "--epochs", "1", "--max-train-beats", "128", "--max-eval-beats", "64",
                "--batch", "32");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().startsWith("teacher: " + teacher + ", trained before (1 epochs, best 1); not trained again"), r.out());
        Path onReleased = tmp.resolve("runs/on-released");
        assertFalse(Files.exists(onReleased.resolve("teacher")), "no teacher trained");
        assertEquals(teacher.toString(), RunResult.load(onReleased.resolve("fgl")).configString("teacher_run"));
        assertTrue(r.out().contains("| teacher-intra | teacher | T_asym_360 | intra |"), r.out());
        assertTrue(Files.readString(onReleased.resolve("report.md")).startsWith("# FGL paper run (quick: students 1 epochs "
                + "on 128 training beats, batch 32): intra split, teacher T_asym_360 (trained before: " + teacher + ")"));
        r = CliRun.fgl("paper", "--teacher-model", teacher.toString(), "--teacher-epochs", "3", "--data", data, "--runs", runs);
        assertEquals(CliErrors.USAGE, r.exit(), r.err());
        r = CliRun.fgl("paper", "--teacher-model", released.toString(), "--data", data, "--runs", runs, "--records", "100,208");
        assertEquals(CliErrors.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("is a student of split intra, not a teacher"), r.err());

        Path pred = tmp.resolve("out/208.pred");
        r = CliRun.fgl("predict", "--model", root.resolve("fgl").toString(), "--record", data + "/208", "--out", pred.toString());
        assertEquals(0, r.exit(), r.err());
        List<Annotation> anns = AnnotationFile.read(pred);
        List<String> csv = Files.readAllLines(pred.resolveSibling("208.pred.csv"));
        assertEquals(anns.size() + 1, csv.size());
        assertTrue(anns.size() > 2900, "record 208 has 2,955 N/S/V/F beats: " + anns.size());
        assertEquals("record,sample,time_s,reference,predicted,p_N,p_S,p_V,p_F", csv.get(0));
        assertTrue(List.of("N", "A", "V", "F").containsAll(anns.stream().map(Annotation::mnemonic).distinct().toList()));
        assertEquals(Long.parseLong(csv.get(1).split(",")[1]), anns.get(0).sample());
        assertTrue(r.out().contains("Predictions against ") && r.out().contains("VEB  Se"), r.out());

        // Without a .atr the beats come from the detector; with one, --beats detect compares them with it.
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        for (String ext : List.of("hea", "dat")) Files.copy(Path.of(data, "208." + ext), bare.resolve("208." + ext));
        Path detected = tmp.resolve("out/208.det");
        r = CliRun.fgl("predict", "--model", root.resolve("fgl").toString(), "--record", bare.resolve("208").toString(), "--out", detected.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("208: " + AnnotationFile.read(detected).size() + " detected beats classified"), r.out());
        assertTrue(AnnotationFile.read(detected).size() > 2900, "record 208 has 2,955 N/S/V/F beats and 373 Q");
        csv = Files.readAllLines(detected.resolveSibling("208.det.csv"));
        assertEquals("", csv.get(1).split(",")[3], "detected beats have no reference class");
        r = CliRun.fgl("predict", "--model", root.resolve("fgl").toString(), "--record", data + "/208", "--out", detected.toString(),
                "--beats", "detect");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("QRS  Se  99."), r.out());

        // The streaming classifier as a 250 Hz device would run it, beats at the record's samples.
        Path streamed = tmp.resolve("out/208.s250");
        r = CliRun.fgl("stream", "--model", root.resolve("fgl").toString(), "--record", data + "/208", "--rate", "250",
                "--out", streamed.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(AnnotationFile.read(streamed).size() > 2900, "record 208 has 2,955 N/S/V/F beats and 373 Q");
        assertTrue(r.out().contains("streamed at 250 Hz") && r.out().contains("QRS  Se  99."), r.out());
        assertTrue(r.out().contains("Against the same stream at 360 Hz (whole record)"), r.out());
        r = CliRun.fgl("stream", "--model", root.resolve("teacher").toString(), "--record", data + "/208",
                "--out", streamed.toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().contains("the streaming classifier runs a student"), r.err());
        r = CliRun.fgl("stream", "--model", root.resolve("fgl").toString(), "--record", data + "/208", "--rate", "100",
                "--out", streamed.toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: --rate 100: the streaming classifier takes 125-1000 Hz"), r.err());
    }

    @Test
    void badArgumentsGiveOneLineAndUsage() {
        CliRun r = CliRun.fgl("train", "--role", "teacher", "--epochs", "x");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Invalid value for option '--epochs'"), r.err());
        assertTrue(r.err().contains("Usage: fgl train"), r.err());

        r = CliRun.fgl("train", "--role", "nurse", "--data", tmp.toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Invalid value for option '--role': unknown role 'nurse' "
                + "(valid: teacher, student)"), r.err());
        assertTrue(r.err().contains("Usage: fgl train"), r.err());

        r = CliRun.fgl("train", "--role", "teacher", "--split", "extra");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Invalid value for option '--split': unknown split 'extra' "
                + "(valid: intra, inter)"), r.err());
        r = CliRun.fgl("train", "--role", "teacher", "--window", "T_asym_999");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Invalid value for option '--window': unknown window 'T_asym_999'"), r.err());
        assertTrue(r.err().contains("T_asym_360"), r.err());

        r = CliRun.fgl("paper", "--data", tmp.resolve("nowhere").toString());
        assertEquals(CliErrors.FAILED, r.exit());
        assertTrue(r.err().contains("fgl data download") && r.err().contains("--data"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        for (String cmd : List.of("train", "distill", "paper", "sweep", "evaluate", "predict", "compare")) {
            r = CliRun.fgl(cmd, "--help");
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Usage: fgl " + cmd), cmd + ": " + r.out() + r.err());
        }

        // One --threads, the compute pool's, on every command that computes or loads data.
        for (String cmd : List.of("train", "distill", "paper", "sweep", "evaluate", "predict", "data stats",
                "data plot-beats", "data plot-baseline")) {
            r = CliRun.fgl((cmd + " --help").split(" "));
            assertTrue(r.out().contains("--threads=N") && r.out().contains("Threads for computing and for loading data"),
                    cmd + ": " + r.out());
        }
        r = CliRun.fgl("predict", "--record", TestData.mitdb().resolve("208").toString(), "--out", tmp.resolve("p").toString());
        assertEquals(CliErrors.USAGE, r.exit(), "no --model and no models/student-inter here");
        assertTrue(r.err().startsWith("fgl: no --model, and no released model at "), r.err());
        r = CliRun.fgl("model", "release", tmp.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: RUN " + tmp + ": not a run directory"), r.err());
        r = CliRun.fgl("evaluate", tmp.toString(), "--threads", "0");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Invalid value for option '--threads': 0"), r.err());
        int before = Parallel.threads();
        try {
            r = CliRun.fgl("data", "stats", "--threads", "1", "--no-cache", "--data", tmp.resolve("nowhere").toString());
            assertEquals(CliErrors.FAILED, r.exit());
            assertEquals(1, Parallel.threads(), "fgl data stats --threads sizes the compute pool, which loads the records");
        } finally {
            Parallel.setThreads(before);
        }
    }
}
