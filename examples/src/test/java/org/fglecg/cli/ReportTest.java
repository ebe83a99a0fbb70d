package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fglecg.ecg.train.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports and the comparison table, from run directories written the way the trainer writes them. */
class ReportTest {
    static final List<String> AAMI = List.of("N", "S", "V", "F");
    @TempDir Path tmp;

    static Scores scores(long[][] rows) {
        return Scores.of(ConfusionMatrix.of(AAMI, rows));
    }

    Path fakeRun(String name, Map<String, Object> config, int epochs, Scores test) throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs").resolve(name), config, false);
        for (int e = 1; e <= epochs; e++) {
            Scores val = scores(new long[][] {{90, 1, 0, 0}, {2, 8 + e, 0, 0}, {0, 0, 10, 0}, {0, 0, 1, 3}});
            run.appendMetrics(new EpochMetrics(e, 1.0 / e, 10, 100, 0.9 / e, val).toJson());
        }
        if (epochs > 0) run.commit(new TrainState(epochs, epochs, 0.9, "m", "o"), null);
        if (test != null) run.writeTestScores(epochs, test);
        return run.dir();
    }

    static Map<String, Object> config(String role, String teacherRun) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("role", role);
        c.put("window", role.equals("teacher") ? "T_asym_360" : "student");
        c.put("split", "intra");
        c.put("epochs", 3L);
        if (teacherRun != null) {
            c.put("teacher_run", teacherRun);
            c.put("alpha", 0.5);
            c.put("tau", 4.0);
        }
        return c;
    }

    @Test
    void reportWritesMarkdownJsonAndFigures() throws IOException {
        Scores baseTest = scores(new long[][] {{95, 3, 1, 1}, {4, 6, 0, 0}, {1, 0, 9, 0}, {0, 0, 0, 0}});
        Scores fglTest = scores(new long[][] {{97, 1, 1, 1}, {2, 8, 0, 0}, {0, 0, 10, 0}, {0, 0, 0, 0}});
        List<RunResult> runs = List.of(
                RunResult.load(fakeRun("teacher", config("teacher", null), 3, fglTest)),
                RunResult.load(fakeRun("baseline", config("student", null), 3, baseTest)),
                RunResult.load(fakeRun("fgl", config("student", "runs/teacher"), 2, null)));
        assertEquals(10.0 / 12, runs.get(2).bestVal().of("S").recall(), 1e-12);
        Path out = tmp.resolve("report");
        Report.write(out, "FGL paper run", runs);

        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| baseline | baseline student | student | intra |  |  | 3/3 | 3 | test |"), md);
        assertTrue(md.contains("| fgl | FGL student | student | intra | 0.5 | 4.0 | 2/3 | 2 | val |"), md);
        assertTrue(md.contains("| F | 0 | absent | absent | absent |"), md);
        assertFalse(md.contains("NaN"));
        Map<String, Object> json = RunDirectory.readJson(out.resolve("report.json"));
        assertEquals(3, ((List<?>) json.get("runs")).size());
        for (String png : List.of("learning-curves.png", "confusion-teacher.png", "confusion-fgl.png", "per-class-f1.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png);
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100, png);
            assertTrue(md.contains("](" + png + ")"), png);
        }
    }

    @Test
    void compareCommandPrintsTable() throws IOException {
        Scores test = scores(new long[][] {{95, 3, 1, 1}, {4, 6, 0, 0}, {1, 0, 9, 0}, {0, 1, 0, 3}});
        Path a = fakeRun("a", config("student", null), 1, test);
        Path b = fakeRun("b", config("teacher", null), 0, null);
        CliRun r = CliRun.fgl("compare", a.toString(), b.toString(), "--report", tmp.resolve("cmp").toString());
        assertEquals(0, r.exit(), r.err());
        String table = r.out();
        assertEquals(4, table.lines().count(), table);
        // accuracy 113/124, F1 of F = 2*3/(4+4)
        assertTrue(table.contains("| test | 91.13 |") && table.contains("| 75.00 |"), table);
        assertTrue(table.contains("| b | teacher |") && table.contains("no epoch finished"), table);
        assertTrue(Files.readString(tmp.resolve("cmp/report.md")).contains(table.lines().toList().get(2)));
    }
}
