package org.fglecg.ecg.wfdb;

/**
 * One WFDB annotation (annot(5)): what happens at a sample.
 *
 * @param sample  absolute sample number (frame number) the annotation marks
 * @param code    annotation code, 0..49 ({@link AnnotationCode}); 1 is a normal beat
 * @param subtype annotator-specific subtype (-128..127), 0 when absent
 * @param channel signal the annotation refers to (-128..127); persists from the previous annotation
 * @param num     annotator-specific number (-128..127); persists from the previous annotation
 * @param aux     auxiliary bytes as ISO-8859-1 text (e.g. {@code "(AFIB"} for a rhythm change),
 *                byte for byte as stored (a trailing NUL is kept), or {@code null}
 */
public record Annotation(long sample, int code, int subtype, int channel, int num, String aux) {

    /** A beat or event annotation with no subtype, channel 0, num 0 and no aux text. */
    public static Annotation of(long sample, int code) {
        return new Annotation(sample, code, 0, 0, 0, null);
    }

    /** The code's standard mnemonic, e.g. {@code "N"}, {@code "V"}, {@code "+"}. */
    public String mnemonic() {
        return AnnotationCode.mnemonic(code);
    }

    /** The aux text without trailing NULs, or the empty string. */
    public String auxText() {
        if (aux == null) return "";
        int end = aux.length();
        while (end > 0 && aux.charAt(end - 1) == 0) end--;
        return aux.substring(0, end);
    }
}
