package org.fglecg.nn.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writing a file failed (disk full, no permission, ...): the message names the file and the
 * cause, so a caller can add what remains committed.
 */
public final class FileWriteException extends IOException {
    private final Path file;

    public FileWriteException(Path file, IOException cause) {
        super("writing " + file + " failed: " + reason(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The cause in words: file-system exceptions often carry only a path, or only a reason. */
    private static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        if (m == null) return kind;
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() == null)
            return (e instanceof NoSuchFileException ? "no such file or directory" : kind) + " (" + m + ")";
        return m;
    }
}
