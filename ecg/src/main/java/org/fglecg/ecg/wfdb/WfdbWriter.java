package org.fglecg.ecg.wfdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a single-segment WFDB record: one signal file per group of consecutive signals that
 * name the same file, and a header with the sample count, initial values and checksums filled
 * in. Supports one sample per frame and no skew or preamble (what converters need).
 */
public final class WfdbWriter {
    private WfdbWriter() {}

    /**
     * Writes {@code samples[signal][t]} as record {@code template.recordName()} in {@code dir}.
     * The template's signal specs give file names, formats, gains and descriptions; their
     * checksums are replaced. Returns the header that was written.
     *
     * @throws IllegalArgumentException if a sample does not fit its format or lengths differ
     */
    public static Header write(Path dir, Header template, int[][] samples) throws IOException {
        List<SignalSpec> specs = template.signals();
        if (samples.length != specs.size()) {
            throw new IllegalArgumentException(samples.length + " sample arrays for " + specs.size() + " signals");
        }
        int n = specs.isEmpty() ? 0 : samples[0].length;
        List<SignalSpec> written = new ArrayList<>();
        for (int s = 0; s < specs.size(); s++) {
            SignalSpec spec = specs.get(s);
            if (spec.samplesPerFrame() != 1 || spec.skew() != 0 || spec.byteOffset() != 0) {
                throw new IllegalArgumentException("signal " + s + ": the writer supports 1 sample per frame, no skew, no byte offset");
            }
            if (samples[s].length != n) {
                throw new IllegalArgumentException("signal " + s + " has " + samples[s].length + " samples, signal 0 has " + n);
            }
            SignalFormat f = SignalFormat.ofCode(spec.format());
            if (f == null) throw new IllegalArgumentException("signal " + s + ": unsupported format " + spec.format());
            long sum = 0;
            for (int t = 0; t < n; t++) {
                int v = samples[s][t];
                if (v < f.minValue() || v > f.maxValue()) {
                    throw new IllegalArgumentException("signal " + s + " sample " + t + " = " + v
                            + " does not fit format " + f.code() + " [" + f.minValue() + ", " + f.maxValue() + "]");
                }
                sum += v;
            }
            written.add(spec.withChecksum((short) sum, n > 0 ? samples[s][0] : spec.adcZero()));
        }
        Files.createDirectories(dir);
        for (int i = 0; i < specs.size(); ) {
            int j = i;
            while (j < specs.size() && specs.get(j).fileName().equals(specs.get(i).fileName())) j++;
            writeGroup(dir.resolve(specs.get(i).fileName()), SignalFormat.ofCode(specs.get(i).format()), samples, i, j, n);
            i = j;
        }
        Header h = new Header(template.recordName(), template.samplingFrequency(), template.counterFrequency(),
                template.baseCounter(), n, template.baseTime(), template.baseDate(), written, template.comments());
        Files.writeString(dir.resolve(template.recordName() + ".hea"), h.toText(), StandardCharsets.UTF_8);
        return h;
    }

    /** Interleaves signals [from, to) frame by frame and packs the stream. */
    private static void writeGroup(Path file, SignalFormat f, int[][] samples, int from, int to, int n)
            throws IOException {
        int width = to - from;
        long total = (long) width * n;
        int spg = f.samplesPerGroup();
        long groups = (total + spg - 1) / spg;
        if (groups * spg > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("record too long to write at once");
        int[] stream = new int[(int) (groups * spg)]; // a partial last group is padded with zeros
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < width; k++) stream[t * width + k] = samples[from + k][t];
        }
        byte[] bytes = new byte[(int) (groups * f.bytesPerGroup())];
        f.encode(stream, 0, (int) groups, bytes, 0);
        // Like WFDB, write only the bytes a partial last group needs.
        int length = (int) f.bytesFor(total);
        Files.write(file, length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
    }
}
