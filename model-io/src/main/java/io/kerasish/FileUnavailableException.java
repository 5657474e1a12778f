package io.kerasish;

/**
 * A file kerasish needs (pretrained weights, a data file) is not on this machine and could not be fetched, or a
 * fetched copy failed its checksum. The message names the file, the folder to put it in and the address it comes
 * from.
 */
public class FileUnavailableException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public FileUnavailableException(String message) {
        super(message);
    }

    public FileUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
