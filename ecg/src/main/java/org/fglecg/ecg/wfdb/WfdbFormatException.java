package org.fglecg.ecg.wfdb;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one exception for bad WFDB input: a missing file, a malformed header line, a truncated or
 * oversized signal file, a checksum mismatch, an annotation file cut short. The message names
 * the file, where in it (line or byte offset) and what is wrong, on one line, e.g.
 * {@code 100.dat: byte 1949997: file ends mid-sample: header says 650000 samples per signal}.
 */
public final class WfdbFormatException extends IOException {
    private final Path file;
    private final String location;
    private final String problem;

    public WfdbFormatException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    public WfdbFormatException(Path file, String location, String problem, Throwable cause) {
        super(file + ": " + (location == null || location.isEmpty() ? "" : location + ": ") + problem, cause);
        this.file = file;
        this.location = location;
        this.problem = problem;
    }

    /** A problem on a 1-based line of a text file. */
    public static WfdbFormatException atLine(Path file, int line, String problem) {
        return new WfdbFormatException(file, "line " + line, problem);
    }

    /** A problem at a byte offset of a binary file. */
    public static WfdbFormatException atByte(Path file, long offset, String problem) {
        return new WfdbFormatException(file, "byte " + offset, problem);
    }

    /** The file that is wrong. */
    public Path file() {
        return file;
    }

    /** Where in the file: {@code "line 3"}, {@code "byte 1024"}, or empty for the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong, without the file and location. */
    public String problem() {
        return problem;
    }
}
