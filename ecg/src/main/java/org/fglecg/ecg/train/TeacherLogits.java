package org.fglecg.ecg.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.io.SafeTensors;
import org.fglecg.nn.io.StoredTensor;

/**
 * The frozen teacher's logits on the training beats, computed once in eval mode and cached in
 * the teacher's run directory, so every distillation run from that teacher (any alpha, tau or
 * student seed) reuses them. The cache key is a digest of the teacher's best weights and of the
 * exact beats (record and sample of each), so a changed teacher or beat set is never served
 * stale logits.
 *
 * @param key    the cache key (SHA-256 of the teacher's best weights and the beats), which a
 *               distilled run records so it cannot be resumed against a changed teacher
 * @param logits beats x classes, row-major, in the order of the beats asked for
 */
public record TeacherLogits(String key, float[] logits) {

    public static TeacherLogits forBeats(RunDirectory teacherRun, TrainingData data, int[] beats, PrintStream log,
                                   boolean live) throws IOException {
        Path best = teacherRun.file(RunDirectory.BEST);
        if (!Files.exists(best))
            throw new IOException("teacher run " + teacherRun.dir() + " has no " + RunDirectory.BEST
                    + " (it has not finished an epoch)");
        TrainConfig tc = TrainConfig.fromJson(teacherRun.config());
        String key = key(best, data.beats(), beats);
        Path cache = teacherRun.file("teacher-logits-" + key.substring(0, 16) + ".safetensors");
        int k = TrainingData.CLASS_NAMES.size();
        if (Files.exists(cache)) {
            try {
                Map<String, String> meta = SafeTensors.readMetadata(cache);
                float[] z = SafeTensors.read(cache).get("logits").toFloats();
                if (key.equals(meta.get("key")) && z.length == beats.length * k) {
                    log.println("teacher logits: reusing " + cache);
                    return new TeacherLogits(key, z);
                }
            } catch (IOException | RuntimeException e) {
                log.println("teacher logits: cache " + cache + " unreadable (" + e.getMessage() + "), recomputing");
            }
        }
        WindowSpec w = tc.window();
        FglNet teacher = Models.create(tc, w);
        org.fglecg.nn.io.Checkpoint.load(teacher, best);
        float[] z = Evaluator.logits(teacher, data.dataset(), w, beats, k, log, live, "teacher logits");
        SafeTensors.write(cache, List.of(StoredTensor.f32("logits", z, beats.length, k)), Map.of("key", key));
        log.println("teacher logits: " + beats.length + " beats cached in " + cache);
        return new TeacherLogits(key, z);
    }

    private static String key(Path teacherWeights, BeatIndex index, int[] beats) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(Files.readAllBytes(teacherWeights));
        StringBuilder sb = new StringBuilder();
        for (int b : beats) sb.append(index.recordName(b)).append(':').append(index.sample(b)).append(',');
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }
}
