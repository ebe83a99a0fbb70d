package org.fglecg.ecg.stream;

/**
 * Baseline-wander removal in streaming form: the two-stage median of
 * {@link org.fglecg.ecg.data.MedianBaseline} (widths w1 then w2, 72 and 216 at 360 Hz)
 * subtracted from the signal, one sample in, one corrected sample out, after a fixed delay of
 * {@link #delay()} samples (the future half of both windows: 35 + 107 = 142 samples, 394 ms, at
 * the defaults). {@link #flush} ends the stream; a record streamed in chunks of any size and
 * flushed equals {@code MedianBaseline.remove} on the whole record bit for bit.
 *
 * <p>Allocation-free after construction; one producer thread.
 */
public final class StreamingBaseline {
    private final MedianStage first, second;
    private final float[] raw;        // ring of samples awaiting their baseline
    private long rawIn;
    private SampleSink out;
    // The stages' sinks, made once: a method reference per sample would allocate.
    private final SampleSink subtract, toSecond;

    public StreamingBaseline(int w1, int w2) {
        first = new MedianStage(w1);
        second = new MedianStage(w2);
        raw = new float[delay() + 1];
        subtract = this::corrected;
        toSecond = (t, m) -> second.push(m, subtract);
    }

    /** Samples between a sample's arrival and its corrected value. */
    public int delay() {
        return first.delay() + second.delay();
    }

    public void push(float[] x, int off, int len, SampleSink sink) {
        out = sink;
        for (int i = 0; i < len; i++) {
            raw[(int) (rawIn++ % raw.length)] = x[off + i];
            first.push(x[off + i], toSecond);
        }
    }

    /** Ends the stream: emits the last {@link #delay()} corrected samples. */
    public void flush(SampleSink sink) {
        out = sink;
        first.flush(toSecond);
        second.flush(subtract);
    }

    private void corrected(long t, float baseline) {
        out.sample(t, raw[(int) (t % raw.length)] - baseline);
    }
}
