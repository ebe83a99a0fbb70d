package org.fglecg.ecg.stream;

import org.fglecg.ecg.data.AamiClass;

/** Receives each classified beat once, in order of its R peak. */
@FunctionalInterface
public interface BeatListener {
    /**
     * @param sample        the R peak's sample number in the input's own rate (0 = first sample pushed)
     * @param predicted     the most probable AAMI class
     * @param probabilities softmax probabilities in {@link AamiClass} order; the array is reused
     *                      for the next beat, so copy it to keep it
     */
    void beat(long sample, AamiClass predicted, float[] probabilities);
}
