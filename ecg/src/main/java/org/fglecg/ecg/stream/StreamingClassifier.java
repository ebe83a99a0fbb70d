package org.fglecg.ecg.stream;

import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.detect.QrsDetector;
import org.fglecg.ecg.train.Logits;
import org.fglecg.nn.FrozenFglNet;

/**
 * Raw ECG in, classified beats out, for embedding: push one lead's samples (physical units, mV)
 * in chunks of any length at the device's rate (125-1000 Hz); each beat is reported once to a
 * {@link BeatListener} as (R-peak sample in the input's rate, AAMI class, probabilities).
 *
 * <p>The path, sample by sample: {@link QrsDetector} on the input at its own rate finds the R
 * peaks; {@link Resampler} brings the signal to the model's 360 Hz; {@link StreamingBaseline}
 * removes the baseline as the offline preprocessing does (two-stage median 72 / 216); once the
 * student window around a peak (90 samples before, 90 after at 360 Hz) is corrected, the student
 * classifies it. Or, with {@link #withBeats}, the caller gives the R peaks (e.g. from a
 * reference annotation file) through {@link #markBeat}.
 *
 * <p><b>Delay.</b> A beat is reported once both are true: the detector has reported it
 * (0.41-0.57 s after the R peak at 360 Hz by the threshold rule, up to 1.5 RR intervals for a
 * search-back beat, and at 8 s for the beats of the first 8 s, its learning period), and its
 * window is corrected: 90 + 142 samples at 360 Hz (0.64 s) plus the resampler's delay
 * ({@link Resampler#delay()} input samples; none at 360 Hz). {@link #maxDelaySeconds()} bounds it
 * for threshold-rule beats. A beat reported later than {@link #HISTORY_SECONDS} after its peak
 * is no longer in the signal history and is counted in {@link #missed()} instead.
 *
 * <p>Away from the start and end of a stream, the same R peaks give the same windows, bit for
 * bit, as the offline path ({@link org.fglecg.ecg.data.BeatDataset#fillWindow} on a
 * preprocessed 360 Hz record); the same chunks or other chunk sizes give the same beats and
 * labels. {@link #flush} ends the stream and classifies the last beats with the window padded by
 * the last sample, as offline. One producer thread. Nothing is allocated per sample or per beat in
 * steady state: the signal path works in rings and the student runs on {@link FrozenFglNet}.
 */
public final class StreamingClassifier {
    /** How much corrected 360 Hz signal is kept for beats reported late. */
    public static final double HISTORY_SECONDS = 45;
    private static final int MODEL_RATE = 360;

    private final FrozenFglNet student;
    private final int rate;
    private final QrsDetector detector;        // null when the caller marks beats
    private final Resampler resampler;
    private final StreamingBaseline baseline;
    private final BeatListener listener;
    private final WindowSpec window = WindowSpec.STUDENT;

    private final float[] corrected = new float[1 << 14];   // ring: corrected 360 Hz samples
    private long correctedCount;
    private long[] pendingIn = new long[64], pendingModel = new long[64];   // ring of beats awaiting their window
    private int pendingHead, pendingCount;
    private long lastMarked = -1, missed;
    private boolean finished;
    private final float[] input, logits = new float[AamiClass.COUNT], probabilities = new float[AamiClass.COUNT];
    private final float[] one = new float[1];
    private final SampleSink toBaseline, toHistory;
    private final java.util.function.LongConsumer toPending = this::enqueue;

    private StreamingClassifier(FrozenFglNet student, int rate, boolean detect, BeatListener listener) {
        if (student.config.length() != window.length())
            throw new IllegalArgumentException("the streaming classifier runs a student (window " + window.length()
                    + " samples); this model takes " + student.config.length());
        this.student = student;
        this.rate = rate;
        this.listener = listener;
        resampler = new Resampler(rate, MODEL_RATE);
        Preprocessing p = Preprocessing.DEFAULT;
        baseline = new StreamingBaseline(p.firstWindow(), p.secondWindow());
        detector = detect ? new QrsDetector(rate) : null;
        input = new float[window.length()];
        toHistory = (t, v) -> {
            corrected[(int) (t & (corrected.length - 1))] = v;
            correctedCount = t + 1;
        };
        toBaseline = (k, v) -> {
            one[0] = v;
            baseline.push(one, 0, 1, toHistory);
        };
    }

    /** Detects the beats itself (the device case). {@code student}: e.g. {@code FrozenFglNet.of(trained)}. */
    public static StreamingClassifier withDetector(FrozenFglNet student, int rate, BeatListener listener) {
        return new StreamingClassifier(student, rate, true, listener);
    }

    /** Classifies the R peaks the caller gives with {@link #markBeat}. */
    public static StreamingClassifier withBeats(FrozenFglNet student, int rate, BeatListener listener) {
        return new StreamingClassifier(student, rate, false, listener);
    }

    public void push(float[] x, int off, int len) {
        if (finished) throw new IllegalStateException("flush() ended the stream");
        for (int i = 0; i < len; i++) {
            float v = x[off + i];
            if (detector != null) {
                detector.next(v);
                detector.drain(toPending);
            }
            resampler.push(x, off + i, 1, toBaseline);
            classifyReady();
        }
    }

    /** An R peak at {@code sample} (input rate), in increasing order; only with {@link #withBeats}. */
    public void markBeat(long sample) {
        if (detector != null) throw new IllegalStateException("this classifier detects its beats itself");
        if (sample <= lastMarked) throw new IllegalArgumentException("beats must be marked in increasing order: "
                + sample + " after " + lastMarked);
        lastMarked = sample;
        enqueue(sample);
        classifyReady();
    }

    /** Ends the stream: the last beats, their windows padded by the last sample. */
    public void flush() {
        if (finished) return;
        finished = true;
        if (detector != null) {
            detector.finish();
            detector.drain(toPending);
        }
        baseline.flush(toHistory);
        while (pendingCount > 0) classify(pendingIn[pendingHead], pendingModel[pendingHead]);
    }

    /** Beats reported so late their window had left the signal history. */
    public long missed() {
        return missed;
    }

    /** The longest delay from an R peak to its report, for beats the threshold rule finds. */
    public double maxDelaySeconds() {
        double window = (this.window.right() + baseline.delay()) / (double) MODEL_RATE
                + resampler.delay() / (double) rate;
        return detector == null ? window : Math.max(window, detector.maxThresholdDelaySeconds());
    }

    private void enqueue(long sampleIn) {
        if (pendingCount == pendingIn.length) grow();
        int at = (pendingHead + pendingCount++) & (pendingIn.length - 1);
        pendingIn[at] = sampleIn;
        pendingModel[at] = Math.round(sampleIn * (double) MODEL_RATE / rate);
    }

    private void grow() {   // only when more than 64 beats wait at once: never in steady state
        long[] a = new long[2 * pendingIn.length], b = new long[2 * pendingIn.length];
        for (int i = 0; i < pendingCount; i++) {
            a[i] = pendingIn[(pendingHead + i) & (pendingIn.length - 1)];
            b[i] = pendingModel[(pendingHead + i) & (pendingIn.length - 1)];
        }
        pendingIn = a;
        pendingModel = b;
        pendingHead = 0;
    }

    private void classifyReady() {
        while (pendingCount > 0) {
            long r = pendingModel[pendingHead];
            if (r - window.left() + window.length() > correctedCount) return;   // window not corrected yet
            classify(pendingIn[pendingHead], r);
        }
    }

    private void classify(long sampleIn, long r) {
        pendingHead = (pendingHead + 1) & (pendingIn.length - 1);
        pendingCount--;
        long start = r - window.left();
        if (start < correctedCount - corrected.length || correctedCount == 0) {
            missed++;
            return;
        }
        for (int j = 0; j < input.length; j++) {
            long t = Math.max(0, Math.min(correctedCount - 1, start + j));   // edge replicate, as offline
            input[j] = corrected[(int) (t & (corrected.length - 1))];
        }
        student.logits(input, 0, 1, logits, 0);
        Logits.softmax(logits, 0, probabilities.length, probabilities);
        listener.beat(sampleIn, AamiClass.ofIndex(Logits.argmax(logits, 0, probabilities.length)), probabilities);
    }
}
