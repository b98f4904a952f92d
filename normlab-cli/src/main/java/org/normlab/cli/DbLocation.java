package org.normlab.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the database lives when {@code --db} is not given: {@code $NORMLAB_DB}, else
 * {@code $XDG_DATA_HOME/normlab/normlab.duckdb} (an absolute {@code XDG_DATA_HOME} only, as the
 * XDG base-directory specification asks), else {@code ~/.local/share/normlab/normlab.duckdb}; so
 * that every folder normlab is run from uses the same database. The environment is passed in, so
 * tests never touch the real home.
 *
 * @param path   the database file
 * @param source what chose it, in words
 */
record DbLocation(Path path, String source) {
    static final String FILE = "normlab.duckdb";

    static DbLocation of(Map<String, String> env) {
        String db = env.get("NORMLAB_DB");
        if (db != null && !db.isBlank()) {
            return new DbLocation(Path.of(db), "the NORMLAB_DB environment variable");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new DbLocation(Path.of(xdg, "normlab", FILE), "XDG_DATA_HOME (the user's data folder)");
        }
        String home = env.get("HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return new DbLocation(
                base.resolve(Path.of(".local", "share", "normlab", FILE)),
                "the default user data folder ~/.local/share/normlab");
    }
}
