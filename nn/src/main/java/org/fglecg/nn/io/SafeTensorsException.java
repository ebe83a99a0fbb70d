package org.fglecg.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that cannot be used: the message names the file and, where known, the tensor. */
public final class SafeTensorsException extends IOException {
    public SafeTensorsException(Path file, String tensor, String problem) {
        super(file + (tensor == null ? "" : ": tensor '" + tensor + "'") + ": " + problem);
    }
}
