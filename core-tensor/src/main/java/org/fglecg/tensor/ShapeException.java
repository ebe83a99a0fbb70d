package org.fglecg.tensor;

/** A tensor shape does not fit an op; the message names the op and the shapes involved. */
public class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
