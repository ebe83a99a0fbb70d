package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fglecg.nn.io.AtomicFiles;
import org.fglecg.nn.io.Json;

/**
 * A JSON object file that carries its own digest: a last field {@code "sha256"}, the SHA-256 of
 * the compact JSON of the other fields. A flipped digit in state.json, config.json or test.json
 * is then refused instead of read as another number. The digest is taken over the parsed and
 * re-written form, so whitespace does not count; files written before digests (no such field)
 * are read as they are.
 */
final class CheckedJson {
    static final String DIGEST = "sha256";

    private CheckedJson() {}

    /** A file whose content does not match its digest, or is no JSON object. */
    static final class DamagedException extends IOException {
        DamagedException(Path file, String problem) {
            super(file + " is damaged: " + problem);
        }
    }

    static void write(Path file, Map<String, Object> fields) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(Json.parseObject(Json.write(fields)));
        m.remove(DIGEST);
        m.put(DIGEST, digest(m));
        AtomicFiles.writeString(file, Json.pretty(m));
    }

    /** The fields without the digest; refuses a file that does not match it. */
    static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> m;
        try {
            m = new LinkedHashMap<>(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            throw new DamagedException(file, e.getMessage());
        }
        if (!m.containsKey(DIGEST)) return m;
        Object want = m.remove(DIGEST);
        if (!digest(m).equals(want))
            throw new DamagedException(file, "its content does not match its SHA-256 digest (changed after it was written)");
        return m;
    }

    private static String digest(Map<String, Object> fields) {
        try {
            byte[] json = Json.write(fields).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
