package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelSummaryCommandTest {
    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Fgl.commandLine().execute(args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void studentSummaryPrintsTheReferenceCounts() {
        String out = run("model", "summary", "--role", "student");
        assertTrue(out.contains("parameters: 365,111"), out);
        assertTrue(out.contains("(63.4 MFLOP)"), out);
    }

    @Test
    void teacherJson() {
        String out = run("model", "summary", "--role", "teacher", "--json");
        assertTrue(out.contains("\"parameters\":445936") && out.contains("\"forward_flops_per_beat\":213842352"), out);
    }
}
