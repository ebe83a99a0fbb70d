package org.fglecg.ecg.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Preprocessed signals on disk, one file per record: {@code <dir>/<record>.f32}. Each file
 * starts with a magic, the SHA-256 key it was made for (the SHA-256 of the record's header and
 * signal file plus the {@link Preprocessing} settings), the sample count, then the floats
 * (little-endian) and a CRC-32 of everything before it. A file whose key differs (stale) or that
 * fails any check (corrupt, truncated) is treated as absent, so the caller rebuilds it; files
 * are replaced atomically, so a crash leaves the old file or the new one.
 *
 * <p>The default directory is {@code $XDG_CACHE_HOME/fgl-ecg} or {@code ~/.cache/fgl-ecg}.
 */
public final class PreprocessCache {
    private static final byte[] MAGIC = "FGLECG-PRE1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 32 + 4;

    private final Path dir;

    public PreprocessCache(Path dir) {
        this.dir = dir;
    }

    /** The default cache directory. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fgl-ecg");
    }

    public Path dir() {
        return dir;
    }

    /** The cache file of a record. */
    public Path fileOf(String record) {
        return dir.resolve(record + ".f32");
    }

    /** The SHA-256 key of a record's files and the settings. */
    public static byte[] key(Path headerFile, Path signalFile, Preprocessing settings) throws IOException {
        MessageDigest sha = sha256();
        sha.update(sha256().digest(Files.readAllBytes(headerFile)));
        sha.update(sha256().digest(Files.readAllBytes(signalFile)));
        sha.update(settings.key().getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    /** The cached signal for {@code key}, or {@code null} when absent, stale or corrupt. */
    public float[] load(String record, byte[] key) {
        byte[] b;
        try {
            b = Files.readAllBytes(fileOf(record));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        if (b.length < HEADER + 8) return null;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) if (b[i] != MAGIC[i]) return null;
        for (int i = 0; i < 32; i++) if (b[MAGIC.length + i] != key[i]) return null;
        int n = bb.getInt(MAGIC.length + 32);
        if (n < 0 || (long) HEADER + 4L * n + 8 != b.length) return null;
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        if (crc.getValue() != bb.getLong(b.length - 8)) return null;
        float[] out = new float[n];
        bb.position(HEADER);
        bb.asFloatBuffer().get(out);
        return out;
    }

    /** Stores a signal under {@code key}, replacing any older file of the record. */
    public void store(String record, byte[] key, float[] signal) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer bb = ByteBuffer.allocate(HEADER + 4 * signal.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put(key).putInt(signal.length);
        bb.asFloatBuffer().put(signal);
        bb.position(HEADER + 4 * signal.length);
        CRC32 crc = new CRC32();
        crc.update(bb.array(), 0, bb.position());
        bb.putLong(crc.getValue());
        Path tmp = Files.createTempFile(dir, record + ".", ".tmp");
        try {
            Files.write(tmp, bb.array());
            try {
                Files.move(tmp, fileOf(record), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, fileOf(record), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String hex(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
