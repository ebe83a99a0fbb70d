package org.fglecg.ecg.stream;

/**
 * Receives a stream's output samples, each once and in order, with its index in the output
 * stream (0 = the first). A callback rather than a returned array, so steady-state streaming
 * allocates nothing.
 */
@FunctionalInterface
public interface SampleSink {
    void sample(long index, float value);
}
