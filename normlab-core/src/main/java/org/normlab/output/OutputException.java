package org.normlab.output;

import org.normlab.data.NormlabException;

/**
 * Writing a command's files failed (a full disk, a folder that became read-only) after the
 * destination was checked; the destination holds exactly what it held before. Exit code 1.
 */
public class OutputException extends NormlabException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
