package org.fglecg.ecg.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Bit layouts from the WFDB signal(5) text, and write/read round trips of every format. */
class SignalFormatTest {

    private static int[] decode(SignalFormat f, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        int[] out = new int[f.samplesPerGroup() * (b.length / f.bytesPerGroup())];
        f.decode(b, 0, b.length / f.bytesPerGroup(), out, 0);
        return out;
    }

    private static byte[] encode(SignalFormat f, int... samples) {
        byte[] b = new byte[samples.length / f.samplesPerGroup() * f.bytesPerGroup()];
        f.encode(samples, 0, samples.length / f.samplesPerGroup(), b, 0);
        return b;
    }

    @Test
    void knownBitLayouts() {
        // 212: 291 = 0x123 and -2 = 0xFFE -> 0x23, 0xF1 (high nibble from sample 1), 0xFE.
        assertArrayEquals(new int[] {291, -2}, decode(SignalFormat.F212, 0x23, 0xF1, 0xFE));
        // 310: words 0xA802, 0x57FE: bits 1..10 give 1 and -1; bits 11..15 give 21 | 10 << 5 = 341.
        assertArrayEquals(new int[] {1, -1, 341}, decode(SignalFormat.F310, 0x02, 0xA8, 0xFE, 0x57));
        // 311: 0x155FFC01 = 1 | 0x3FF << 10 | 341 << 20.
        assertArrayEquals(new int[] {1, -1, 341}, decode(SignalFormat.F311, 0x01, 0xFC, 0x5F, 0x15));
        assertArrayEquals(new int[] {-2, 258}, decode(SignalFormat.F16, 0xFE, 0xFF, 0x02, 0x01));
        assertArrayEquals(new int[] {-2, 258}, decode(SignalFormat.F61, 0xFF, 0xFE, 0x01, 0x02));
        assertArrayEquals(new int[] {-2, 127, -128}, decode(SignalFormat.F80, 0x7E, 0xFF, 0x00));
        assertArrayEquals(new byte[] {0x23, (byte) 0xF1, (byte) 0xFE}, encode(SignalFormat.F212, 291, -2));
        assertArrayEquals(new byte[] {0x02, (byte) 0xA8, (byte) 0xFE, 0x57}, encode(SignalFormat.F310, 1, -1, 341));
        assertArrayEquals(new byte[] {0x01, (byte) 0xFC, 0x5F, 0x15}, encode(SignalFormat.F311, 1, -1, 341));
    }

    /** Writes random signals in every format (partial last groups included) and reads them back. */
    @Property(tries = 60)
    void writeThenReadRoundTrips(@ForAll @IntRange(min = 0, max = 5) int formatIndex,
                                 @ForAll @IntRange(min = 1, max = 3) int signals,
                                 @ForAll @IntRange(min = 1, max = 50) int length,
                                 @ForAll long seed) throws Exception {
        SignalFormat f = SignalFormat.values()[formatIndex];
        Random rnd = new Random(seed);
        int[][] x = new int[signals][length];
        for (int[] s : x) for (int t = 0; t < length; t++) s[t] = f.minValue() + rnd.nextInt(f.maxValue() - f.minValue() + 1);
        Path dir = Files.createTempDirectory("fmt");
        try {
            List<SignalSpec> specs = new java.util.ArrayList<>();
            for (int s = 0; s < signals; s++) specs.add(SignalSpec.of("rt.dat", f.code(), 100, 0, f.bits(), "sig" + s));
            Header h = WfdbWriter.write(dir, new Header("rt", 500, 500, 0, -1, null, null, specs, List.of()), x);
            WfdbRecord rec = WfdbRecord.open(dir, "rt");
            assertArrayEquals(x, rec.readAll()); // checksums verified too
            int start = rnd.nextInt(length), count = rnd.nextInt(length - start + 1);
            for (int s = 0; s < signals; s++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(x[s], start, start + count), rec.read(s, start, count));
            }
            org.junit.jupiter.api.Assertions.assertEquals(h, Header.read(dir, "rt"));
        } finally {
            for (Path p : Files.list(dir).toList()) Files.delete(p);
            Files.delete(dir);
        }
    }
}
