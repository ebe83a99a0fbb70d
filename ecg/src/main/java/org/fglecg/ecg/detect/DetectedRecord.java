package org.fglecg.ecg.detect;

import java.nio.file.Path;
import org.fglecg.ecg.data.EcgRecord;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbFormatException;
import org.fglecg.ecg.wfdb.WfdbRecord;

/**
 * A record prepared for the classifier with beats from the {@link QrsDetector} instead of a
 * reference annotation file: the lead preprocessed as {@link Preprocessing} says (as for
 * training), and the detected R peaks. The detector does not classify, so every beat's label
 * is 0 (N), a placeholder: compare the predictions with a reference, if there is one, through
 * {@link org.fglecg.ecg.eval.BeatMatcher}.
 */
public final class DetectedRecord {
    private DetectedRecord() {}

    /** Reads {@code dir/name}, detects its beats (on {@link RecordDetection}'s lead) and preprocesses {@code p.lead()}. */
    public static EcgRecord load(Path dir, String name, Preprocessing p) throws WfdbFormatException {
        WfdbRecord rec = WfdbRecord.open(dir, name);
        int lead = rec.signalIndex(p.lead());
        SignalSpec spec = rec.header().signals().get(lead);
        int[][] all = rec.readAll(); // verifies the checksums
        long[] beats = RecordDetection.detect(rec);
        int[] samples = new int[beats.length];
        for (int i = 0; i < beats.length; i++) samples[i] = (int) beats[i];
        return new EcgRecord(name, rec.header().samplingFrequency(), p.apply(all[lead], spec), samples, new byte[beats.length]);
    }
}
