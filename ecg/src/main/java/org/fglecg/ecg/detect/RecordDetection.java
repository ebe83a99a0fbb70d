package org.fglecg.ecg.detect;

import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.wfdb.Annotation;
import org.fglecg.ecg.wfdb.AnnotationCode;
import org.fglecg.ecg.wfdb.Header;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbFormatException;
import org.fglecg.ecg.wfdb.WfdbRecord;

/**
 * Runs the {@link QrsDetector} on a WFDB record: on lead MLII when the record has it (the lead
 * MIT-BIH's beats are annotated on and the classifier uses), else on the first signal (records
 * 102 and 104 have no MLII), in physical units.
 */
public final class RecordDetection {
    private RecordDetection() {}

    /** The lead the detector reads: MLII, else signal 0. */
    public static int detectionSignal(Header header) {
        int i = header.signalIndex("MLII");
        if (i >= 0) return i;
        if (header.numSignals() == 0) {
            throw new IllegalArgumentException("record " + header.recordName() + " has no signals");
        }
        return 0;
    }

    /** Detects the beats of a record: R-peak sample numbers, in order. */
    public static long[] detect(WfdbRecord record) throws WfdbFormatException {
        Header h = record.header();
        int s = detectionSignal(h);
        SignalSpec spec = h.signals().get(s);
        if (spec.samplesPerFrame() != 1) {
            throw new WfdbFormatException(java.nio.file.Path.of(h.recordName() + ".hea"), "signal " + s,
                    spec.samplesPerFrame() + " samples per frame are not supported by the detector");
        }
        if (record.numSamples() > Integer.MAX_VALUE) {
            throw new WfdbFormatException(java.nio.file.Path.of(h.recordName() + ".hea"), "",
                    record.numSamples() + " samples are too many to read at once");
        }
        int[] adc = record.read(s, 0, (int) record.numSamples());
        return QrsDetector.detect(spec.toPhysical(adc), h.samplingFrequency());
    }

    /** Beats as WFDB annotations: each a normal beat (code N), since the detector does not classify. */
    public static List<Annotation> annotations(long[] beats) {
        List<Annotation> out = new ArrayList<>(beats.length);
        for (long b : beats) out.add(Annotation.of(b, AnnotationCode.NORMAL));
        return out;
    }
}
