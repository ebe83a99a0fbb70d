package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.Split;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;

/**
 * The beats a run sees: the records of its config loaded from {@code --data}, the split of
 * FGL-SPEC section 6, and a two-stream dataset to cut the run's window from. The split depends
 * on the records, the split kind and the seed only, so a teacher and the students distilled from
 * it (same three) see the same test beats.
 */
public record TrainingData(MitBih mitbih, BeatIndex beats, Split split, BeatDataset dataset) {

    public static final List<String> CLASS_NAMES = List.of(AamiClass.N.name(), AamiClass.S.name(),
            AamiClass.V.name(), AamiClass.F.name());

    public static TrainingData load(Path dataDir, TrainConfig cfg) throws IOException {
        return load(dataDir, cfg.records(), cfg.split(), cfg.splitSeed());
    }

    public static TrainingData load(Path dataDir, List<String> records, SplitKind splitKind, long seed) throws IOException {
        requireDatabase(dataDir);
        MitBih db = MitBih.loader(dataDir).records(records.isEmpty() ? MitBih.RECORDS : records).load();
        BeatIndex beats = db.beats();
        Split split = splitKind.split(beats, seed);
        return new TrainingData(db, beats, split, new BeatDataset(beats, WindowSpec.STUDENT, WindowSpec.T_ASYM_360));
    }

    /** Fails with the way out (download, or --data) when {@code dataDir} holds no database. */
    public static void requireDatabase(Path dataDir) throws IOException {
        boolean hasHeaders = false;
        if (Files.isDirectory(dataDir)) {
            try (var files = Files.list(dataDir)) {
                hasHeaders = files.anyMatch(f -> f.getFileName().toString().endsWith(".hea"));
            }
        }
        if (!hasHeaders)
            throw new IOException("no MIT-BIH database at " + dataDir + ": run `fgl data download --data " + dataDir
                    + "`, or pass --data DIR pointing at a copy of mitdb");
    }

    /** Labels of every beat, indexed by beat number. */
    public int[] labels() {
        int[] y = new int[beats.size()];
        for (int i = 0; i < y.length; i++) y[i] = beats.label(i);
        return y;
    }
}
