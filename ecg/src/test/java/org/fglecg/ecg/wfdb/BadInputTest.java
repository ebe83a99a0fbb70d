package org.fglecg.ecg.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fglecg.ecg.MitDb;
import org.fglecg.ecg.data.MitBih;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input raises a WfdbFormatException naming the file, where, and what. */
class BadInputTest {
    @TempDir
    Path dir;
    private String header;

    @BeforeEach
    void copyRecord100() throws Exception {
        for (String ext : new String[] {"hea", "dat", "atr"}) {
            Files.copy(MitDb.dir().resolve("100." + ext), dir.resolve("100." + ext));
        }
        header = Files.readString(dir.resolve("100.hea"), StandardCharsets.US_ASCII);
    }

    private WfdbFormatException failsOpening() {
        return assertThrows(WfdbFormatException.class, () -> WfdbRecord.open(dir, "100").readAll());
    }

    private void writeHeader(String text) throws Exception {
        Files.writeString(dir.resolve("100.hea"), text, StandardCharsets.US_ASCII);
    }

    @Test
    void truncatedSignalFile() throws Exception {
        byte[] dat = Files.readAllBytes(dir.resolve("100.dat"));
        Files.write(dir.resolve("100.dat"), Arrays.copyOf(dat, 1_000_001));
        WfdbFormatException e = failsOpening();
        assertEquals(dir.resolve("100.dat"), e.file());
        assertEquals("byte 1000001", e.location());
        assertTrue(e.getMessage().contains("file ends after 333333 complete samples per signal"), e.getMessage());
    }

    @Test
    void headerSampleCountDisagreesWithFile() throws Exception {
        writeHeader(header.replace("650000", "650001"));
        assertTrue(failsOpening().getMessage().contains("says 650001"));
        writeHeader(header.replace("650000", "649999"));
        WfdbFormatException e = failsOpening();
        assertEquals("byte 1949997", e.location());
        assertTrue(e.getMessage().contains("3 bytes beyond the 649999 samples"), e.getMessage());
    }

    @Test
    void unknownFormat() throws Exception {
        writeHeader(header.replaceFirst("100.dat 212", "100.dat 999"));
        WfdbFormatException e = failsOpening();
        assertEquals(dir.resolve("100.hea"), e.file());
        assertEquals("line 2", e.location());
        assertTrue(e.problem().startsWith("unknown or unsupported signal format 999"), e.getMessage());
    }

    @Test
    void nonNumericFields() throws Exception {
        writeHeader(header.replaceFirst("212 200 11", "212 2x0 11"));
        assertEquals("line 2: ADC gain is not a number: '2x0'", failsOpening().getMessage().replace(dir.resolve("100.hea") + ": ", ""));
        writeHeader(header.replaceFirst("100 2 360", "100 two 360"));
        WfdbFormatException e = failsOpening();
        assertEquals("line 1", e.location());
        assertEquals("number of signals is not an integer: 'two'", e.problem());
    }

    @Test
    void checksumMismatch() throws Exception {
        byte[] dat = Files.readAllBytes(dir.resolve("100.dat"));
        dat[300_000] ^= 0x01; // low byte of a signal-0 sample
        Files.write(dir.resolve("100.dat"), dat);
        WfdbFormatException e = failsOpening();
        assertEquals("signal 0 (MLII)", e.location());
        assertTrue(e.problem().contains("does not match the header's -22131"), e.getMessage());
    }

    @Test
    void annotationFileCutMidWord() throws Exception {
        byte[] atr = Files.readAllBytes(dir.resolve("100.atr"));
        Files.write(dir.resolve("100.atr"), Arrays.copyOf(atr, 1001));
        WfdbFormatException e = assertThrows(WfdbFormatException.class, () -> AnnotationFile.read(dir, "100", "atr"));
        assertEquals(dir.resolve("100.atr") + ": byte 1000: file ends mid-word", e.getMessage());
        Files.write(dir.resolve("100.atr"), Arrays.copyOf(atr, 1000));
        e = assertThrows(WfdbFormatException.class, () -> AnnotationFile.read(dir, "100", "atr"));
        assertTrue(e.problem().contains("end-of-file marker"), e.getMessage());
    }

    @Test
    void missingFiles() throws Exception {
        Files.delete(dir.resolve("100.dat"));
        WfdbFormatException e = failsOpening();
        assertEquals(dir.resolve("100.dat") + ": no such file", e.getMessage());
        e = assertThrows(WfdbFormatException.class, () -> Header.read(dir, "999"));
        assertEquals(dir.resolve("999.hea") + ": no such file", e.getMessage());
        e = assertThrows(WfdbFormatException.class, () -> AnnotationFile.read(dir, "100", "qrs"));
        assertEquals(dir.resolve("100.qrs") + ": no such file", e.getMessage());
        e = assertThrows(WfdbFormatException.class, () -> MitBih.loader(dir.resolve("nowhere")).cacheDir(null).load());
        assertTrue(e.getMessage().contains("no such directory"));
    }

    @Test
    void missingLead() throws Exception {
        writeHeader(header.replace("MLII", "II"));
        WfdbFormatException e = assertThrows(WfdbFormatException.class,
                () -> MitBih.loader(dir).records(java.util.List.of("100")).cacheDir(null).load());
        assertTrue(e.getMessage().contains("no signal named 'MLII' (signals: [II, V5])"), e.getMessage());
    }
}
