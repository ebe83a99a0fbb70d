package org.fglecg.ecg.data;

/**
 * Two-stream beat windows (FGL-SPEC section 3): for beat i, the student window x_S and the
 * teacher window x_T of the same R peak, and its label y. Nothing is copied up front: a window
 * is cut from the preprocessed record when a batch is filled, so the dataset costs the records'
 * signals (4 bytes per sample) plus the {@link BeatIndex} (9 bytes per beat), whatever the
 * window. Samples outside the record repeat the record's first or last sample (edge
 * replication), so every window configuration sees the same beats.
 *
 * <p>Batches are {@code [batch, 1, L]} row-major floats in caller-owned buffers (no allocation
 * per batch). Thread-safe for concurrent fills into different buffers.
 */
public final class BeatDataset {
    private final BeatIndex beats;
    private final WindowSpec student;
    private final WindowSpec teacher;

    /**
     * @throws IllegalArgumentException if the student window is not inside the teacher window
     */
    public BeatDataset(BeatIndex beats, WindowSpec student, WindowSpec teacher) {
        if (!teacher.contains(student)) {
            throw new IllegalArgumentException("student window " + student + " is not inside teacher window " + teacher);
        }
        this.beats = beats;
        this.student = student;
        this.teacher = teacher;
    }

    public BeatIndex beats() {
        return beats;
    }

    public WindowSpec student() {
        return student;
    }

    public WindowSpec teacher() {
        return teacher;
    }

    /** Number of beats. */
    public int size() {
        return beats.size();
    }

    /** AAMI class index (0..3) of beat {@code beat}. */
    public int label(int beat) {
        return beats.label(beat);
    }

    /** Offset of the student window inside the teacher window: x_S = x_T[offset, offset + L_S). */
    public int studentOffsetInTeacher() {
        return teacher.left() - student.left();
    }

    /** Cuts window {@code w} of beat {@code beat} into {@code dst[off, off + w.length())}. */
    public void fillWindow(WindowSpec w, int beat, float[] dst, int off) {
        float[] x = beats.records().get(beats.record(beat)).signal();
        int start = beats.sample(beat) - w.left();
        int len = w.length();
        int n = x.length;
        int lo = Math.max(0, Math.min(len, -start));          // samples before the record
        int hi = Math.max(lo, Math.min(len, n - start));      // end of the samples inside it
        if (lo > 0) java.util.Arrays.fill(dst, off, off + lo, x[0]);
        if (hi > lo) System.arraycopy(x, start + lo, dst, off + lo, hi - lo);
        if (hi < len) java.util.Arrays.fill(dst, off + hi, off + len, x[n - 1]);
    }

    /**
     * Fills a batch of beats {@code indices[from, from + count)}: {@code xStudent} as
     * {@code [count, 1, L_S]}, {@code xTeacher} as {@code [count, 1, L_T]} and their labels.
     * Any of the three buffers may be {@code null} to skip it.
     */
    public void fillBatch(int[] indices, int from, int count, float[] xStudent, float[] xTeacher, int[] labels) {
        int ls = student.length(), lt = teacher.length();
        if (xStudent != null && xStudent.length < count * ls) throw new IllegalArgumentException("student buffer holds " + xStudent.length + " floats, need " + count + " x " + ls);
        if (xTeacher != null && xTeacher.length < count * lt) throw new IllegalArgumentException("teacher buffer holds " + xTeacher.length + " floats, need " + count + " x " + lt);
        if (labels != null && labels.length < count) throw new IllegalArgumentException("label buffer holds " + labels.length + ", need " + count);
        for (int b = 0; b < count; b++) {
            int beat = indices[from + b];
            if (xStudent != null) fillWindow(student, beat, xStudent, b * ls);
            if (xTeacher != null) fillWindow(teacher, beat, xTeacher, b * lt);
            if (labels != null) labels[b] = beats.label(beat);
        }
    }

    /**
     * What storing every beat's window {@code w} as its own float array would take: the cost
     * this class avoids by cutting windows on demand (compare {@link MitBih#bytes()}).
     */
    public static long materialisedBytes(BeatIndex beats, WindowSpec w) {
        return 4L * w.length() * beats.size();
    }
}
