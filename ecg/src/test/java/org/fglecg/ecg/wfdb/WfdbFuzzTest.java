package org.fglecg.ecg.wfdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fglecg.ecg.MitDb;

/**
 * Random mutations and truncations of real files: the readers either succeed or throw
 * {@link WfdbFormatException}; any other exception (or a hang, or running out of memory) fails.
 */
class WfdbFuzzTest {
    private static byte[] hea, dat, atr;
    private static Path dir;

    @BeforeContainer
    static void readOriginals() throws Exception {
        hea = Files.readAllBytes(MitDb.dir().resolve("100.hea"));
        dat = Files.readAllBytes(MitDb.dir().resolve("100.dat"));
        atr = Files.readAllBytes(MitDb.dir().resolve("100.atr"));
        dir = Files.createTempDirectory("fuzz");
    }

    @AfterContainer
    static void cleanUp() throws Exception {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    /** A copy with 1..8 random byte edits (set, flip, insert, delete) and maybe truncated. */
    static byte[] mutate(byte[] original, long seed, boolean small) {
        Random r = new Random(seed);
        byte[] b = original.clone();
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(small ? 4 : 2)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> { // insert a byte
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) "0123456789 x+:/()#\n-.e".charAt(r.nextInt(22));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> { // delete a byte
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        if (r.nextInt(4) == 0) b = Arrays.copyOf(b, r.nextInt(b.length + 1));
        return b;
    }

    @Property(tries = 200)
    void headerParser(@ForAll long seed) {
        try {
            Header.parse(new String(mutate(hea, seed, true), java.nio.charset.StandardCharsets.UTF_8), Path.of("100.hea"));
        } catch (WfdbFormatException expected) {
            // the one allowed failure
        }
    }

    @Property(tries = 200)
    void annotationReader(@ForAll long seed) {
        try {
            AnnotationFile.parse(mutate(atr, seed, true), Path.of("100.atr"));
        } catch (WfdbFormatException expected) {
            // the one allowed failure
        }
    }

    /** Header and signal file both mutated, then opened and read whole and in a range. */
    @Property(tries = 60)
    void signalReader(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Files.write(dir.resolve("100.hea"), r.nextBoolean() ? mutate(hea, seed, true) : hea);
        Files.write(dir.resolve("100.dat"), r.nextBoolean() ? mutate(dat, seed + 1, false) : Arrays.copyOf(dat, r.nextInt(dat.length + 1)));
        try {
            WfdbRecord rec = WfdbRecord.open(dir, "100");
            rec.readAll();
            long n = rec.numSamples();
            long start = (long) (r.nextDouble() * n);
            rec.read(start, (int) Math.min(n - start, 1000));
        } catch (WfdbFormatException expected) {
            // the one allowed failure
        }
    }
}
