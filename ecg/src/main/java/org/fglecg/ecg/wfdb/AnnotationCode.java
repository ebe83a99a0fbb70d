package org.fglecg.ecg.wfdb;

/**
 * The standard WFDB annotation codes (ecgcodes.h): mnemonic and description of codes 0..49,
 * and which of them are beats (QRS complexes, WFDB's {@code isqrs}).
 */
public final class AnnotationCode {
    private AnnotationCode() {}

    /** Largest annotation code; 59..63 are the pseudo-codes SKIP, NUM, SUB, CHN and AUX. */
    public static final int MAX = 49;

    public static final int NOTQRS = 0, NORMAL = 1, LBBB = 2, RBBB = 3, ABERR = 4, PVC = 5, FUSION = 6,
            NPC = 7, APC = 8, SVPB = 9, VESC = 10, NESC = 11, PACE = 12, UNKNOWN = 13, NOISE = 14,
            ARFCT = 16, STCH = 18, TCH = 19, SYSTOLE = 20, DIASTOLE = 21, NOTE = 22, MEASURE = 23,
            PWAVE = 24, BBB = 25, PACESP = 26, TWAVE = 27, RHYTHM = 28, UWAVE = 29, LEARN = 30,
            FLWAV = 31, VFON = 32, VFOFF = 33, AESC = 34, SVESC = 35, LINK = 36, NAPC = 37, PFUS = 38,
            WFON = 39, WFOFF = 40, RONT = 41;

    private static final String[] MNEMONIC = {
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S",
        "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T",
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u",
        "?", "!", "[", "]", "e", "n", "@", "x", "f", "(",
        ")", "r", "[42]", "[43]", "[44]", "[45]", "[46]", "[47]", "[48]", "[49]",
    };

    private static final String[] DESCRIPTION = {
        "Not-QRS", "Normal beat", "Left bundle branch block beat", "Right bundle branch block beat",
        "Aberrated atrial premature beat", "Premature ventricular contraction",
        "Fusion of ventricular and normal beat", "Nodal (junctional) premature beat",
        "Atrial premature beat", "Supraventricular premature or ectopic beat",
        "Ventricular escape beat", "Nodal (junctional) escape beat", "Paced beat",
        "Unclassifiable beat", "Change in signal quality", "", "Isolated QRS-like artifact", "",
        "ST segment change", "T-wave change", "Systole", "Diastole", "Comment annotation",
        "Measurement annotation", "P-wave peak", "Bundle branch block beat (unspecified)",
        "(Non-captured) pacemaker artifact", "T-wave peak", "Rhythm change", "U-wave peak",
        "Beat not classified during learning", "Ventricular flutter wave",
        "Start of ventricular flutter/fibrillation", "End of ventricular flutter/fibrillation",
        "Atrial escape beat", "Supraventricular escape beat", "Link to external data (aux contains URL)",
        "Non-conducted P-wave (blocked APC)", "Fusion of paced and normal beat", "Waveform onset",
        "Waveform end", "R-on-T premature ventricular contraction", "", "", "", "", "", "", "", "",
    };

    /** Beat codes (WFDB isqrs): the QRS annotations. */
    private static final int[] BEATS = {NORMAL, LBBB, RBBB, ABERR, PVC, FUSION, NPC, APC, SVPB, VESC,
            NESC, PACE, UNKNOWN, BBB, LEARN, AESC, SVESC, PFUS, RONT};

    /** The mnemonic of a code; {@code "[n]"} for codes without one. */
    public static String mnemonic(int code) {
        return code >= 0 && code <= MAX ? MNEMONIC[code] : "[" + code + "]";
    }

    /** The description of a code, or the empty string. */
    public static String description(int code) {
        return code >= 0 && code <= MAX ? DESCRIPTION[code] : "";
    }

    /** The code of a mnemonic ({@code "N"} -> 1), or -1 when no code has it. */
    public static int ofMnemonic(String mnemonic) {
        for (int c = 1; c <= MAX; c++) if (MNEMONIC[c].equals(mnemonic)) return c;
        return -1;
    }

    /** Whether the code marks a beat (QRS complex). */
    public static boolean isBeat(int code) {
        for (int b : BEATS) if (b == code) return true;
        return false;
    }
}
