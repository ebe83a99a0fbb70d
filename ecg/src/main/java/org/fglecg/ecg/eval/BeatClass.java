package org.fglecg.ecg.eval;

import org.fglecg.ecg.wfdb.AnnotationCode;

/**
 * The five AAMI EC57 beat classes a beat-by-beat comparison counts, from the WFDB beat codes:
 * N (N, L, R, B, e, j), S (A, a, J, S, n), V (V, E, r), F (F) and Q (/, f, Q, ?). Unlike
 * {@link org.fglecg.ecg.data.AamiClass}, which the classifier trains on, Q is a class here:
 * every beat annotation takes part in QRS detection statistics.
 *
 * <p>PhysioNet's {@code bxb} puts the escape beats e and j in S; EC57's table and this project's
 * {@code AamiClass} put them in N, and so does this class.
 */
public enum BeatClass {
    N, S, V, F, Q;

    /** Number of classes. */
    public static final int COUNT = 5;

    private static final BeatClass[] VALUES = values();

    public static BeatClass ofIndex(int i) {
        return VALUES[i];
    }

    /** The class of a WFDB annotation code, or {@code null} when the code is not a beat. */
    public static BeatClass ofCode(int code) {
        return switch (code) {
            case AnnotationCode.NORMAL, AnnotationCode.LBBB, AnnotationCode.RBBB, AnnotationCode.BBB,
                    AnnotationCode.AESC, AnnotationCode.NESC -> N;
            case AnnotationCode.APC, AnnotationCode.ABERR, AnnotationCode.NPC, AnnotationCode.SVPB,
                    AnnotationCode.SVESC -> S;
            case AnnotationCode.PVC, AnnotationCode.VESC, AnnotationCode.RONT -> V;
            case AnnotationCode.FUSION -> F;
            case AnnotationCode.PACE, AnnotationCode.PFUS, AnnotationCode.UNKNOWN, AnnotationCode.LEARN -> Q;
            default -> null;
        };
    }
}
