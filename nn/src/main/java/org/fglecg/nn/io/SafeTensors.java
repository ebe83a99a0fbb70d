package org.fglecg.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors file format (Hugging Face): 8-byte little-endian header length N, a JSON
 * header of N bytes ({@code name: {dtype, shape, data_offsets: [begin, end]}} plus an optional
 * {@code __metadata__} string map), then the raw little-endian tensor bytes, offsets relative to
 * the end of the header.
 *
 * <p>Reading validates everything a damaged file can get wrong (header length, JSON, dtype,
 * shape, offsets inside the file and matching the element count, overlaps) and names the file and
 * tensor. Writing goes through {@link AtomicFiles}, so a crash never leaves a half-written file
 * under the final name, and records a SHA-256 digest of every tensor's bytes and of the metadata
 * ({@link TensorDigests}); every read checks them, so a changed byte is refused rather than
 * trained on. Files without digests (written by PyTorch) still load, with a notice.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /** A file's tensors (in header order) and its {@code __metadata__} map (digests left out). */
    public record Contents(Map<String, StoredTensor> tensors, Map<String, String> metadata) {}

    /** The verified tensors and metadata of a file. */
    public static Contents load(Path file) throws IOException {
        return parse(file, Files.readAllBytes(file));
    }

    /** The tensors of a file, in header order. */
    public static Map<String, StoredTensor> read(Path file) throws IOException {
        return load(file).tensors();
    }

    /** The {@code __metadata__} map of a file (empty when absent). */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        return load(file).metadata();
    }

    /**
     * Writes the tensors (in the given order) and metadata atomically to {@code file}, with their
     * digests. Metadata keys are written sorted, so equal content gives equal bytes in any JVM.
     */
    public static void write(Path file, Collection<StoredTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, String> meta = new TreeMap<>(metadata == null ? Map.of() : metadata);
        for (String k : meta.keySet())
            if (TensorDigests.isDigestKey(k)) throw new SafeTensorsException(file, null, "metadata key " + k + " is reserved");
        long total = 0;
        for (StoredTensor t : tensors) {
            if (t.name().equals("__metadata__")) {
                throw new SafeTensorsException(file, t.name(), "reserved name");
            }
            total += t.numel() * t.dtype().bytes;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> digests = new LinkedHashMap<>();
        for (StoredTensor t : tensors) {
            int begin = data.position(), bytes = Math.toIntExact(t.numel() * t.dtype().bytes);
            if (t.dtype() == DType.F32) data.asFloatBuffer().put(t.floats());
            else data.asLongBuffer().put(t.longs());
            digests.put(t.name(), TensorDigests.sha256(data.array(), begin, bytes));
            data.position(begin + bytes);
        }
        Map<String, String> header = new LinkedHashMap<>(meta);
        header.putAll(TensorDigests.entries(digests, meta));

        StringBuilder h = new StringBuilder("{\"__metadata__\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : header.entrySet()) {
            if (!first) h.append(',');
            first = false;
            h.append(Json.write(e.getKey())).append(':').append(Json.write(e.getValue()));
        }
        h.append('}');
        long offset = 0;
        for (StoredTensor t : tensors) {
            long bytes = t.numel() * t.dtype().bytes;
            h.append(',').append(Json.write(t.name())).append(":{\"dtype\":\"").append(t.dtype())
                    .append("\",\"shape\":[");
            for (int d = 0; d < t.shape().length; d++) h.append(d == 0 ? "" : ",").append(t.shape()[d]);
            h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        h.append('}');
        byte[] headerBytes = h.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;        // align the data to 8 bytes
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + padded + total)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(headerBytes);
        for (int p = headerBytes.length; p < padded; p++) buf.put((byte) ' ');
        buf.put(data.array());
        AtomicFiles.write(file, buf.array());
    }

    private static Contents parse(Path file, byte[] bytes) throws SafeTensorsException {
        if (bytes.length < 8) {
            throw new SafeTensorsException(file, null, "only " + bytes.length + " bytes: no header length (truncated?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8) {
            throw new SafeTensorsException(file, null, "header length " + n + " does not fit a file of "
                    + bytes.length + " bytes (truncated or not safetensors)");
        }
        Object root;
        try {
            root = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, null, "bad header: " + e.getMessage());
        }
        if (!(root instanceof Map)) throw new SafeTensorsException(file, null, "header is not a JSON object");
        long dataStart = 8 + n;
        long dataLen = bytes.length - dataStart;
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, long[]> byteRanges = new LinkedHashMap<>();
        List<long[]> ranges = new java.util.ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map)) throw new SafeTensorsException(file, null, "__metadata__ is not an object");
                for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                    metadata.put((String) m.getKey(), String.valueOf(m.getValue()));
                }
                continue;
            }
            StoredTensor t = entry(file, name, e.getValue(), buf, dataStart, dataLen);
            long begin = ((Number) ((List<?>) ((Map<?, ?>) e.getValue()).get("data_offsets")).get(0)).longValue();
            long[] range = {begin, begin + t.numel() * t.dtype().bytes};
            ranges.add(range);
            byteRanges.put(name, new long[] {dataStart + range[0], dataStart + range[1]});
            tensors.put(name, t);
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int k = 1; k < ranges.size(); k++) {
            if (ranges.get(k)[0] < ranges.get(k - 1)[1]) {
                throw new SafeTensorsException(file, null, "tensor data ranges overlap at byte " + ranges.get(k)[0]);
            }
        }
        return new Contents(tensors, TensorDigests.verify(file, bytes, byteRanges, metadata));
    }

    private static StoredTensor entry(Path file, String name, Object spec, ByteBuffer buf, long dataStart,
                                      long dataLen) throws SafeTensorsException {
        if (!(spec instanceof Map)) throw new SafeTensorsException(file, name, "entry is not an object");
        Map<?, ?> m = (Map<?, ?>) spec;
        DType dtype;
        try {
            dtype = DType.valueOf(String.valueOf(m.get("dtype")));
        } catch (IllegalArgumentException ex) {
            throw new SafeTensorsException(file, name, "unsupported dtype " + m.get("dtype") + " (F32 and I64 are)");
        }
        int[] shape = ints(file, name, "shape", m.get("shape"));
        int[] off = ints(file, name, "data_offsets", m.get("data_offsets"));
        if (off.length != 2) throw new SafeTensorsException(file, name, "data_offsets must be [begin, end]");
        long numel = StoredTensor.numel(shape);
        if (off[0] > off[1] || off[1] > dataLen) {
            throw new SafeTensorsException(file, name, "data_offsets [" + off[0] + ", " + off[1]
                    + "] outside the " + dataLen + " data bytes (truncated?)");
        }
        if ((long) off[1] - off[0] != numel * dtype.bytes) {
            throw new SafeTensorsException(file, name, (off[1] - off[0]) + " bytes for shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " (needs " + numel * dtype.bytes + ")");
        }
        int pos = (int) (dataStart + off[0]);
        ByteBuffer slice = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(pos).limit(pos + off[1] - off[0]);
        if (dtype == DType.F32) {
            float[] v = new float[(int) numel];
            slice.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return StoredTensor.f32(name, v, shape);
        }
        long[] v = new long[(int) numel];
        slice.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
        return StoredTensor.i64(name, v, shape);
    }

    private static int[] ints(Path file, String name, String field, Object v) throws SafeTensorsException {
        if (!(v instanceof List)) throw new SafeTensorsException(file, name, field + " is not an array");
        List<?> l = (List<?>) v;
        int[] r = new int[l.size()];
        for (int k = 0; k < r.length; k++) {
            Object o = l.get(k);
            if (!(o instanceof Long) || (Long) o < 0 || (Long) o > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file, name, field + "[" + k + "] = " + o + " is not a valid size");
            }
            r[k] = (int) (long) (Long) o;
        }
        return r;
    }
}
