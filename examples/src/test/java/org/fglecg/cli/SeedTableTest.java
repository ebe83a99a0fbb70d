package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fglecg.ecg.stats.McNemar;
import org.fglecg.ecg.train.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table 2 over seeds from run directories written the way the trainer writes them. */
class SeedTableTest {
    @TempDir Path tmp;

    /** A tested run whose test split is 10 beats of class N..F; {@code wrong} of them misclassified. */
    RunResult run(String name, String role, boolean distilled, long seed, int wrong) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("role", role);
        c.put("window", role.equals("teacher") ? "T_asym_360" : "student");
        c.put("split", "intra");
        c.put("seed", seed);
        c.put("split_seed", 42L);
        c.put("epochs", 60L);
        if (distilled) {
            c.put("teacher_run", "runs/teacher");
            c.put("alpha", 0.5);
            c.put("tau", 4.0);
        }
        RunDirectory run = RunDirectory.create(tmp.resolve(name), c, false);
        int[] truth = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3}, pred = truth.clone();
        for (int i = 0; i < wrong; i++) pred[i] = 1;   // N beats called S
        ConfusionMatrix m = new ConfusionMatrix(TrainingData.CLASS_NAMES);
        m.addAll(truth, pred);
        run.appendMetrics(new EpochMetrics(1, 1, 1, 1, 1, Scores.of(m)).toJson());
        run.commit(new TrainState(1, 1, 0.5, "m", "o"), null);
        run.writeTestScores(1, Scores.of(m));
        String[] rec = new String[10];
        int[] samples = new int[10];
        for (int i = 0; i < 10; i++) {
            rec[i] = "100";
            samples[i] = 1000 * i;
        }
        new TestPredictions(rec, samples, truth, pred).write(run.file(TestPredictions.FILE));
        return RunResult.load(run.dir());
    }

    @Test
    void groupsSeedsAndPairsFglWithTheBaselineOfTheSameSeed() throws IOException {
        List<RunResult> runs = new ArrayList<>();
        runs.add(run("teacher", "teacher", false, 42, 0));
        for (long s = 1; s <= 3; s++) {
            runs.add(run("baseline-s" + s, "student", false, s, 3));
            runs.add(run("fgl-s" + s, "student", true, s, (int) (3 - s + 1)));   // 3, 2, 1 wrong
        }
        List<SeedTable.Group> groups = SeedTable.groups(runs);
        assertEquals(3, groups.size());
        assertEquals(List.of("teacher", "baseline student", "FGL student"),
                groups.stream().map(SeedTable.Group::model).toList());
        assertEquals(3, groups.get(2).runs().size());

        String md = SeedTable.markdown(runs);
        assertTrue(md.contains("| 3 (1, 2, 3) | 1, 1, 1/60 | 70.00 +- 0.00 |"), md);   // baseline accuracy 7/10
        assertTrue(md.contains("| 3 (1, 2, 3) | 1, 1, 1/60 | 80.00 +- 10.00 |"), md);  // FGL 70, 80, 90
        // Seed 3: FGL gets beats 1 and 2 right that the baseline gets wrong; nothing the other way.
        assertTrue(md.contains(" | 0 | 2 | 0.5000 |"), md);
        assertTrue(md.contains("paired t-test: t = "), md);
        McNemar m = SeedTable.mcNemar(runs.get(5), runs.get(6));
        assertEquals(0, m.onlyA());
        assertEquals(2, m.onlyB());
        assertFalse(md.contains("NaN"), md);
    }

    @Test
    void predictionsRoundTripAndNameTheBadLine() throws IOException {
        TestPredictions p = new TestPredictions(new String[] {"100", "208"}, new int[] {5, 77}, new int[] {0, 2},
                new int[] {1, 2});
        Path f = tmp.resolve(TestPredictions.FILE);
        p.write(f);
        TestPredictions back = TestPredictions.read(f);
        assertTrue(p.sameBeats(back));
        assertArrayEquals(p.predicted(), back.predicted());
        java.nio.file.Files.writeString(f, "record,sample,label,predicted\n100,5,N,X\n");
        IOException e = assertThrows(IOException.class, () -> TestPredictions.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'X'"), e.getMessage());
    }

    @Test
    void compareSeedsPrintsAndWritesTheSeedTable() throws IOException {
        RunResult b = run("baseline-s1", "student", false, 1, 3), f = run("fgl-s1", "student", true, 1, 1);
        Path out = tmp.resolve("report");
        CliRun r = CliRun.fgl("compare", "--seeds", b.dir().toString(), f.dir().toString(), "--report", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("paired by training seed"), r.out());
        assertTrue(r.out().contains("undefined (needs two or more seeds"), "one seed: no t-test: " + r.out());
        assertTrue(java.nio.file.Files.readString(out.resolve("seeds.md")).contains("| 1 | 74.29 |"));
    }
}
