package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepRangeTest {
    @Test
    void parsesTheIssueRanges() {
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), SweepRange.parse("0.1:0.9:0.1"));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), SweepRange.parse("1:8"));
        assertEquals(List.of(0.3, 0.5), SweepRange.parse("0.3, 0.5"));
        assertEquals(List.of(4.0), SweepRange.parse("4"));
    }

    @Test
    void rejectsNonsenseWithTheExpectedForm() {
        for (String bad : List.of("a:b", "1:0", "0:1:0", "1:2:3:4", "0:1:-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepRange.parse(bad));
            assertTrue(e.getMessage().contains("START:STOP:STEP"), e.getMessage());
        }
    }
}
