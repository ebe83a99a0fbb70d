package org.fglecg.ecg.data;

import org.fglecg.ecg.wfdb.AnnotationCode;

/**
 * The four AAMI EC57 heartbeat classes used here (FGL-SPEC section 1); Q (paced, fusion of
 * paced and normal, unclassifiable) and non-beat annotations map to no class and are skipped.
 * The ordinal is the class index the model predicts (N 0, S 1, V 2, F 3).
 */
public enum AamiClass {
    /** Normal and bundle-branch-block beats: N, L, R, e, j. */
    N,
    /** Supraventricular ectopic beats: A, a, J, S. */
    S,
    /** Ventricular ectopic beats: V, E. */
    V,
    /** Fusion of ventricular and normal beats: F. */
    F;

    /** Number of classes. */
    public static final int COUNT = 4;

    private static final AamiClass[] VALUES = values();

    /** The class with this index (0..3). */
    public static AamiClass ofIndex(int index) {
        return VALUES[index];
    }

    /**
     * The WFDB annotation code that stands for this class when predictions are written as an
     * annotation file for PhysioNet's tools: N -> N (1), S -> A (8), V -> V (5), F -> F (6).
     */
    public int annotationCode() {
        return switch (this) {
            case N -> AnnotationCode.NORMAL;
            case S -> AnnotationCode.APC;
            case V -> AnnotationCode.PVC;
            case F -> AnnotationCode.FUSION;
        };
    }

    /** The class of a WFDB annotation code, or {@code null} when the code is skipped. */
    public static AamiClass ofCode(int code) {
        return switch (code) {
            case AnnotationCode.NORMAL, AnnotationCode.LBBB, AnnotationCode.RBBB, AnnotationCode.AESC,
                    AnnotationCode.NESC -> N;
            case AnnotationCode.APC, AnnotationCode.ABERR, AnnotationCode.NPC, AnnotationCode.SVPB -> S;
            case AnnotationCode.PVC, AnnotationCode.VESC -> V;
            case AnnotationCode.FUSION -> F;
            default -> null;
        };
    }
}
