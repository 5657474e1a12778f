package io.kerasish;

/** Training or prediction data that cannot be used as given: NaN or infinite values, ragged rows, bad labels. */
public class InvalidDataException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }
}
