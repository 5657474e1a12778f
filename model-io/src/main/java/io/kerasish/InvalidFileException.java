package io.kerasish;

import java.nio.file.Path;

/**
 * A file that kerasish cannot read or write as the format it should be in: not HDF5, truncated, corrupt, or
 * missing an attribute or dataset the Keras layout requires. The message names the file and what is wrong.
 */
public class InvalidFileException extends KerasishException {
    private static final long serialVersionUID = 1L;

    public InvalidFileException(Path file, String message) {
        super(file + ": " + message);
    }

    public InvalidFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
