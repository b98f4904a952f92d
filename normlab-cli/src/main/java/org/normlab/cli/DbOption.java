package org.normlab.cli;

import java.nio.file.Path;

import org.normlab.store.NormlabStore;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that reads or writes the database. */
final class DbOption {
    static final String DEFAULT = "normlab-data/normlab.duckdb";

    @Option(names = "--db", paramLabel = "PATH", defaultValue = DEFAULT,
            description = "DuckDB database file (created and filled with the bundled data on first use; "
                    + "default: ${DEFAULT-VALUE})")
    Path db;

    NormlabStore open() {
        return NormlabStore.open(db);
    }
}
