package org.fglecg.ecg.wfdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File access that reports failures as {@link WfdbFormatException}s naming the file. */
final class WfdbFiles {
    private WfdbFiles() {}

    static byte[] readAllBytes(Path file) throws WfdbFormatException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WfdbFormatException(file, "", "no such file");
        } catch (IOException e) {
            throw new WfdbFormatException(file, "", "cannot read: " + e.getMessage(), e);
        }
    }

    static long size(Path file) throws WfdbFormatException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new WfdbFormatException(file, "", "no such file");
        } catch (IOException e) {
            throw new WfdbFormatException(file, "", "cannot read: " + e.getMessage(), e);
        }
    }
}
