package org.normlab.cli;

import java.nio.file.Path;

import org.normlab.store.NormlabStore;

import picocli.CommandLine.Option;

/**
 * The {@code --db} option shared by every command that reads or writes the database. Its default
 * comes from {@link DbLocation} through the command line's default-value provider (see
 * {@link Main#execute}).
 */
final class DbOption {
    @Option(names = "--db", paramLabel = "PATH",
            description = "DuckDB database file (created and filled with the bundled data on first use; default: "
                    + "$NORMLAB_DB, else $XDG_DATA_HOME/normlab/normlab.duckdb, else "
                    + "~/.local/share/normlab/normlab.duckdb; here ${DEFAULT-VALUE})")
    Path db;

    NormlabStore open() {
        return NormlabStore.open(db);
    }
}
