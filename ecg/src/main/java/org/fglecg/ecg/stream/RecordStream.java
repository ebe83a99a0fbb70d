package org.fglecg.ecg.stream;

import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.nn.FrozenFglNet;

/**
 * A recorded signal played through a {@link StreamingClassifier} as a device sampling at
 * another rate would see it: resampled from the recording's rate to the device's (the same
 * polyphase {@link Resampler}, output sample k being the instant k / deviceRate), pushed in
 * one-second chunks, and each reported beat mapped back to the recording's sample numbers, so
 * the result compares with the recording's reference annotations.
 */
public final class RecordStream {
    private RecordStream() {}

    /**
     * The beats the streaming classifier reports for {@code signal} (physical units, one lead,
     * at {@code signalRate}) played at {@code deviceRate}, as annotations at the signal's sample
     * numbers, in the order reported (by R peak time).
     */
    public static List<Annotation> classify(FrozenFglNet student, float[] signal, int signalRate, int deviceRate) {
        float[] device = resample(signal, signalRate, deviceRate);
        List<Annotation> beats = new ArrayList<>();
        double back = (double) signalRate / deviceRate;
        StreamingClassifier classifier = StreamingClassifier.withDetector(student, deviceRate, (sample, cls, p) ->
                beats.add(Annotation.of(Math.min(signal.length - 1, Math.round(sample * back)), cls.annotationCode())));
        for (int at = 0; at < device.length; at += deviceRate) {
            classifier.push(device, at, Math.min(deviceRate, device.length - at));
        }
        classifier.flush();
        return beats;
    }

    /**
     * {@code x} at {@code to} Hz: the samples at instants k / to covered by x's duration, the
     * input past its end counting as zeros for the last filter taps (as before its start).
     */
    static float[] resample(float[] x, int from, int to) {
        if (from == to) return x;
        Resampler r = new Resampler(from, to);
        float[] out = new float[(int) ((long) x.length * to / from)];
        SampleSink sink = (k, v) -> {
            if (k < out.length) out[(int) k] = v;
        };
        r.push(x, 0, x.length, sink);
        r.push(new float[r.delay() + 1], 0, r.delay() + 1, sink);
        return out;
    }
}
