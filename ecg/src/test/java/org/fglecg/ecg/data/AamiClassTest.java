package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.fglecg.ecg.wfdb.AnnotationCode;
import org.junit.jupiter.api.Test;

class AamiClassTest {
    @Test
    void mappingOfFglSpecSection1() {
        Map<AamiClass, List<String>> spec = Map.of(
                AamiClass.N, List.of("N", "L", "R", "e", "j"),
                AamiClass.S, List.of("A", "a", "J", "S"),
                AamiClass.V, List.of("V", "E"),
                AamiClass.F, List.of("F"));
        int mapped = 0;
        for (int code = 0; code <= AnnotationCode.MAX; code++) {
            AamiClass c = AamiClass.ofCode(code);
            if (c == null) continue;
            mapped++;
            assertEquals(true, spec.get(c).contains(AnnotationCode.mnemonic(code)), AnnotationCode.mnemonic(code));
        }
        assertEquals(12, mapped);
        for (String q : List.of("/", "f", "Q", "+", "~", "|", "x", "!")) assertNull(AamiClass.ofCode(AnnotationCode.ofMnemonic(q)), q);
    }

    @Test
    void predictionCodesMapBackToTheirClass() {
        for (AamiClass c : AamiClass.values()) assertEquals(c, AamiClass.ofCode(c.annotationCode()));
        assertEquals(AamiClass.V, AamiClass.ofIndex(2));
    }
}
