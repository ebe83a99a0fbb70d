package org.fglecg.nn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file this library writes carries digests of its data, and every read checks them. */
class SafeTensorsDigestTest {
    @TempDir Path dir;

    static final List<StoredTensor> TENSORS = List.of(
            StoredTensor.f32("a.weight", new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
            StoredTensor.i64("a.count", new long[] {7}),
            StoredTensor.f32("b.bias", new float[] {0.5f, -0.25f}, 2));

    @Test
    void oneChangedDataByteIsRefusedNamingTheFileAndTensor() throws Exception {
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, TENSORS, Map.of("role", "student"));
        byte[] bytes = Files.readAllBytes(file);
        int dataStart = 8 + (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        bytes[dataStart + 6 * 4 + 8 + 1] ^= 0x10;            // inside b.bias, the third tensor
        Files.write(file, bytes);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": tensor 'b.bias': data does not match its SHA-256 digest"),
                e.getMessage());
        assertThrows(SafeTensorsException.class, () -> SafeTensors.readMetadata(file), "metadata readers check too");
    }

    @Test
    void everySingleByteChangeIsRefusedOrHarmless() throws Exception {
        Path file = dir.resolve("m.safetensors"), damaged = dir.resolve("d.safetensors");
        SafeTensors.write(file, TENSORS, Map.of("role", "student", "epoch", "3"));
        byte[] good = Files.readAllBytes(file);
        SafeTensors.Contents original = SafeTensors.load(file);
        java.util.Random random = new java.util.Random(13);
        int refused = 0;
        for (int pos = 0; pos < good.length; pos++) {
            byte[] b = good.clone();
            b[pos] ^= (byte) (1 + random.nextInt(255));
            Files.write(damaged, b);
            try {
                SafeTensors.Contents c = SafeTensors.load(damaged);
                // Accepted only when nothing a reader sees changed (e.g. header padding).
                assertEquals(original.metadata(), c.metadata(), "byte " + pos);
                assertEquals(original.tensors().keySet(), c.tensors().keySet(), "byte " + pos);
                for (StoredTensor t : original.tensors().values()) {
                    StoredTensor u = c.tensors().get(t.name());
                    assertArrayEquals(t.shape(), u.shape(), "byte " + pos);
                    assertArrayEquals(t.toFloats(), u.toFloats(), "byte " + pos);
                }
            } catch (SafeTensorsException expected) {
                refused++;
            }
        }
        assertTrue(refused > good.length * 9 / 10, refused + " of " + good.length);
    }

    @Test
    void equalContentGivesEqualBytesWhateverTheMetadataOrder() throws Exception {
        Map<String, String> ab = new LinkedHashMap<>(), ba = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        ba.put("b", "2");
        ba.put("a", "1");
        SafeTensors.write(dir.resolve("1"), TENSORS, ab);
        SafeTensors.write(dir.resolve("2"), TENSORS, ba);
        assertArrayEquals(Files.readAllBytes(dir.resolve("1")), Files.readAllBytes(dir.resolve("2")));
        assertEquals(ab, SafeTensors.readMetadata(dir.resolve("1")), "digests are not part of the metadata read");
        assertThrows(SafeTensorsException.class,
                () -> SafeTensors.write(dir.resolve("3"), TENSORS, Map.of("fglecg.sha256.x", "0")));
    }

    @Test
    void aFileWithoutDigestsLoadsWithOneNoticePerFile() throws Exception {
        Path file = dir.resolve("torch.safetensors");
        Files.write(file, withoutDigests("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                new float[] {1.5f, -2f}));
        List<String> notices = new ArrayList<>();
        Logger log = Logger.getLogger(SafeTensors.class.getName());
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) {
                notices.add(r.getMessage());
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(h);
        try {
            assertArrayEquals(new float[] {1.5f, -2f}, SafeTensors.read(file).get("w").floats());
            SafeTensors.read(file);
            SafeTensors.readMetadata(file);
        } finally {
            log.removeHandler(h);
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith(file + ": no fglecg.sha256 digests"), notices.get(0));
    }

    @Test
    void aDigestFileMissingATensorDigestIsRefused() throws Exception {
        Path file = dir.resolve("x.safetensors");
        Files.write(file, withoutDigests("{\"__metadata__\":{\"fglecg.sha256.v\":\"00\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new float[] {1}));
        String msg = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file)).getMessage();
        assertTrue(msg.contains("tensor 'w': has no digest"), msg);
    }

    static byte[] withoutDigests(String header, float[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float f : data) b.putFloat(f);
        return b.array();
    }
}
