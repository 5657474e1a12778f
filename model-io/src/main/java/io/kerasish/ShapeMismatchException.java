package io.kerasish;

/** Data or a layer whose shape does not fit where it is used; the message names the layer and both shapes. */
public class ShapeMismatchException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}
