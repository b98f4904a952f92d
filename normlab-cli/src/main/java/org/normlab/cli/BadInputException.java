package org.normlab.cli;

import org.normlab.data.InputException;

/** An option value the user must change (exit code 2). */
final class BadInputException extends InputException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(null, null, message);
    }
}
