package io.kerasish;

/** An argument or configuration value outside what the layer, optimizer or method accepts. */
public class InvalidConfigException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
