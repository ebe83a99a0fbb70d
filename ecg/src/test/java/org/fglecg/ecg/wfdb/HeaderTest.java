package org.fglecg.ecg.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;

class HeaderTest {
    private static final Path F = Path.of("x.hea");

    @Test
    void everyFieldOfTheRecordAndSignalLines() throws Exception {
        Header h = Header.parse("# leading comment\r\n"
                + "rec 2 360/180(5.5) 1000 12:30:00 25/4/1989\r\n"
                + "rec.dat 16x2:3+512 200.5(1024)/uV 12 10 7 -321 0 ECG lead II\r\n"
                + "rec.dat 16x2:1+512\r\n"
                + "# age 69\r\n", F);
        assertEquals("rec", h.recordName());
        assertEquals(360, h.samplingFrequency());
        assertEquals(180, h.counterFrequency());
        assertEquals(5.5, h.baseCounter());
        assertEquals(1000, h.numSamples());
        assertEquals("12:30:00", h.baseTime());
        assertEquals("25/4/1989", h.baseDate());
        SignalSpec s = h.signals().get(0);
        assertEquals(new SignalSpec("rec.dat", 16, 2, 3, 512, 200.5, 1024, "uV", 12, 10, 7, -321, 0, "ECG lead II"), s);
        // Defaults of omitted fields: gain 200, baseline = ADC zero, resolution 12, mV.
        assertEquals(new SignalSpec("rec.dat", 16, 2, 1, 512, 200, 0, "mV", 12, 0, 0, null, 0, ""), h.signals().get(1));
        assertEquals(java.util.List.of("leading comment", "age 69"), h.comments());
        assertEquals(h, Header.parse(h.toText(), F));
    }

    @Test
    void minimalRecordLineTakesDefaults() throws Exception {
        Header h = Header.parse("r0 0\n", F);
        assertEquals(250, h.samplingFrequency());
        assertEquals(-1, h.numSamples());
        assertNull(h.baseTime());
        assertEquals(0, h.numSignals());
    }

    @Test
    void realHeaderRoundTrips() throws Exception {
        Header h = Header.read(MitDb.dir(), "114");
        assertEquals("V5", h.signals().get(0).description());
        assertEquals("MLII", h.signals().get(1).description());
        assertEquals(-13230, h.signals().get(1).checksum());
        assertEquals(h, Header.parse(h.toText(), F));
    }
}
