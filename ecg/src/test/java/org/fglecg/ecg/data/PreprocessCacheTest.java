package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessCacheTest {
    @TempDir
    Path cacheDir;

    private float[] load(Preprocessing p) throws Exception {
        return MitBih.loader(MitDb.dir()).records(List.of("100")).preprocessing(p).cacheDir(cacheDir).load()
                .record("100").signal();
    }

    @Test
    void secondLoadComesFromTheCache() throws Exception {
        float[] first = load(Preprocessing.DEFAULT);
        Path file = new PreprocessCache(cacheDir).fileOf("100");
        assertTrue(Files.isRegularFile(file));
        assertEquals(12 + 32 + 4 + 4L * 650_000 + 8, Files.size(file)); // magic, key, count, floats, CRC
        // Plant a different but valid entry under the same key: the loader must return it.
        byte[] key = PreprocessCache.key(MitDb.dir().resolve("100.hea"), MitDb.dir().resolve("100.dat"), Preprocessing.DEFAULT);
        float[] planted = first.clone();
        planted[0] = 123f;
        new PreprocessCache(cacheDir).store("100", key, planted);
        assertEquals(123f, load(Preprocessing.DEFAULT)[0]);
    }

    @Test
    void corruptCacheIsDetectedAndRebuilt() throws Exception {
        float[] clean = load(Preprocessing.DEFAULT);
        Path file = new PreprocessCache(cacheDir).fileOf("100");
        byte[] good = Files.readAllBytes(file);
        byte[] bad = good.clone();
        bad[1_000_000] ^= 0x40; // one bit of one float
        Files.write(file, bad);
        assertArrayEquals(clean, load(Preprocessing.DEFAULT));
        assertArrayEquals(good, Files.readAllBytes(file), "corrupt file was rebuilt");
        Files.write(file, Arrays.copyOf(good, 5000)); // truncated
        assertArrayEquals(clean, load(Preprocessing.DEFAULT));
        assertArrayEquals(good, Files.readAllBytes(file));
    }

    @Test
    void staleCacheForOtherSettingsIsNotUsed() throws Exception {
        float[] a = load(Preprocessing.DEFAULT);
        Preprocessing other = new Preprocessing("MLII", 71, 215);
        float[] b = load(other);
        float[] direct = MitBih.loader(MitDb.dir()).records(List.of("100")).preprocessing(other).cacheDir(null).load()
                .record("100").signal();
        assertArrayEquals(direct, b);
        assertFalse(Arrays.equals(a, b));
        assertArrayEquals(a, load(Preprocessing.DEFAULT)); // and back again
    }
}
