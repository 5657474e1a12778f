package io.kerasish;

/** A loss that cannot work with the model's last activation or output shape. */
public class IncompatibleLossException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public IncompatibleLossException(String message) {
        super(message);
    }
}
