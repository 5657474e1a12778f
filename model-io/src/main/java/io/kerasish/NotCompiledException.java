package io.kerasish;

/** A model used for training or evaluation before {@code compile(...)} was called. */
public class NotCompiledException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public NotCompiledException(String message) {
        super(message);
    }
}
