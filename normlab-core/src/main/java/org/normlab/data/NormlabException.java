package org.normlab.data;

/**
 * Root of the errors normlab reports to users: bad input, unknown identifiers, refused
 * operations. Its message is meant to be printed as is, without a stack trace.
 */
public class NormlabException extends RuntimeException {
    public NormlabException(String message) {
        super(message);
    }

    public NormlabException(String message, Throwable cause) {
        super(message, cause);
    }
}
