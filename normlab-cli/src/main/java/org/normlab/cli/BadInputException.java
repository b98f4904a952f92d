package org.normlab.cli;

import org.normlab.data.NormlabException;

/** An option value the user must change (exit code 2). */
final class BadInputException extends NormlabException {
    BadInputException(String message) {
        super(message);
    }
}
