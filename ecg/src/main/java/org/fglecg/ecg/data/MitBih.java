package org.fglecg.ecg.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationFile;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbFormatException;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.fglecg.tensor.kernel.Parallel;

/**
 * The MIT-BIH Arrhythmia Database as the paper uses it (FGL-SPEC section 1): the 44 non-paced
 * records, lead MLII chosen by name, baseline removed, beats from the {@code .atr} reference
 * annotations mapped to AAMI classes (Q and non-beats skipped).
 *
 * <pre>{@code
 * MitBih db = MitBih.load(Path.of("data/mitdb"));               // 44 records, cached
 * BeatIndex beats = db.beats();                                  // 100,718 beats
 * BeatDataset ds = new BeatDataset(db.beats(), WindowSpec.STUDENT, WindowSpec.byName("T_asym_360"));
 * Split split = Splits.intraPatient(beats, 42);                  // or Splits.interPatient(beats)
 * }</pre>
 *
 * {@link #loader(Path)} sets the record list, preprocessing and cache directory. Records are
 * read and preprocessed in parallel on the compute pool ({@link Parallel}, sized by {@code
 * --threads}), one record per task.
 */
public final class MitBih {
    /** All 48 records. */
    public static final List<String> ALL_RECORDS = List.of(
            "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "111", "112", "113",
            "114", "115", "116", "117", "118", "119", "121", "122", "123", "124", "200", "201", "202",
            "203", "205", "207", "208", "209", "210", "212", "213", "214", "215", "217", "219", "220",
            "221", "222", "223", "228", "230", "231", "232", "233", "234");
    /** The paced records, excluded. */
    public static final List<String> PACED = List.of("102", "104", "107", "217");
    /** The 44 records the paper uses. */
    public static final List<String> RECORDS = ALL_RECORDS.stream().filter(r -> !PACED.contains(r)).toList();
    /** de Chazal's training set (inter-patient). */
    public static final List<String> DS1 = List.of("101", "106", "108", "109", "112", "114", "115", "116",
            "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230");
    /** de Chazal's test set (inter-patient). */
    public static final List<String> DS2 = List.of("100", "103", "105", "111", "113", "117", "121", "123",
            "200", "202", "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234");

    private final List<EcgRecord> records;
    private final BeatIndex beats;
    private final Preprocessing preprocessing;

    private MitBih(List<EcgRecord> records, Preprocessing preprocessing) {
        this.records = List.copyOf(records);
        this.beats = new BeatIndex(records);
        this.preprocessing = preprocessing;
    }

    /** Loads the 44 records with the default preprocessing and the default cache. */
    public static MitBih load(Path dir) throws IOException {
        return loader(dir).load();
    }

    /** A loader with defaults: 44 records, {@link Preprocessing#DEFAULT}, default cache, all cores. */
    public static Loader loader(Path dir) {
        return new Loader(dir);
    }

    public List<EcgRecord> records() {
        return records;
    }

    /** The record named {@code name}; throws when it was not loaded. */
    public EcgRecord record(String name) {
        for (EcgRecord r : records) if (r.name().equals(name)) return r;
        throw new IllegalArgumentException("record " + name + " is not loaded");
    }

    /** Every labelled beat of the loaded records. */
    public BeatIndex beats() {
        return beats;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Bytes held by the preprocessed signals and the beat index. */
    public long bytes() {
        long b = beats.bytes();
        for (EcgRecord r : records) b += 4L * r.length() + 5L * r.numBeats();
        return b;
    }

    /** Options for loading; {@link #load()} reads the records. */
    public static final class Loader {
        private final Path dir;
        private List<String> records = RECORDS;
        private Preprocessing preprocessing = Preprocessing.DEFAULT;
        private PreprocessCache cache = new PreprocessCache(PreprocessCache.defaultDir());

        private Loader(Path dir) {
            this.dir = dir;
        }

        /** Which records to load (default: the 44). */
        public Loader records(List<String> names) {
            this.records = List.copyOf(names);
            return this;
        }

        public Loader preprocessing(Preprocessing p) {
            this.preprocessing = p;
            return this;
        }

        /** Cache directory; {@code null} disables the cache. */
        public Loader cacheDir(Path cacheDir) {
            this.cache = cacheDir == null ? null : new PreprocessCache(cacheDir);
            return this;
        }

        public MitBih load() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new WfdbFormatException(dir, "", "no such directory (the MIT-BIH database: 100.hea, 100.dat, 100.atr, ...)");
            }
            // One task per record on the compute pool; each task keeps its own failure, and the
            // first record's (in list order) is reported, whatever the thread timing.
            int n = records.size();
            EcgRecord[] loaded = new EcgRecord[n];
            Exception[] failed = new Exception[n];
            Parallel.forEach(n, i -> {
                try {
                    loaded[i] = loadRecord(dir, records.get(i), preprocessing, cache);
                } catch (IOException | RuntimeException e) {
                    failed[i] = e;
                }
            });
            for (Exception e : failed) {
                if (e instanceof IOException io) throw io;
                if (e instanceof RuntimeException re) throw re;
            }
            return new MitBih(List.of(loaded), preprocessing);
        }
    }

    /** Reads, preprocesses (or takes from the cache) and labels one record. */
    static EcgRecord loadRecord(Path dir, String name, Preprocessing p, PreprocessCache cache) throws IOException {
        WfdbRecord rec = WfdbRecord.open(dir, name);
        int lead = rec.signalIndex(p.lead());
        SignalSpec spec = rec.header().signals().get(lead);
        float[] signal = null;
        byte[] key = null;
        if (cache != null) {
            key = PreprocessCache.key(dir.resolve(name + ".hea"), dir.resolve(spec.fileName()), p);
            signal = cache.load(name, key);
            if (signal != null && signal.length != rec.numSamples()) signal = null;
        }
        if (signal == null) {
            int[][] all = rec.readAll(); // verifies the header's checksums
            signal = p.apply(all[lead], spec);
            if (cache != null) cache.store(name, key, signal);
        }
        return labelled(dir, name, rec.header().samplingFrequency(), signal);
    }

    /** Attaches the AAMI-labelled beats of {@code name.atr} to a preprocessed signal. */
    private static EcgRecord labelled(Path dir, String name, double fs, float[] signal) throws IOException {
        Path atr = dir.resolve(name + ".atr");
        List<Annotation> anns = AnnotationFile.read(atr);
        int n = 0;
        int[] samples = new int[anns.size()];
        byte[] labels = new byte[anns.size()];
        for (Annotation a : anns) {
            AamiClass c = AamiClass.ofCode(a.code());
            if (c == null) continue;
            if (a.sample() >= signal.length) {
                throw new WfdbFormatException(atr, "", "beat '" + a.mnemonic() + "' at sample " + a.sample()
                        + " lies beyond the record's " + signal.length + " samples");
            }
            samples[n] = (int) a.sample();
            labels[n++] = (byte) c.ordinal();
        }
        return new EcgRecord(name, fs, signal, java.util.Arrays.copyOf(samples, n), java.util.Arrays.copyOf(labels, n));
    }
}
