package org.fglecg.ecg.wfdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-segment WFDB record opened for reading: its {@link Header} and its signal files.
 * Opening checks that every signal file exists and that its size matches the header's sample
 * count. Samples are read by absolute sample number (frame number) without loading the whole
 * file: {@link #read(long, int)} reads only the bytes that hold the requested range.
 *
 * <p>Sample {@code t} of a signal with skew {@code k} is taken from frame {@code t + k} of its
 * file, so a skewed signal has {@code numSamples() - k} readable samples. A signal with
 * {@code s} samples per frame returns {@code s} values per sample number.
 */
public final class WfdbRecord {
    /** Signals that share one file: their samples form one interleaved stream. */
    private record Group(Path file, SignalFormat format, long byteOffset, int[] signals,
                         int[] offsetInFrame, int frameLen) {}

    private final Header header;
    private final List<Group> groups;
    private final int[] groupOf;
    private final long numSamples;

    private WfdbRecord(Header header, List<Group> groups, int[] groupOf, long numSamples) {
        this.header = header;
        this.groups = groups;
        this.groupOf = groupOf;
        this.numSamples = numSamples;
    }

    /** Opens {@code dir/name.hea} and checks the signal files it names. */
    public static WfdbRecord open(Path dir, String name) throws WfdbFormatException {
        return open(dir, Header.read(dir, name));
    }

    /** Opens the signal files of a parsed header, relative to {@code dir}. */
    public static WfdbRecord open(Path dir, Header header) throws WfdbFormatException {
        List<SignalSpec> specs = header.signals();
        List<Group> groups = new ArrayList<>();
        int[] groupOf = new int[specs.size()];
        for (int i = 0; i < specs.size(); ) {
            SignalSpec first = specs.get(i);
            int j = i;
            while (j < specs.size() && specs.get(j).fileName().equals(first.fileName())) j++;
            int[] sigs = new int[j - i];
            int[] offs = new int[j - i];
            int frameLen = 0;
            for (int k = i; k < j; k++) {
                sigs[k - i] = k;
                offs[k - i] = frameLen;
                frameLen += specs.get(k).samplesPerFrame();
                groupOf[k] = groups.size();
            }
            groups.add(new Group(dir.resolve(first.fileName()), SignalFormat.ofCode(first.format()),
                    first.byteOffset(), sigs, offs, frameLen));
            i = j;
        }
        long n = header.numSamples();
        for (Group g : groups) {
            long size = WfdbFiles.size(g.file);
            long dataBytes = size - g.byteOffset;
            long framesInFile = dataBytes < 0 ? 0 : samplesIn(g.format, dataBytes) / g.frameLen;
            if (n < 0) {
                n = framesInFile; // the header leaves the length open: the first file decides
            }
            long total = n * g.frameLen;
            long need = g.byteOffset + g.format.bytesFor(total);
            long max = g.byteOffset + g.format.paddedBytesFor(total);
            if (size < need) {
                throw WfdbFormatException.atByte(g.file, size, "file ends after " + framesInFile
                        + " complete samples per signal, but header " + header.recordName() + ".hea says "
                        + n + " (needs " + need + " bytes, has " + size + ")");
            }
            if (size > max) {
                throw WfdbFormatException.atByte(g.file, max, (size - max) + " bytes beyond the "
                        + n + " samples per signal that header " + header.recordName() + ".hea declares");
            }
        }
        for (int s = 0; s < specs.size(); s++) {
            if (specs.get(s).skew() > Math.max(n, 0)) {
                throw new WfdbFormatException(dir.resolve(header.recordName() + ".hea"), "signal " + s,
                        "skew " + specs.get(s).skew() + " exceeds the record's " + Math.max(n, 0) + " samples");
            }
        }
        return new WfdbRecord(header, List.copyOf(groups), groupOf, Math.max(n, 0));
    }

    /** Whole samples stored in {@code bytes} bytes of a stream in this format. */
    private static long samplesIn(SignalFormat f, long bytes) {
        long samples = bytes / f.bytesPerGroup() * f.samplesPerGroup();
        long rest = bytes % f.bytesPerGroup();
        int partial = 0;
        while (partial + 1 < f.samplesPerGroup() && f.bytesFor(partial + 1) <= rest) partial++;
        return samples + partial;
    }

    public Header header() {
        return header;
    }

    /** Samples (frames) per signal in the record. */
    public long numSamples() {
        return numSamples;
    }

    /** Index of the signal named {@code name}; throws when the record has no such signal. */
    public int signalIndex(String name) throws WfdbFormatException {
        int i = header.signalIndex(name);
        if (i < 0) {
            List<String> names = new ArrayList<>();
            for (SignalSpec s : header.signals()) names.add(s.description());
            throw new WfdbFormatException(Path.of(header.recordName() + ".hea"), "",
                    "no signal named '" + name + "' (signals: " + names + ")");
        }
        return i;
    }

    /**
     * ADC samples {@code [start, start + count)} of one signal ({@code count * samplesPerFrame}
     * values).
     *
     * @throws IllegalArgumentException if the range runs past the record's end
     */
    public int[] read(int signal, long start, int count) throws WfdbFormatException {
        return readGroup(groupOf[signal], start, count, signal)[0];
    }

    /** ADC samples {@code [start, start + count)} of every signal, {@code [signal][sample]}. */
    public int[][] read(long start, int count) throws WfdbFormatException {
        int[][] out = new int[header.numSignals()][];
        for (int g = 0; g < groups.size(); g++) {
            int[][] part = readGroup(g, start, count, -1);
            int[] sigs = groups.get(g).signals;
            for (int k = 0; k < sigs.length; k++) out[sigs[k]] = part[k];
        }
        return out;
    }

    /** Every sample of every signal, after verifying the header's checksums. */
    public int[][] readAll() throws WfdbFormatException {
        if (numSamples > Integer.MAX_VALUE) throw new WfdbFormatException(Path.of(header.recordName() + ".hea"),
                "", numSamples + " samples per signal are too many to hold in one array");
        for (SignalSpec s : header.signals()) {
            if (s.skew() != 0) {
                verifyChecksums(); // skewed samples before sample 0 count in the checksum
                return read(0, (int) (numSamples - maxSkew()));
            }
        }
        int[][] all = read(0, (int) numSamples);
        for (int s = 0; s < all.length; s++) checkSum(s, all[s]);
        return all;
    }

    private long maxSkew() {
        long m = 0;
        for (SignalSpec s : header.signals()) m = Math.max(m, s.skew());
        return m;
    }

    /**
     * Verifies every signal's checksum (the 16-bit sum of all its samples) against the header,
     * reading the files in chunks. Signals without a checksum, or a header without a sample
     * count, are not checked.
     */
    public void verifyChecksums() throws WfdbFormatException {
        if (header.numSamples() < 0) return;
        final int chunk = 1 << 16;
        long[] sums = new long[header.numSignals()];
        for (int g = 0; g < groups.size(); g++) {
            Group grp = groups.get(g);
            for (long f = 0; f < numSamples; f += chunk) {
                int n = (int) Math.min(chunk, numSamples - f);
                int[] stream = readStream(grp, f * grp.frameLen, n * (long) grp.frameLen);
                for (int k = 0; k < grp.signals.length; k++) {
                    int spf = header.signals().get(grp.signals[k]).samplesPerFrame();
                    long sum = 0;
                    for (int fr = 0; fr < n; fr++) {
                        int base = fr * grp.frameLen + grp.offsetInFrame[k];
                        for (int q = 0; q < spf; q++) sum += stream[base + q];
                    }
                    sums[grp.signals[k]] += sum;
                }
            }
        }
        for (int s = 0; s < sums.length; s++) compare(s, sums[s]);
    }

    private void checkSum(int signal, int[] samples) throws WfdbFormatException {
        long sum = 0;
        for (int v : samples) sum += v;
        compare(signal, sum);
    }

    private void compare(int signal, long sum) throws WfdbFormatException {
        SignalSpec spec = header.signals().get(signal);
        if (spec.checksum() == null || header.numSamples() < 0) return;
        short got = (short) sum;
        if (got != (short) (int) spec.checksum()) {
            throw new WfdbFormatException(groups.get(groupOf[signal]).file, "signal " + signal + " ("
                    + spec.description() + ")", "checksum " + got + " does not match the header's "
                    + spec.checksum());
        }
    }

    /** Reads frames [start+skew, start+skew+count) of a group; only {@code onlySignal} if >= 0. */
    private int[][] readGroup(int g, long start, int count, int onlySignal) throws WfdbFormatException {
        Group grp = groups.get(g);
        if (start < 0 || count < 0) throw new IllegalArgumentException("bad range start " + start + " count " + count);
        int[][] out = new int[grp.signals.length][];
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (int k = 0; k < grp.signals.length; k++) {
            if (onlySignal >= 0 && grp.signals[k] != onlySignal) continue;
            SignalSpec spec = header.signals().get(grp.signals[k]);
            long end = start + count + spec.skew();
            if (end > numSamples) {
                throw new IllegalArgumentException("samples [" + start + ", " + (start + count) + ") of signal "
                        + grp.signals[k] + " (" + spec.description() + ") run past the record's end "
                        + (numSamples - spec.skew()));
            }
            lo = Math.min(lo, start + spec.skew());
            hi = Math.max(hi, end);
        }
        int[] stream = readStream(grp, lo * grp.frameLen, (hi - lo) * grp.frameLen);
        for (int k = 0; k < grp.signals.length; k++) {
            if (onlySignal >= 0 && grp.signals[k] != onlySignal) continue;
            SignalSpec spec = header.signals().get(grp.signals[k]);
            int spf = spec.samplesPerFrame();
            int[] sig = new int[Math.multiplyExact(count, spf)];
            long first = start + spec.skew() - lo;
            for (int f = 0; f < count; f++) {
                int base = (int) ((first + f) * grp.frameLen) + grp.offsetInFrame[k];
                System.arraycopy(stream, base, sig, f * spf, spf);
            }
            out[onlySignal >= 0 ? 0 : k] = sig;
        }
        return out;
    }

    /** Decodes stream samples [first, first + n) of a group, reading only the bytes they need. */
    private static int[] readStream(Group g, long first, long n) throws WfdbFormatException {
        SignalFormat f = g.format;
        int spg = f.samplesPerGroup();
        long g0 = first / spg;
        long g1 = (first + n + spg - 1) / spg;
        long bytes = (g1 - g0) * f.bytesPerGroup();
        if (bytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("range too large: " + n + " samples");
        byte[] buf = new byte[(int) bytes]; // a partial last group stays zero-padded
        long pos = g.byteOffset + g0 * f.bytesPerGroup();
        try (FileChannel ch = FileChannel.open(g.file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(buf);
            while (bb.hasRemaining()) {
                int r = ch.read(bb, pos + bb.position());
                if (r < 0) break;
            }
            long needed = f.bytesFor(first + n) - g0 * f.bytesPerGroup();
            if (bb.position() < needed) {
                throw WfdbFormatException.atByte(g.file, pos + bb.position(), "file ends mid-sample (was it truncated after opening?)");
            }
        } catch (NoSuchFileException e) {
            throw new WfdbFormatException(g.file, "", "no such file");
        } catch (IOException e) {
            throw new WfdbFormatException(g.file, "byte " + pos, "cannot read: " + e.getMessage(), e);
        }
        int[] decoded = new int[(int) ((g1 - g0) * spg)];
        f.decode(buf, 0, (int) (g1 - g0), decoded, 0);
        int skip = (int) (first - g0 * spg);
        if (skip == 0 && decoded.length == n) return decoded;
        int[] out = new int[(int) n];
        System.arraycopy(decoded, skip, out, 0, (int) n);
        return out;
    }
}
