package org.fglecg.ecg.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.data.EcgRecord;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.wfdb.WfdbFormatException;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectedRecordTest {
    @TempDir Path tmp;

    /** The classifier's input signal, as training preprocesses it, with the detector's beats. */
    @Test
    void preprocessedLeadWithDetectedBeats() throws Exception {
        EcgRecord detected = DetectedRecord.load(MitDb.dir(), "208", Preprocessing.DEFAULT);
        EcgRecord annotated = MitDb.database().record("208");
        assertArrayEquals(annotated.signal(), detected.signal());
        long[] beats = RecordDetection.detect(WfdbRecord.open(MitDb.dir(), "208"));
        assertEquals(beats.length, detected.numBeats());
        for (int i = 0; i < beats.length; i++) {
            assertEquals(beats[i], detected.beatSample(i));
            assertEquals(0, detected.beatLabel(i));
        }
    }

    @Test
    void worksWithoutAnAnnotationFileAndNamesAMissingLead() throws Exception {
        for (String ext : new String[] {"hea", "dat"}) Files.copy(MitDb.dir().resolve("102." + ext), tmp.resolve("102." + ext));
        assertTrue(DetectedRecord.load(tmp, "102", new Preprocessing("V5", 72, 216)).numBeats() > 2000);
        WfdbFormatException e = assertThrows(WfdbFormatException.class, () -> DetectedRecord.load(tmp, "102", Preprocessing.DEFAULT));
        assertTrue(e.getMessage().contains("no signal named 'MLII'"), e.getMessage());
    }
}
