package org.normlab.store;

import org.normlab.data.NormlabException;

/**
 * The database file is locked by another connection: a process writing to it (which also keeps
 * readers out) or, for a writer, any process reading it. The message names the holder when
 * DuckDB reports it. A refusal: nothing was read or changed.
 */
public final class DatabaseInUseException extends NormlabException {
    DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
