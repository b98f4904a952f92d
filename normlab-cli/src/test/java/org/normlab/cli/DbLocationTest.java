package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default database is the user's, wherever normlab runs from; NORMLAB_DB and --db override it. */
class DbLocationTest {
    @TempDir
    Path dir;

    @Test
    void defaultIsInTheUsersDataFolder() {
        Path home = dir.resolve("home");
        assertThat(DbLocation.of(Map.of("HOME", home.toString())).path())
                .isEqualTo(home.resolve(".local/share/normlab/normlab.duckdb"));
        Path xdg = dir.resolve("xdg");
        assertThat(DbLocation.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", xdg.toString()))
                        .path())
                .isEqualTo(xdg.resolve("normlab/normlab.duckdb"));
        // a relative XDG_DATA_HOME is ignored, as the XDG specification asks
        assertThat(DbLocation.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", "rel"))
                        .path())
                .isEqualTo(home.resolve(".local/share/normlab/normlab.duckdb"));
        assertThat(DbLocation.of(Map.of(
                                "HOME",
                                home.toString(),
                                "XDG_DATA_HOME",
                                xdg.toString(),
                                "NORMLAB_DB",
                                "/data/n.duckdb"))
                        .path())
                .isEqualTo(Path.of("/data/n.duckdb"));
    }

    @Test
    void dataWhereNamesTheFileAndWhatChoseIt() {
        Map<String, String> env = Map.of(
                "HOME",
                dir.resolve("home").toString(),
                "XDG_DATA_HOME",
                dir.resolve("xdg").toString());
        Cli r = Cli.runWithEnv(env, "data", "where");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(dir.resolve("xdg/normlab/normlab.duckdb").toString(), "XDG_DATA_HOME", "does not exist yet");
        Cli given = Cli.runWithEnv(
                env, "data", "where", "--db", dir.resolve("mine.duckdb").toString());
        assertThat(given.out()).contains(dir.resolve("mine.duckdb").toString(), "the --db option");
    }

    @Test
    void importsAreSeenByTheNextRunWithoutDb() throws Exception {
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString());
        Path ind = dir.resolve("weariness.csv");
        Files.writeString(ind, "iso3,year,name,value,source\nRUS,2000,war_weariness,0.4,survey\n");
        Cli imported = Cli.runWithEnv(env, "data", "import", ind.toString(), "--kind", "indicators");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(dir.resolve("home/.local/share/normlab/normlab.duckdb")).exists();
        // the path is absolute and does not depend on the working folder
        assertThat(Cli.runWithEnv(env, "data", "list").out()).contains("war_weariness");
        assertThat(Cli.runWithEnv(env, "data", "where").out()).contains("exists");
    }
}
