package org.fglecg.nn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline\t\u0001");
        m.put("epoch", 3L);
        m.put("f1", 0.1 + 0.2);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", List.of(1L, 2.5, "x", List.of()));
        m.put("obj", Map.of());
        assertEquals(m, Json.parse(Json.write(m)));
        assertEquals(m, Json.parse(Json.pretty(m)));
    }

    @Property(tries = 200)
    void doublesReadBackBitExact(@ForAll double d) {
        Assume.that(Double.isFinite(d));
        assertEquals(d, (Double) ((List<?>) Json.parse(Json.write(List.of(d)))).get(0));
    }

    @Test
    void arraysAreWrittenAsLists() {
        assertEquals("[[1,2],[3,4]]", Json.write(new Object[] {new long[] {1, 2}, new long[] {3, 4}}));
        assertEquals("[0.5]", Json.write(new double[] {0.5}));
    }

    @Test
    void errorsNamePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": tru}"));
        assertTrue(e.getMessage().contains("character 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertEquals(Arrays.asList(1L, null), Json.parse("[1,null]"));
    }
}
