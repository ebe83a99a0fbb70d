package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.nn.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fgl annotations detect | compare | benchmark} on real records; usage errors exit 2 naming the file or option. */
class AnnotationsCommandsTest {
    @TempDir Path tmp;

    @Test
    void detectThenCompareWithTheReference() throws Exception {
        Path data = TestData.mitdb();
        Path qrs = tmp.resolve("out/100.qrs");
        CliRun r = CliRun.fgl("annotations", "detect", "--record", data.resolve("100").toString(), "--out", qrs.toString());
        assertEquals(0, r.exit(), r.err());
        List<Annotation> beats = AnnotationFile.read(qrs);
        assertTrue(r.out().startsWith("100: " + beats.size() + " beats detected on MLII at 360 Hz -> "), r.out());
        assertTrue(r.out().contains("QRS Se 100.00 (1902/1902), +P 100.00 (1902/1902)"), r.out());
        assertTrue(beats.stream().allMatch(a -> a.mnemonic().equals("N")));

        Path json = tmp.resolve("cmp.json");
        r = CliRun.fgl("annotations", "compare", "--ref", data.resolve("100.atr").toString(), "--test", qrs.toString(),
                "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  N |   1872      0      0      0      0      0"), r.out());
        assertTrue(r.out().contains("QRS  Se 100.00 % (1902/1902)"), r.out());
        assertTrue(r.out().contains("VEB  Se   0.00 % (0/1)"), r.out());
        Map<String, Object> m = Json.parseObject(Files.readString(json));
        @SuppressWarnings("unchecked")
        Map<String, Object> gross = (Map<String, Object>) m.get("gross");
        assertEquals(Map.of("hits", 1902L, "total", 1902L, "percent", 100.0), gross.get("qrs_se"));

        // The whole record, and the reference against itself: every beat matched with its own class.
        r = CliRun.fgl("annotations", "compare", "--start", "0", "--ref", data.resolve("100.atr").toString(),
                "--test", data.resolve("100.atr").toString(), "--ref", data.resolve("100.atr").toString(), "--test", qrs.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SVEB Se 100.00 % (33/33)"), r.out());
        assertTrue(r.out().contains("Gross, 2 records"), r.out());
        assertTrue(r.out().contains("QRS  Se 100.00 % (4546/4546)"), r.out());
    }

    @Test
    void benchmarkPrintsAPerRecordTable() throws Exception {
        Path data = TestData.mitdb();
        CliRun r = CliRun.fgl("annotations", "benchmark", "--data", data.toString(), "--records", "100,203",
                "--out-dir", tmp.toString(), "--json", tmp.resolve("b.json").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("| Record | Beats | TP | FN | FP | Se % | +P % | Se % (whole) | +P % (whole) |", lines.get(0));
        assertTrue(lines.get(2).startsWith("| 100 | 1902 | 1902 | 0 | 0 | 100.00 | 100.00 |"), lines.get(2));
        assertTrue(lines.get(3).startsWith("| 203 | 2481 | "), lines.get(3));
        assertTrue(lines.get(4).startsWith("| **gross** | 4383 | "), lines.get(4));
        assertTrue(Files.size(tmp.resolve("203.qrs")) > 1000);
        assertTrue(Json.parseObject(Files.readString(tmp.resolve("b.json"))).containsKey("whole_record"));
    }

    @Test
    void usageErrorsExitWith2AndNameTheFile() throws Exception {
        Path data = TestData.mitdb();
        String atr = data.resolve("100.atr").toString();
        CliRun r = CliRun.fgl("annotations", "compare", "--ref", atr);
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Missing required option: '--test=TEST'"), r.err());

        r = CliRun.fgl("annotations", "compare", "--ref", tmp.resolve("nothere.atr").toString(), "--test", atr);
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: --ref: no such file: " + tmp.resolve("nothere.atr")), r.err());

        r = CliRun.fgl("annotations", "compare", "--ref", atr, "--test", atr, "--test", atr);
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: 1 --ref files but 2 --test files"), r.err());

        r = CliRun.fgl("annotations", "compare", "--ref", atr, "--test", atr, "--window", "0");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: match window must be a positive number of seconds"), r.err());
        r = CliRun.fgl("annotations", "benchmark", "--data", data.toString(), "--records", "100", "--window", "-1");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: match window must be a positive number of seconds"), r.err());

        Path lone = Files.copy(data.resolve("100.atr"), tmp.resolve("100.atr"));
        r = CliRun.fgl("annotations", "compare", "--ref", lone.toString(), "--test", atr);
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().contains("no header " + tmp.resolve("100.hea") + "; give --fs HZ"), r.err());
        r = CliRun.fgl("annotations", "compare", "--ref", lone.toString(), "--test", atr, "--fs", "360");
        assertEquals(0, r.exit(), r.err());

        r = CliRun.fgl("annotations", "detect", "--record", tmp.resolve("999").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: --record: no such record: " + tmp.resolve("999")), r.err());

        r = CliRun.fgl("annotations", "detect", "--record", data.resolve("100").toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: Missing required option: '--out=FILE'"), r.err());

        r = CliRun.fgl("annotations", "benchmark", "--data", tmp.resolve("nowhere").toString());
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: --data: no such directory: " + tmp.resolve("nowhere")), r.err());

        // A record without a reference file cannot be classified from its reference beats.
        for (String ext : new String[] {"hea", "dat"}) Files.copy(data.resolve("208." + ext), tmp.resolve("208." + ext));
        r = CliRun.fgl("predict", "--model", tmp.resolve("run").toString(), "--record", tmp.resolve("208").toString(),
                "--out", tmp.resolve("p").toString(), "--beats", "reference");
        assertEquals(CliErrors.USAGE, r.exit());
        assertTrue(r.err().startsWith("fgl: --beats reference: no reference annotation file " + tmp.resolve("208.atr")), r.err());

        for (String sub : List.of("compare", "detect", "benchmark")) {
            r = CliRun.fgl("annotations", sub, "--help");
            assertEquals(0, r.exit(), sub);
            assertTrue(r.out().contains("Usage: fgl annotations " + sub), r.out());
        }
    }

    @Test
    void aMalformedAnnotationFileIsOneLineAndExit1() throws Exception {
        Path data = TestData.mitdb();
        Path bad = tmp.resolve("bad.qrs");
        Files.write(bad, new byte[] {1, 4, 7}); // ends mid-word
        CliRun r = CliRun.fgl("annotations", "compare", "--ref", data.resolve("100.atr").toString(), "--test", bad.toString());
        assertEquals(CliErrors.FAILED, r.exit());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("fgl: error: " + bad + ": byte 2: file ends mid-word"), err);
    }
}
