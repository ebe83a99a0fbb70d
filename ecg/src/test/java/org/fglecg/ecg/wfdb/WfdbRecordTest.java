package org.fglecg.ecg.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real format-212 records, range reads, and format 16 via a converted record. */
class WfdbRecordTest {
    @TempDir
    Path tmp;

    @Test
    void firstSamplesOfRecord100MatchPhysioNet() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "100");
        assertEquals(650_000, rec.numSamples());
        int[][] x = rec.read(0, 10);
        // rdsamp -r mitdb/100 -p: MLII -0.145 (x8), -0.120, -0.135; V5 -0.065 (x8), -0.080, -0.080.
        float[] mlii = rec.header().signals().get(0).toPhysical(x[0]);
        float[] v5 = rec.header().signals().get(1).toPhysical(x[1]);
        float[] e0 = {-0.145f, -0.145f, -0.145f, -0.145f, -0.145f, -0.145f, -0.145f, -0.145f, -0.12f, -0.135f};
        float[] e1 = {-0.065f, -0.065f, -0.065f, -0.065f, -0.065f, -0.065f, -0.065f, -0.065f, -0.08f, -0.08f};
        assertArrayEquals(e0, mlii, 1e-6f);
        assertArrayEquals(e1, v5, 1e-6f);
        assertEquals(995, x[0][0]); // the header's initial values
        assertEquals(1011, x[1][0]);
    }

    @Test
    void rangeReadsEqualSlicesOfTheWholeRecord() throws Exception {
        WfdbRecord rec = WfdbRecord.open(MitDb.dir(), "208");
        int[][] all = rec.readAll(); // verifies both checksums
        Random rnd = new Random(1);
        for (int k = 0; k < 30; k++) {
            int start = rnd.nextInt(650_000), n = rnd.nextInt(Math.min(5000, 650_000 - start) + 1);
            int[][] part = rec.read(start, n);
            for (int s = 0; s < 2; s++) assertArrayEquals(Arrays.copyOfRange(all[s], start, start + n), part[s]);
        }
        assertArrayEquals(Arrays.copyOfRange(all[1], 649_999, 650_000), rec.read(1, 649_999, 1));
    }

    @Test
    void everyRecordsChecksumsVerify() throws Exception {
        for (String r : org.fglecg.ecg.data.MitBih.ALL_RECORDS) WfdbRecord.open(MitDb.dir(), r).verifyChecksums();
    }

    /** Record 100 rewritten in format 16 (and 61) reads back equal, with PhysioNet's checksums. */
    @Test
    void convertedToFormat16ReadsBackEqual() throws Exception {
        WfdbRecord src = WfdbRecord.open(MitDb.dir(), "100");
        int[][] x = src.readAll();
        for (int format : new int[] {16, 61}) {
            List<SignalSpec> specs = new ArrayList<>();
            for (SignalSpec s : src.header().signals()) {
                specs.add(new SignalSpec("100_" + format + ".dat", format, 1, 0, 0, s.adcGain(), s.baseline(), s.units(),
                        s.adcResolution(), s.adcZero(), 0, null, 0, s.description()));
            }
            Path dir = tmp.resolve("f" + format);
            Header h = WfdbWriter.write(dir, new Header("100", 360, 360, 0, -1, null, null, specs, src.header().comments()), x);
            for (int s = 0; s < 2; s++) assertEquals(src.header().signals().get(s).checksum(), h.signals().get(s).checksum());
            assertEquals(650_000L * 2 * 2, Files.size(dir.resolve("100_" + format + ".dat")));
            WfdbRecord back = WfdbRecord.open(dir, "100");
            assertArrayEquals(x, back.readAll());
            assertArrayEquals(Arrays.copyOfRange(x[0], 123_457, 125_000), back.read(0, 123_457, 1_543));
        }
    }

    /**
     * A range near the end of a 2 GB (sparse) signal file reads without loading the file: one
     * billion format-16 samples would not even fit a Java array.
     */
    @Test
    void rangeReadDoesNotLoadTheWholeFile() throws Exception {
        long n = 1_000_000_000L;
        try (var raf = new java.io.RandomAccessFile(tmp.resolve("big.dat").toFile(), "rw")) {
            raf.setLength(2 * n);
            raf.seek(2 * (n - 3));
            raf.write(new byte[] {1, 0, (byte) 0xFF, (byte) 0xFF, 0x34, 0x12});
        }
        Files.writeString(tmp.resolve("big.hea"), "big 1 360 " + n + "\nbig.dat 16 200 16 0 0 0 0 ECG\n", StandardCharsets.US_ASCII);
        WfdbRecord rec = WfdbRecord.open(tmp, "big");
        assertEquals(n, rec.numSamples());
        assertArrayEquals(new int[] {0, 1, -1, 0x1234}, rec.read(0, n - 4, 4));
    }

    /** Two signals in format 16: signal 0 at 2 samples per frame, signal 1 with a skew of 2. */
    @Test
    void samplesPerFrameAndSkew() throws Exception {
        int frames = 6;
        short[] stream = new short[frames * 3];
        for (int f = 0; f < frames; f++) {
            stream[3 * f] = (short) (100 + 2 * f);
            stream[3 * f + 1] = (short) (101 + 2 * f);
            stream[3 * f + 2] = (short) (-f);
        }
        byte[] b = new byte[stream.length * 2 + 4];
        for (int i = 0; i < stream.length; i++) {
            b[4 + 2 * i] = (byte) stream[i];
            b[5 + 2 * i] = (byte) (stream[i] >> 8);
        }
        Files.write(tmp.resolve("mf.dat"), b);
        Files.writeString(tmp.resolve("mf.hea"), "mf 2 250 6\nmf.dat 16x2+4 100 16 0 0 1266 0 fast\nmf.dat 16:2+4 100 16 0 0 -15 0 slow\n",
                StandardCharsets.US_ASCII);
        WfdbRecord rec = WfdbRecord.open(tmp, "mf");
        assertArrayEquals(new int[] {102, 103, 104, 105}, rec.read(0, 1, 2));
        assertArrayEquals(new int[] {-3, -4, -5}, rec.read(1, 1, 3)); // sample t = frame t + 2
        // Checksums count every stored sample, the skipped ones included.
        rec.verifyChecksums();
    }
}
