package org.fglecg.nn.io;

/** The safetensors element types this library reads and writes (little-endian). */
public enum DType {
    /** IEEE float32: weights, activations, BatchNorm running statistics. */
    F32(4),
    /** int64: PyTorch's BatchNorm {@code num_batches_tracked}, labels in fixtures. */
    I64(8);

    /** Bytes per element. */
    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }
}
