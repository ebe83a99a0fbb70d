package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.wfdb.Header;
import org.junit.jupiter.api.Test;

/** The exact beat counts of FGL-SPEC section 1, read from the real database. */
class MitBihTest {

    private static ClassCounts counts(int n, int s, int v, int f) {
        return new ClassCounts(new int[] {n, s, v, f});
    }

    @Test
    void all44RecordsHaveTheSpecCounts() {
        BeatIndex beats = MitDb.database().beats();
        assertEquals(counts(90_125, 2_781, 7_009, 803), beats.classCounts());
        assertEquals(100_718, beats.size());
        assertEquals(44, MitDb.database().records().size());
    }

    @Test
    void ds1AndDs2HaveTheSpecCounts() {
        BeatIndex beats = MitDb.database().beats();
        assertEquals(counts(45_866, 944, 3_788, 415), beats.classCounts(beats.ofRecords(MitBih.DS1)));
        assertEquals(counts(44_259, 1_837, 3_221, 388), beats.classCounts(beats.ofRecords(MitBih.DS2)));
    }

    @Test
    void recordListsAreConsistent() {
        assertEquals(48, MitBih.ALL_RECORDS.size());
        assertEquals(44, MitBih.RECORDS.size());
        Set<String> ds = new HashSet<>(MitBih.DS1);
        ds.retainAll(MitBih.DS2);
        assertTrue(ds.isEmpty(), "DS1 and DS2 share " + ds);
        Set<String> union = new HashSet<>(MitBih.DS1);
        union.addAll(MitBih.DS2);
        assertEquals(new HashSet<>(MitBih.RECORDS), union);
        for (String p : MitBih.PACED) assertTrue(!MitBih.RECORDS.contains(p));
    }

    @Test
    void leadIsChosenByNameNotIndex() throws Exception {
        Header h114 = Header.read(MitDb.dir(), "114");
        assertEquals(1, h114.signalIndex("MLII"));
        assertEquals(0, Header.read(MitDb.dir(), "100").signalIndex("MLII"));
        // Record 114's preprocessed signal is its MLII (signal 1), not V5 (signal 0).
        MitBih one = MitBih.loader(MitDb.dir()).records(List.of("114")).cacheDir(null).load();
        var rec = org.fglecg.ecg.wfdb.WfdbRecord.open(MitDb.dir(), "114");
        int[] mlii = rec.read(1, 0, 650_000);
        float[] expected = Preprocessing.DEFAULT.apply(mlii, h114.signals().get(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, one.record("114").signal());
    }

    @Test
    void recordsLoadOnTheComputePoolInListOrderWhateverItsSize() throws Exception {
        List<String> names = List.of("105", "100", "208");
        int before = org.fglecg.tensor.kernel.Parallel.threads();
        try {
            org.fglecg.tensor.kernel.Parallel.setThreads(1);
            MitBih one = MitBih.loader(MitDb.dir()).records(names).cacheDir(null).load();
            org.fglecg.tensor.kernel.Parallel.setThreads(3);
            MitBih three = MitBih.loader(MitDb.dir()).records(names).cacheDir(null).load();
            assertEquals(names, three.records().stream().map(EcgRecord::name).toList());
            for (String r : names)
                org.junit.jupiter.api.Assertions.assertArrayEquals(one.record(r).signal(), three.record(r).signal(), r);
        } finally {
            org.fglecg.tensor.kernel.Parallel.setThreads(before);
        }
    }

    @Test
    void beatsAreInsideTheirRecordsAndSorted() {
        BeatIndex beats = MitDb.database().beats();
        for (int i = 0; i < beats.size(); i++) {
            int n = beats.records().get(beats.record(i)).length();
            assertTrue(beats.sample(i) >= 0 && beats.sample(i) < n);
            if (i > 0 && beats.record(i) == beats.record(i - 1)) assertTrue(beats.sample(i) > beats.sample(i - 1));
        }
    }

    @Test
    void memoryIsSignalsPlusIndex() {
        MitBih db = MitDb.database();
        long signals = 44L * 650_000 * 4;
        assertEquals(signals + 9L * 100_718 + 5L * 100_718, db.bytes());
    }
}
