package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSummaryCommandTest {
    private static String run(String... args) {
        CliRun r = CliRun.fgl(args);
        assertEquals(0, r.exit(), r.err());
        return r.out();
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
