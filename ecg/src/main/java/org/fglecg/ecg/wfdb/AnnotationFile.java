package org.fglecg.ecg.wfdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MIT annotation file format (annot(5)), read and written as the WFDB library does.
 *
 * <p>The file is a sequence of 16-bit little-endian words. The top 6 bits are a code A, the low
 * 10 bits a number I. For A in 1..58 (or A = 0 with I != 0), the word is an annotation of code A
 * whose sample is I samples after the previous one. Pseudo-codes modify it: SKIP (59) is followed
 * by a 32-bit interval (high 16-bit word first, each word little-endian) added to the time of
 * the next annotation; NUM (60), SUB (61) and CHN (62) set the annotation's num, subtype and
 * channel to I (num and channel persist to later annotations); AUX (63) is followed by
 * {@code I & 0xFF} bytes of text, padded to an even length. A zero word ends the file.
 */
public final class AnnotationFile {
    private AnnotationFile() {}

    private static final int SKIP = 59, NUM = 60, SUB = 61, CHN = 62, AUX = 63;
    private static final int MAX_INTERVAL = 1023;

    /** Reads {@code dir/record.annotator} (e.g. {@code 100.atr}). */
    public static List<Annotation> read(Path dir, String record, String annotator) throws WfdbFormatException {
        return read(dir.resolve(record + "." + annotator));
    }

    /** Reads an MIT-format annotation file. */
    public static List<Annotation> read(Path file) throws WfdbFormatException {
        byte[] b = WfdbFiles.readAllBytes(file);
        return parse(b, file);
    }

    /** Parses annotation file bytes; {@code file} is named in errors. */
    public static List<Annotation> parse(byte[] b, Path file) throws WfdbFormatException {
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int chan = 0, num = 0;
        // The annotation being assembled: its modifiers follow its word.
        long aTime = 0;
        int aCode = -1, aSub = 0;
        String aAux = null;
        int pos = 0;
        while (true) {
            if (pos + 2 > b.length) {
                throw WfdbFormatException.atByte(file, pos, pos == b.length
                        ? "file ends without the end-of-file marker (a zero word)"
                        : "file ends mid-word");
            }
            int at = pos;
            int w = word(b, pos);
            pos += 2;
            int code = w >>> 10, data = w & 0x3FF;
            if (w == 0) break;
            switch (code) {
                case SKIP -> {
                    if (pos + 4 > b.length) throw WfdbFormatException.atByte(file, pos, "file ends inside a SKIP interval");
                    int interval = (word(b, pos) << 16) | word(b, pos + 2);
                    pos += 4;
                    time += interval;
                }
                case NUM, SUB, CHN, AUX -> {
                    if (aCode < 0) {
                        throw WfdbFormatException.atByte(file, at, "modifier " + pseudoName(code) + " before any annotation");
                    }
                    // NUM and CHN apply to the annotation being assembled and persist after it.
                    if (code == NUM) num = (byte) data;
                    else if (code == SUB) aSub = (byte) data;
                    else if (code == CHN) chan = (byte) data;
                    else {
                        int len = w & 0xFF;
                        if (pos + len > b.length) {
                            throw WfdbFormatException.atByte(file, pos, "file ends inside " + len + " bytes of AUX text");
                        }
                        aAux = new String(b, pos, len, StandardCharsets.ISO_8859_1);
                        pos += (len + 1) & ~1;
                    }
                }
                default -> {
                    if (aCode >= 0) out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
                    time += data;
                    if (time < 0) throw WfdbFormatException.atByte(file, at, "annotation at negative sample " + time);
                    aTime = time;
                    aCode = code;
                    aSub = 0;
                    aAux = null;
                }
            }
        }
        if (aCode >= 0) out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
        return out;
    }

    private static int word(byte[] b, int pos) {
        return (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
    }

    private static String pseudoName(int code) {
        return switch (code) {
            case NUM -> "NUM";
            case SUB -> "SUB";
            case CHN -> "CHN";
            default -> "AUX";
        };
    }

    /**
     * Writes annotations in MIT format, as WFDB's {@code putann} does: intervals over 1023
     * samples (or negative ones) go in a SKIP; SUB when the subtype is not 0; CHN and NUM only
     * when they differ from the previous annotation's; AUX when there is aux text; a zero word
     * at the end. PhysioNet's tools ({@code rdann}, {@code bxb}) read the result.
     *
     * @throws IllegalArgumentException for a code outside 0..58, a field outside -128..127,
     *                                  aux text over 255 bytes or a non-ISO-8859-1 character
     */
    public static byte[] encode(List<Annotation> annotations) {
        var out = new java.io.ByteArrayOutputStream();
        long prev = 0;
        int prevChan = 0, prevNum = 0;
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            if (a.code() < 0 || a.code() >= SKIP) throw new IllegalArgumentException("annotation " + i + ": code " + a.code() + " outside 0..58");
            checkByte(i, "subtype", a.subtype());
            checkByte(i, "channel", a.channel());
            checkByte(i, "num", a.num());
            if (a.sample() < 0) throw new IllegalArgumentException("annotation " + i + ": negative sample " + a.sample());
            long delta = a.sample() - prev;
            if (a.code() == 0) {
                // A zero word would read as end of file: skip to one sample before, then step 1.
                putSkip(out, delta - 1, i);
                delta = 1;
            } else if (delta > MAX_INTERVAL || delta < 0) {
                putSkip(out, delta, i);
                delta = 0;
            }
            putWord(out, (a.code() << 10) | (int) delta);
            if (a.subtype() != 0) putWord(out, (SUB << 10) | (a.subtype() & 0x3FF));
            if (a.channel() != prevChan) putWord(out, (CHN << 10) | (a.channel() & 0x3FF));
            if (a.num() != prevNum) putWord(out, (NUM << 10) | (a.num() & 0x3FF));
            if (a.aux() != null && !a.aux().isEmpty()) {
                byte[] aux = a.aux().getBytes(StandardCharsets.ISO_8859_1);
                if (aux.length > 255) throw new IllegalArgumentException("annotation " + i + ": aux text of " + aux.length + " bytes (max 255)");
                if (!new String(aux, StandardCharsets.ISO_8859_1).equals(a.aux())) {
                    throw new IllegalArgumentException("annotation " + i + ": aux text is not ISO-8859-1");
                }
                putWord(out, (AUX << 10) | aux.length);
                out.write(aux, 0, aux.length);
                if ((aux.length & 1) != 0) out.write(0);
            }
            prev = a.sample();
            prevChan = a.channel();
            prevNum = a.num();
        }
        putWord(out, 0);
        return out.toByteArray();
    }

    /** Writes annotations to {@code file} in MIT format (see {@link #encode}). */
    public static void write(Path file, List<Annotation> annotations) throws IOException {
        Files.write(file, encode(annotations));
    }

    private static void checkByte(int i, String field, int v) {
        if (v < -128 || v > 127) throw new IllegalArgumentException("annotation " + i + ": " + field + " " + v + " outside -128..127");
    }

    private static void putSkip(java.io.ByteArrayOutputStream out, long interval, int i) {
        if (interval < Integer.MIN_VALUE || interval > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("annotation " + i + ": interval " + interval + " does not fit a SKIP");
        }
        putWord(out, SKIP << 10);
        putWord(out, (int) (interval >>> 16) & 0xFFFF);
        putWord(out, (int) interval & 0xFFFF);
    }

    private static void putWord(java.io.ByteArrayOutputStream out, int w) {
        out.write(w & 0xFF);
        out.write((w >>> 8) & 0xFF);
    }
}
