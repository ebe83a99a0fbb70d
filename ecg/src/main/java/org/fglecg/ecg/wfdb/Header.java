package org.fglecg.ecg.wfdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed WFDB header file ({@code NNN.hea}, header(5)) of a single-segment record: the record
 * line, one {@link SignalSpec} per signal, and the comment lines. Omitted optional fields get the
 * defaults the specification gives (sampling frequency 250, gain 200, baseline = ADC zero, ...).
 * Multi-segment headers are rejected with a {@link WfdbFormatException}.
 *
 * @param recordName        the record's name, e.g. {@code 100}
 * @param samplingFrequency frames per second
 * @param counterFrequency  counter ticks per second (the sampling frequency when omitted)
 * @param baseCounter       counter value at sample 0
 * @param numSamples        samples per signal, or -1 when the header leaves it unspecified
 * @param baseTime          time of day of sample 0 as written ({@code HH:MM:SS}), or {@code null}
 * @param baseDate          date of sample 0 as written ({@code DD/MM/YYYY}), or {@code null}
 * @param signals           one entry per signal, in order
 * @param comments          comment lines without the leading {@code #}
 */
public record Header(String recordName, double samplingFrequency, double counterFrequency,
                     double baseCounter, long numSamples, String baseTime, String baseDate,
                     List<SignalSpec> signals, List<String> comments) {

    public Header {
        signals = List.copyOf(signals);
        comments = List.copyOf(comments);
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:x(\\d+))?(?::(\\d+))?(?:\\+(\\d+))?");
    private static final Pattern GAIN = Pattern.compile("([^(/]+)(?:\\((-?\\d+)\\))?(?:/(\\S+))?");
    private static final Pattern FREQ = Pattern.compile("([^/]+)(?:/([^(]+)(?:\\(([^)]+)\\))?)?");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d+)?)?");
    private static final Pattern DATE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{1,4}");

    /** Reads and parses {@code dir/record.hea}. */
    public static Header read(Path dir, String record) throws WfdbFormatException {
        return read(dir.resolve(record + ".hea"));
    }

    /** Reads and parses a header file. */
    public static Header read(Path file) throws WfdbFormatException {
        byte[] bytes = WfdbFiles.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), file);
    }

    /** Parses header text; {@code file} is named in errors. */
    public static Header parse(String text, Path file) throws WfdbFormatException {
        String[] lines = text.split("\n", -1);
        List<String> comments = new ArrayList<>();
        List<SignalSpec> signals = new ArrayList<>();
        String name = null;
        int nsig = 0;
        double fs = 250, cf = 0, base = 0;
        long nsamp = -1;
        String time = null, date = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty()) continue;
            if (trimmed.startsWith("#")) {
                comments.add(trimmed.substring(1).strip());
                continue;
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch < 0x20 && ch != '\t') {
                    throw WfdbFormatException.atLine(file, lineNo, "control character 0x"
                            + Integer.toHexString(ch) + " in column " + (c + 1));
                }
            }
            String[] tok = trimmed.split("[ \\t]+");
            if (name == null) {
                // Record line: name[/segments] nsig [fs[/cf[(base)]] [nsamp [time [date]]]]
                if (tok[0].contains("/")) {
                    throw WfdbFormatException.atLine(file, lineNo, "multi-segment record '" + tok[0]
                            + "' is not supported");
                }
                name = tok[0];
                if (tok.length < 2) throw WfdbFormatException.atLine(file, lineNo, "record line has no number of signals");
                nsig = parseInt(tok[1], file, lineNo, "number of signals");
                if (nsig < 0 || nsig > 4096) throw WfdbFormatException.atLine(file, lineNo, "number of signals " + nsig + " out of range 0..4096");
                if (tok.length > 2) {
                    Matcher m = FREQ.matcher(tok[2]);
                    if (!m.matches()) throw WfdbFormatException.atLine(file, lineNo, "bad sampling frequency field '" + tok[2] + "'");
                    fs = parseDouble(m.group(1), file, lineNo, "sampling frequency");
                    if (!(fs > 0) || Double.isInfinite(fs)) throw WfdbFormatException.atLine(file, lineNo, "sampling frequency must be positive, got '" + m.group(1) + "'");
                    if (m.group(2) != null) cf = parseDouble(m.group(2), file, lineNo, "counter frequency");
                    if (m.group(3) != null) base = parseDouble(m.group(3), file, lineNo, "base counter value");
                }
                if (tok.length > 3) {
                    nsamp = parseLong(tok[3], file, lineNo, "number of samples");
                    if (nsamp < 0) throw WfdbFormatException.atLine(file, lineNo, "negative number of samples " + nsamp);
                    if (nsamp == 0) nsamp = -1;
                }
                if (tok.length > 4) {
                    if (!TIME.matcher(tok[4]).matches()) throw WfdbFormatException.atLine(file, lineNo, "bad base time '" + tok[4] + "' (want HH:MM:SS)");
                    time = tok[4];
                }
                if (tok.length > 5) {
                    if (!DATE.matcher(tok[5]).matches()) throw WfdbFormatException.atLine(file, lineNo, "bad base date '" + tok[5] + "' (want DD/MM/YYYY)");
                    date = tok[5];
                }
                if (tok.length > 6) throw WfdbFormatException.atLine(file, lineNo, "unexpected field '" + tok[6] + "' after the base date");
            } else if (signals.size() < nsig) {
                signals.add(parseSignal(trimmed, tok, file, lineNo, signals));
            }
            // Extra signal lines beyond nsig are disregarded, as the specification says.
        }
        if (name == null) throw new WfdbFormatException(file, "", "no record line");
        if (signals.size() < nsig) {
            throw WfdbFormatException.atLine(file, lines.length, "header declares " + nsig
                    + " signals but has " + signals.size() + " signal lines");
        }
        return new Header(name, fs, cf > 0 ? cf : fs, base, nsamp, time, date, signals, comments);
    }

    private static SignalSpec parseSignal(String line, String[] tok, Path file, int lineNo,
                                          List<SignalSpec> previous) throws WfdbFormatException {
        if (tok.length < 2) throw WfdbFormatException.atLine(file, lineNo, "signal line has no format field");
        String fileName = tok[0];
        Matcher fm = FORMAT.matcher(tok[1]);
        if (!fm.matches()) throw WfdbFormatException.atLine(file, lineNo, "bad format field '" + tok[1] + "'");
        int format = parseInt(fm.group(1), file, lineNo, "format");
        SignalFormat sf = SignalFormat.ofCode(format);
        if (sf == null) {
            throw WfdbFormatException.atLine(file, lineNo, "unknown or unsupported signal format " + format
                    + " (supported: " + SignalFormat.supportedCodes() + ")");
        }
        int spf = fm.group(2) == null ? 1 : parseInt(fm.group(2), file, lineNo, "samples per frame");
        if (spf < 1 || spf > 1 << 16) throw WfdbFormatException.atLine(file, lineNo, "samples per frame " + spf + " out of range 1..65536");
        int skew = fm.group(3) == null ? 0 : parseInt(fm.group(3), file, lineNo, "skew");
        long offset = fm.group(4) == null ? 0 : parseLong(fm.group(4), file, lineNo, "byte offset");
        double gain = 0;
        Integer baseline = null;
        String units = "mV";
        if (tok.length > 2) {
            Matcher gm = GAIN.matcher(tok[2]);
            if (!gm.matches()) throw WfdbFormatException.atLine(file, lineNo, "bad gain field '" + tok[2] + "'");
            gain = parseDouble(gm.group(1), file, lineNo, "ADC gain");
            if (Double.isNaN(gain) || Double.isInfinite(gain)) throw WfdbFormatException.atLine(file, lineNo, "ADC gain must be finite, got '" + gm.group(1) + "'");
            if (gm.group(2) != null) baseline = parseInt(gm.group(2), file, lineNo, "baseline");
            if (gm.group(3) != null) units = gm.group(3);
        }
        if (gain == 0) gain = 200; // uncalibrated: the specification's default
        int adcRes = tok.length > 3 ? parseInt(tok[3], file, lineNo, "ADC resolution") : 0;
        if (adcRes < 0 || adcRes > 32) throw WfdbFormatException.atLine(file, lineNo, "ADC resolution " + adcRes + " out of range 0..32");
        if (adcRes == 0) adcRes = Math.min(12, sf.bits());
        int adcZero = tok.length > 4 ? parseInt(tok[4], file, lineNo, "ADC zero") : 0;
        int init = tok.length > 5 ? parseInt(tok[5], file, lineNo, "initial value") : adcZero;
        Integer checksum = tok.length > 6 ? parseInt(tok[6], file, lineNo, "checksum") : null;
        int blockSize = tok.length > 7 ? parseInt(tok[7], file, lineNo, "block size") : 0;
        String description = "";
        if (tok.length > 8) {
            // The description is the rest of the line after the block size, spaces included.
            int at = 0;
            for (int k = 0; k < 8; k++) {
                at = line.indexOf(tok[k], at) + tok[k].length();
            }
            description = line.substring(at).strip();
        }
        if (!previous.isEmpty()) {
            SignalSpec last = previous.get(previous.size() - 1);
            if (last.fileName().equals(fileName)) {
                if (last.format() != format || last.byteOffset() != offset) {
                    throw WfdbFormatException.atLine(file, lineNo, "signals in file " + fileName
                            + " must share one format and byte offset (previous line: format " + last.format() + ")");
                }
            } else if (previous.stream().anyMatch(p -> p.fileName().equals(fileName))) {
                throw WfdbFormatException.atLine(file, lineNo, "signals of file " + fileName + " are not consecutive");
            }
        }
        return new SignalSpec(fileName, format, spf, skew, offset, gain, baseline == null ? adcZero : baseline,
                units, adcRes, adcZero, init, checksum, blockSize, description);
    }

    /** Index of the signal whose description is {@code name} (e.g. {@code MLII}), or -1. */
    public int signalIndex(String name) {
        for (int i = 0; i < signals.size(); i++) if (signals.get(i).description().equals(name)) return i;
        return -1;
    }

    public int numSignals() {
        return signals.size();
    }

    /** The header as WFDB writes it (CRLF line ends, every field spelled out). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(recordName).append(' ').append(signals.size()).append(' ').append(num(samplingFrequency));
        if (counterFrequency != samplingFrequency || baseCounter != 0) {
            sb.append('/').append(num(counterFrequency));
            if (baseCounter != 0) sb.append('(').append(num(baseCounter)).append(')');
        }
        if (numSamples >= 0 || baseTime != null) sb.append(' ').append(Math.max(0, numSamples));
        if (baseTime != null) sb.append(' ').append(baseTime);
        if (baseTime != null && baseDate != null) sb.append(' ').append(baseDate);
        sb.append("\r\n");
        for (SignalSpec s : signals) {
            sb.append(s.fileName()).append(' ').append(s.format());
            if (s.samplesPerFrame() != 1) sb.append('x').append(s.samplesPerFrame());
            if (s.skew() != 0) sb.append(':').append(s.skew());
            if (s.byteOffset() != 0) sb.append('+').append(s.byteOffset());
            sb.append(' ').append(num(s.adcGain()));
            if (s.baseline() != s.adcZero()) sb.append('(').append(s.baseline()).append(')');
            if (!s.units().equals("mV")) sb.append('/').append(s.units());
            sb.append(' ').append(s.adcResolution()).append(' ').append(s.adcZero()).append(' ').append(s.initialValue());
            boolean tail = s.blockSize() != 0 || !s.description().isEmpty();
            // A missing checksum stays missing unless later fields need it as a placeholder (0).
            if (s.checksum() != null || tail) sb.append(' ').append(s.checksum() == null ? 0 : s.checksum());
            if (tail) sb.append(' ').append(s.blockSize());
            if (!s.description().isEmpty()) sb.append(' ').append(s.description());
            sb.append("\r\n");
        }
        for (String c : comments) sb.append("# ").append(c).append("\r\n");
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static int parseInt(String s, Path file, int line, String what) throws WfdbFormatException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw WfdbFormatException.atLine(file, line, what + " is not an integer: '" + s + "'");
        }
    }

    private static long parseLong(String s, Path file, int line, String what) throws WfdbFormatException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw WfdbFormatException.atLine(file, line, what + " is not an integer: '" + s + "'");
        }
    }

    private static double parseDouble(String s, Path file, int line, String what) throws WfdbFormatException {
        try {
            // Java accepts "1d", "0x1p3", "NaN"; the header grammar (scanf %lf) does not use them.
            if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) throw new NumberFormatException();
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw WfdbFormatException.atLine(file, line, what + " is not a number: '" + s + "'");
        }
    }
}
