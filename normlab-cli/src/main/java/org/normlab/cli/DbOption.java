package org.normlab.cli;

import java.nio.file.Path;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --db} option shared by every command that reads or writes the database. Its default
 * comes from {@link DbLocation} through the command line's default-value provider (see
 * {@link Main#execute}). Commands that only read open it read-only, so that any number of them run
 * against one file at once; commands that change it open it for writing, which needs the file to
 * themselves.
 */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "PATH",
            description = "DuckDB database file (created and filled with the bundled data on first use; default: "
                    + "$NORMLAB_DB, else $XDG_DATA_HOME/normlab/normlab.duckdb, else "
                    + "~/.local/share/normlab/normlab.duckdb; here ${DEFAULT-VALUE})")
    Path db;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Opens the database for a command that only reads it; notes bundled data that could not be refreshed. */
    NormlabStore openReadOnly() {
        NormlabStore store = NormlabStore.openReadOnly(db);
        if (store.bundledDataOutdated()) {
            command.commandLine()
                    .getErr()
                    .println("note: " + db + " holds the bundled data of another normlab "
                            + "release and cannot be refreshed now (it is read-only or in use); results use that data");
        }
        return store;
    }

    /** Opens the database for a command that changes it. */
    NormlabStore openForWriting() {
        return NormlabStore.openForWriting(db);
    }
}
