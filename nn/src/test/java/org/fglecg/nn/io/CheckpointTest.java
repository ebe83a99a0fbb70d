package org.fglecg.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fglecg.nn.FglNet;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoadIsBitExactIncludingBuffers() throws Exception {
        FglNet a = new FglNet(FglNet.student(), 1);
        a.train();
        a.forward(Tensor.randn(new org.fglecg.tensor.Rng(3), 2, 1, 180));   // moves BN buffers
        Path file = dir.resolve("s.safetensors");
        Checkpoint.save(a, file, Map.of("role", "student"));
        FglNet b = new FglNet(FglNet.student(), 2);
        Checkpoint.load(b, file);
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), b.stateDict().get(e.getKey()).toArray(), 0f, e.getKey());
        }
        assertEquals("student", Checkpoint.metadata(file).get("role"));
        StoredTensor nbt = SafeTensors.read(file).get("proj.1.num_batches_tracked");
        assertEquals(DType.I64, nbt.dtype());
        assertEquals(1L, nbt.longs()[0]);
        assertEquals(0, nbt.shape().length);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void truncatedFileIsRefusedNamingFileAndTensor() throws Exception {
        Path file = dir.resolve("t.safetensors");
        Checkpoint.save(new FglNet(FglNet.student(), 1), file, Map.of());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 100));
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("tensor 'head."), e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(all, 5));
        assertTrue(assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file)).getMessage().contains("truncated"));
    }

    @Test
    void corruptHeaderIsRefused() throws Exception {
        Path file = dir.resolve("c.safetensors");
        SafeTensors.write(file, List.of(StoredTensor.f32("w", new float[] {1, 2}, 2)), null);
        byte[] all = Files.readAllBytes(file);
        all[9] = '[';
        Files.write(file, all);
        assertTrue(assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file)).getMessage().contains("header"));
    }

    @Test
    void missingTensorAndShapeMismatchAreRefused() throws Exception {
        Path student = dir.resolve("s.safetensors");
        Checkpoint.save(new FglNet(FglNet.student(), 1), student, Map.of());
        FglNet teacher = new FglNet(FglNet.teacher(450), 1);
        String msg = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(teacher, student)).getMessage();
        assertTrue(msg.contains(student.toString()) && msg.contains("pos") && msg.contains("shape"), msg);
        Path partial = dir.resolve("p.safetensors");
        SafeTensors.write(partial, List.of(StoredTensor.f32("pos", new float[91 * 25], 1, 91, 25)), null);
        msg = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(new FglNet(FglNet.student(), 1), partial)).getMessage();
        assertTrue(msg.contains("missing"), msg);
    }
}
