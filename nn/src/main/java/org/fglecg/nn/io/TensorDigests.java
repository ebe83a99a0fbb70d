package org.fglecg.nn.io;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integrity record of a safetensors file, kept in its {@code __metadata__} (which PyTorch's
 * loader ignores): {@code fglecg.sha256.NAME} is the SHA-256 of tensor NAME's data bytes, and
 * {@code fglecg.sha256.__metadata__} that of the other metadata entries (sorted, as JSON). The
 * header's structure is validated by the parser; these digests catch what it cannot: a changed
 * value that is still a valid number.
 */
final class TensorDigests {
    static final String PREFIX = "fglecg.sha256.";
    private static final String METADATA = PREFIX + "__metadata__";
    private static final System.Logger LOG = System.getLogger(SafeTensors.class.getName());
    /** Files already reported as unverifiable, so each is noticed once per process. */
    private static final Set<Path> NOTICED = ConcurrentHashMap.newKeySet();

    private TensorDigests() {}

    static boolean isDigestKey(String metadataKey) {
        return metadataKey.startsWith(PREFIX);
    }

    /** The digest entries for tensors with these data digests and this (user) metadata. */
    static Map<String, String> entries(Map<String, String> tensorDigests, Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(METADATA, metadataDigest(metadata));
        for (Map.Entry<String, String> e : tensorDigests.entrySet()) out.put(PREFIX + e.getKey(), e.getValue());
        return out;
    }

    /**
     * Checks a parsed file against its digests and returns its metadata without them. A file
     * with no digest at all (from another tool) passes with a one-time notice; one with digests
     * must match every tensor (in header order, so the first altered tensor is named) and the
     * metadata, and may name no tensor the file lacks.
     */
    static Map<String, String> verify(Path file, byte[] bytes, Map<String, long[]> tensorRanges,
                                      Map<String, String> metadata) throws SafeTensorsException {
        Map<String, String> user = new LinkedHashMap<>(), digests = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet())
            (isDigestKey(e.getKey()) ? digests : user).put(e.getKey(), e.getValue());
        if (digests.isEmpty()) {
            if (NOTICED.add(file.toAbsolutePath().normalize()))
                LOG.log(System.Logger.Level.INFO, file + ": no fglecg.sha256 digests (written by PyTorch, or by fgl-ecg before digests): "
                        + "loaded without an integrity check");
            return user;
        }
        for (Map.Entry<String, long[]> t : tensorRanges.entrySet()) {
            String want = digests.remove(PREFIX + t.getKey());
            if (want == null) throw new SafeTensorsException(file, t.getKey(), "has no digest although the file "
                    + "carries digests: the header was damaged or altered");
            long[] r = t.getValue();
            if (!want.equals(sha256(bytes, (int) r[0], (int) (r[1] - r[0]))))
                throw new SafeTensorsException(file, t.getKey(), "data does not match its SHA-256 digest: the file "
                        + "was damaged or altered after it was written; refusing to use it");
        }
        String meta = digests.remove(METADATA);
        if (meta == null || !meta.equals(metadataDigest(user)))
            throw new SafeTensorsException(file, null, "metadata does not match its SHA-256 digest: the header was "
                    + "damaged or altered after it was written; refusing to use it");
        if (!digests.isEmpty())
            throw new SafeTensorsException(file, null, "digest " + digests.keySet().iterator().next()
                    + " names no tensor of the file: the header was damaged or altered");
        return user;
    }

    private static String metadataDigest(Map<String, String> metadata) {
        byte[] json = Json.write(new TreeMap<>(metadata)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sha256(json, 0, json.length);
    }

    static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, offset, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
