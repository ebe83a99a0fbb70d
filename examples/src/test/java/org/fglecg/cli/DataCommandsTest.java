package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fgl data ...} end to end on the real database; bad input gives one line and exit 1. */
class DataCommandsTest {
    @TempDir
    Path tmp;

    private static String mitdb() {
        String p = System.getProperty("fglecg.mitdb");
        if (p == null || p.isBlank()) p = System.getenv("FGLECG_MITDB");
        if (p == null || p.isBlank()) org.junit.jupiter.api.Assertions.fail("set -Dfglecg.mitdb=DIR or FGLECG_MITDB=DIR");
        return p;
    }

    /** Runs the CLI; returns {exit code, stdout, stderr}. */
    private Object[] run(String... args) {
        CommandLine cl = Fgl.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString()};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void statsPrintsTheSpecTotalsAndFiguresRender() throws Exception {
        String cache = tmp.resolve("cache").toString();
        Object[] r = run("data", "stats", "--data", mitdb(), "--cache", cache);
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("all 44: N 90,125 · S 2,781 · V 7,009 · F 803 (100,718 beats)"), out);
        assertTrue(out.contains("DS1:    N 45,866 · S 944 · V 3,788 · F 415"), out);
        assertTrue(out.contains("DS2:    N 44,259 · S 1,837 · V 3,221 · F 388"), out);
        r = run("data", "stats", "--data", mitdb(), "--cache", cache, "--json");
        assertTrue(((String) r[1]).contains("\"all\": {\"N\": 90125, \"S\": 2781, \"V\": 7009, \"F\": 803, \"total\": 100718}"));

        Path fig = tmp.resolve("fig.png");
        r = run("data", "plot-baseline", "--data", mitdb(), "--record", "105", "--start", "60", "--seconds", "10", "--out", fig.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertPng(fig);
        Path beats = tmp.resolve("beats.png");
        r = run("data", "plot-beats", "--data", mitdb(), "--cache", cache, "--out", beats.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertPng(beats);
    }

    private static void assertPng(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        assertTrue(b.length > 10_000, p + " is only " + b.length + " bytes");
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
        assertEquals('N', b[2]);
        assertEquals('G', b[3]);
    }

    @Test
    void badInputIsOneLineAndExitCode1() throws Exception {
        Object[] r = run("data", "stats", "--data", tmp.resolve("nowhere").toString(), "--no-cache");
        assertEquals(1, r[0]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("fgl: error: ") && err.contains("nowhere: no such directory"), err);

        // A truncated signal file: the message names the file and byte offset.
        for (String ext : new String[] {"hea", "atr"}) Files.copy(Path.of(mitdb(), "105." + ext), tmp.resolve("105." + ext));
        Files.write(tmp.resolve("105.dat"), new byte[1000]);
        r = run("data", "plot-baseline", "--data", tmp.toString(), "--record", "105", "--out", tmp.resolve("x.png").toString());
        assertEquals(1, r[0]);
        err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("105.dat: byte 1000: file ends after 333 complete samples per signal"), err);
    }
}
