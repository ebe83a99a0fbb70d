package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private final BeatIndex beats = MitDb.database().beats();

    private void assertPartition(Split s, int expectedTotal) {
        boolean[] seen = new boolean[beats.size()];
        int n = 0;
        for (int[] part : new int[][] {s.train(), s.val(), s.test()}) {
            for (int i : part) {
                assertFalse(seen[i], "beat " + i + " in two splits");
                seen[i] = true;
                n++;
            }
        }
        assertEquals(expectedTotal, n);
    }

    @Test
    void intraPatientIsStratified801010AndPartitionsAllBeats() {
        Split s = Splits.intraPatient(beats, 42);
        assertPartition(s, beats.size());
        int[] all = beats.classCounts().toArray();
        int[] tr = beats.classCounts(s.train()).toArray();
        int[] va = beats.classCounts(s.val()).toArray();
        int[] te = beats.classCounts(s.test()).toArray();
        for (int c = 0; c < 4; c++) {
            assertEquals(Math.round(0.8 * all[c]), tr[c]);
            assertEquals(Math.round(0.1 * all[c]), va[c]);
            assertEquals(all[c], tr[c] + va[c] + te[c]);
        }
        assertEquals(642, tr[3]); // F: 803 beats -> 642 / 80 / 81
        assertEquals(80, va[3]);
        assertEquals(81, te[3]);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Split a = Splits.intraPatient(beats, 7), b = Splits.intraPatient(beats, 7), c = Splits.intraPatient(beats, 8);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.val(), b.val());
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.test(), c.test()));
    }

    private Set<String> recordsOf(int[] part) {
        Set<String> r = new HashSet<>();
        for (int i : part) r.add(beats.recordName(i));
        return r;
    }

    @Test
    void interPatientKeepsRecordsApart() {
        Split s = Splits.interPatient(beats);
        assertPartition(s, beats.size());
        Set<String> tr = recordsOf(s.train()), va = recordsOf(s.val()), te = recordsOf(s.test());
        assertEquals(new HashSet<>(Splits.DEFAULT_VALIDATION_RECORDS), va);
        assertEquals(new HashSet<>(MitBih.DS2), te);
        assertEquals(MitBih.DS1.size() - va.size(), tr.size());
        for (String r : tr) assertTrue(MitBih.DS1.contains(r) && !va.contains(r) && !te.contains(r));
        for (String r : va) assertTrue(MitBih.DS1.contains(r) && !te.contains(r));
        // DS1 = train + val; DS2 = test.
        assertEquals(beats.classCounts(beats.ofRecords(MitBih.DS1)), beats.classCounts(s.train()).plus(beats.classCounts(s.val())));
        assertEquals(new ClassCounts(new int[] {5216, 232, 718, 21}), beats.classCounts(s.val()));
    }

    @Test
    void interPatientOnASubsetOfRecordsKeepsEachRecordInItsPart() {
        List<String> some = List.of("101", "124", "201", "100", "103");
        BeatIndex sub = subset(some);
        Split s = Splits.interPatient(sub);
        assertPartition(s, sub.size());
        assertEquals(Set.of("101"), recordsOfIn(sub, s.train()));
        assertEquals(Set.of("124", "201"), recordsOfIn(sub, s.val()));
        assertEquals(Set.of("100", "103"), recordsOfIn(sub, s.test()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.interPatient(subset(List.of("101", "124"))));
        assertTrue(e.getMessage().contains("no test (DS2) record") && e.getMessage().contains("232"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.interPatient(subset(List.of("101", "100"))));
        assertTrue(e.getMessage().contains("no validation record") && e.getMessage().contains("223"), e.getMessage());
    }

    private BeatIndex subset(List<String> names) {
        return new BeatIndex(beats.records().stream().filter(r -> names.contains(r.name())).toList());
    }

    private static Set<String> recordsOfIn(BeatIndex index, int[] part) {
        Set<String> r = new HashSet<>();
        for (int i : part) r.add(index.recordName(i));
        return r;
    }
}
