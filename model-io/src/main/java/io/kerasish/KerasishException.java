package io.kerasish;

/**
 * The root of every error kerasish reports on purpose. Each message names what was wrong (the layer, the file,
 * the field) and how to fix it; subclasses let callers catch one kind of problem.
 */
public class KerasishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KerasishException(String message) {
        super(message);
    }

    public KerasishException(String message, Throwable cause) {
        super(message, cause);
    }
}
