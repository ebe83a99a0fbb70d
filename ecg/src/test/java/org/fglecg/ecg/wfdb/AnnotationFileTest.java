package org.fglecg.ecg.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.data.MitBih;
import org.junit.jupiter.api.Test;

class AnnotationFileTest {

    /** The writer reproduces PhysioNet's own .atr files byte for byte: all 48 of them. */
    @Test
    void rewritingEveryAtrFileGivesTheSameBytes() throws Exception {
        for (String r : MitBih.ALL_RECORDS) {
            byte[] original = Files.readAllBytes(MitDb.dir().resolve(r + ".atr"));
            assertArrayEquals(original, AnnotationFile.encode(AnnotationFile.read(MitDb.dir(), r, "atr")), r);
        }
    }

    @Test
    void record100StartsWithARhythmAnnotationThenBeats() throws Exception {
        List<Annotation> a = AnnotationFile.read(MitDb.dir(), "100", "atr");
        assertEquals(new Annotation(18, AnnotationCode.RHYTHM, 0, 0, 0, "(N\0"), a.get(0));
        assertEquals("+", a.get(0).mnemonic());
        assertEquals("(N", a.get(0).auxText());
        assertEquals(Annotation.of(77, AnnotationCode.NORMAL), a.get(1));
        // SOURCE.md: record 100 holds N 2239, A 33, V 1.
        assertEquals(2239, a.stream().filter(x -> x.mnemonic().equals("N")).count());
        assertEquals(33, a.stream().filter(x -> x.mnemonic().equals("A")).count());
        assertEquals(1, a.stream().filter(x -> x.mnemonic().equals("V")).count());
    }

    @Test
    void everyModifierRoundTrips() throws Exception {
        List<Annotation> a = List.of(
                new Annotation(0, AnnotationCode.NOTE, 0, 0, 0, "## time resolution 360"),
                new Annotation(5, AnnotationCode.NOTQRS, 0, 0, 0, null),          // code 0: written via SKIP
                new Annotation(1000, AnnotationCode.NORMAL, 3, 1, -5, null),      // SUB, CHN, NUM
                new Annotation(1000, AnnotationCode.PVC, -1, 1, -5, "odd"),       // same sample, odd aux
                new Annotation(1_500_000_000L, AnnotationCode.FUSION, 0, 0, 7, "ev"), // long gap: SKIP
                new Annotation(1_499_999_000L, AnnotationCode.RHYTHM, 0, 0, 7, "(AFIB"), // backwards: negative SKIP
                new Annotation(6_000_000_000L, AnnotationCode.NORMAL, 0, 0, 7, null)); // gap > 2^31
        Path f = Files.createTempFile("ann", ".tst");
        try {
            List<Annotation> small = a.subList(0, 4);
            AnnotationFile.write(f, small);
            assertEquals(small, AnnotationFile.read(f));
        } finally {
            Files.delete(f);
        }
        List<Annotation> six = a.subList(0, 6);
        assertEquals(six, AnnotationFile.parse(AnnotationFile.encode(six), Path.of("m")));
        // An interval beyond 32 bits does not fit a SKIP: refused, not silently wrapped.
        assertThrows(IllegalArgumentException.class, () -> AnnotationFile.encode(a));
    }

    @Test
    void mnemonicTable() {
        assertEquals("N", AnnotationCode.mnemonic(1));
        assertEquals("f", AnnotationCode.mnemonic(38));
        assertEquals("[42]", AnnotationCode.mnemonic(42));
        assertEquals(34, AnnotationCode.ofMnemonic("e"));
        assertEquals(-1, AnnotationCode.ofMnemonic("zz"));
        for (int c = 1; c <= 41; c++) {
            if (!AnnotationCode.mnemonic(c).startsWith("[")) assertEquals(c, AnnotationCode.ofMnemonic(AnnotationCode.mnemonic(c)));
        }
        assertEquals(true, AnnotationCode.isBeat(AnnotationCode.PACE));
        assertEquals(false, AnnotationCode.isBeat(AnnotationCode.RHYTHM));
    }

    @Provide
    Arbitrary<List<Annotation>> annotationLists() {
        Arbitrary<Annotation> one = Combinators.combine(
                Arbitraries.longs().between(0, 3_000_000L),
                Arbitraries.integers().between(0, 49),
                Arbitraries.integers().between(-128, 127),
                Arbitraries.integers().between(-128, 127),
                Arbitraries.integers().between(-128, 127),
                Arbitraries.strings().withCharRange((char) 1, (char) 255).ofMaxLength(20).injectNull(0.5)
        ).as((t, c, s, ch, n, aux) -> new Annotation(t, c, s, ch, n, aux == null || aux.isEmpty() ? null : aux));
        return one.list().ofMaxSize(40).map(l -> {
            List<Annotation> sorted = new ArrayList<>(l);
            sorted.sort(java.util.Comparator.comparingLong(Annotation::sample));
            return sorted;
        });
    }

    @Property(tries = 150)
    void randomAnnotationsRoundTrip(@ForAll("annotationLists") List<Annotation> a) throws Exception {
        assertEquals(a, AnnotationFile.parse(AnnotationFile.encode(a), Path.of("random")));
    }
}
