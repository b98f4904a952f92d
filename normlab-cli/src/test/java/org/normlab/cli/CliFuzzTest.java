package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.testing.Fuzz;
import org.normlab.testing.SeedFiles;

/**
 * Mutated scenarios and CSV files through the command line: every run ends with exit code 0 or 2,
 * prints no stack trace, leaves an output folder only when it is complete, and a refused import
 * leaves every stored table as it was. Tries are few, as each run opens the database.
 */
class CliFuzzTest {
    @TempDir
    static Path dir;

    static Path db;
    static final AtomicInteger RUN = new AtomicInteger();
    /** The digest of the store after the last run. */
    static String stored;

    static final List<String> OUTPUTS =
            List.of("curve.csv", "states.csv", "lifecycle.csv", "diff.csv", "manifest.json");

    static final String YAML = """
            instrument: mine-ban
            model:
              coefficients: {"(Intercept)": -2.5, log_duration: -1.0, share_global: 2.0, conflict_territorial: -1.2}
              withdrawal:
                coefficients: {"(Intercept)": -9.0, border_war: 4.0}
            start: 2020
            horizon: 2030
            overrides:
              - states: [RUS]
                variable: conflict_territorial
                years: 2021-2030
                value: 0
            incentives:
              - name: offer
                coefficient: 1.5
                states: [RUS, {subregion: Eastern Europe}]
                years: 2025-2030
            """;
    static final String JSON = """
            {"instrument": "mine-ban",
             "model": {"coefficients": {"(Intercept)": -2.5, "share_global": 2.0}, "frailty_sd": 0.5},
             "start": 2020,
             "horizon": 2030,
             "overrides": [
               {"states": ["USA"], "variable": "polity2", "years": "2021-2030", "delta": 1}
             ]}
            """;

    @BeforeAll
    static void create() {
        db = dir.resolve("fuzz.duckdb");
        assertThat(Cli.run(db, "data", "list").code()).isZero();
    }

    @Test
    void mutatedScenariosGiveExitZeroOrTwoAndCompleteOutputsOnly() {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Fuzz.forAll(
                10,
                rng -> {
                    boolean json = rng.nextBoolean();
                    // Zero to two mutations: a run reaches the simulation often enough to check its outputs.
                    return (json ? "json:" : "yaml:") + Fuzz.mutated(rng, List.of(json ? JSON : YAML), 0, 2);
                },
                input -> {
                    int n = RUN.incrementAndGet();
                    String ext = input.substring(0, 4);
                    Path scenario = dir.resolve("s" + n + "." + ext);
                    Files.writeString(scenario, input.substring(5), StandardCharsets.UTF_8);
                    Path out = dir.resolve("out" + n);
                    Cli r = Cli.run(
                            db,
                            "simulate",
                            "--scenario",
                            scenario.toString(),
                            "--replicates",
                            "2",
                            "--threads",
                            "1",
                            "--out",
                            out.toString());
                    assertThat(r.code()).as(r.err()).isIn(0, Main.BAD_INPUT);
                    HostileInputTest.assertNoTrace(r);
                    (r.code() == 0 ? done : refused).incrementAndGet();
                    if (r.code() == 0) {
                        for (String f : OUTPUTS) {
                            assertThat(out.resolve(f)).isNotEmptyFile();
                        }
                    } else {
                        assertThat(out).doesNotExist();
                        assertThat(r.err()).contains(scenario.getFileName() + ": ");
                    }
                });
        // Both ends were reached: a run that simulated and wrote, and a refusal.
        assertThat(done).as("runs that simulated").hasPositiveValue();
        assertThat(refused).as("runs that were refused").hasPositiveValue();
    }

    @Test
    void mutatedImportsGiveExitZeroOrTwoAndARefusalChangesNothing() throws Exception {
        List<String> seeds = List.of(
                "instrument\n" + SeedFiles.INSTRUMENT,
                "indicators\n" + SeedFiles.INDICATORS,
                "ties\n" + SeedFiles.TIES);
        // The digest sees an import: a test of refusals that could not fail would prove nothing.
        String initial = digest(db);
        Path first = dir.resolve("first.csv");
        Files.writeString(first, SeedFiles.INDICATORS, StandardCharsets.UTF_8);
        assertThat(Cli.run(db, "data", "import", first.toString(), "--kind", "indicators")
                        .code())
                .isZero();
        stored = digest(db);
        assertThat(stored).isNotEqualTo(initial);
        Fuzz.forAll(
                8,
                rng -> {
                    String seed = seeds.get(rng.nextInt(seeds.size()));
                    int cut = seed.indexOf('\n');
                    return seed.substring(0, cut + 1) + Fuzz.mutated(rng, List.of(seed.substring(cut + 1)), 0, 3);
                },
                input -> {
                    int n = RUN.incrementAndGet();
                    int cut = input.indexOf('\n');
                    String kind = input.substring(0, cut);
                    Path file = dir.resolve("import" + n + ".csv");
                    Files.writeString(file, input.substring(cut + 1), StandardCharsets.UTF_8);
                    List<String> args =
                            new ArrayList<>(List.of("data", "import", file.toString(), "--kind", kind, "--replace"));
                    if (kind.equals("instrument")) {
                        args.addAll(List.of("--id", "fuzz-treaty", "--title", "Fuzz treaty", "--opened", "1997-12-03"));
                    }
                    String before = stored;
                    Cli r = Cli.run(db, args.toArray(String[]::new));
                    stored = digest(db);
                    assertThat(r.code()).as(r.err()).isIn(0, Main.BAD_INPUT);
                    HostileInputTest.assertNoTrace(r);
                    if (r.code() != 0) {
                        assertThat(stored)
                                .as("the store after a refused import")
                                .isEqualTo(before);
                        assertThat(r.err()).contains(file + ":");
                    }
                });
    }

    /**
     * A digest of every row of every table of the database: per table, its row count and the sum of
     * DuckDB's 64-bit hashes of its rows (whole rows, every column), which any changed, added or
     * removed row changes.
     */
    static String digest(Path database) throws Exception {
        Properties read = new Properties();
        read.setProperty("duckdb.read_only", "true");
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), read);
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'main' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).isNotEmpty();
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*), sum(hash(r)::HUGEINT)::VARCHAR" + " FROM \"" + t + "\" AS r")) {
                    rs.next();
                    all.append(t)
                            .append(' ')
                            .append(rs.getLong(1))
                            .append(' ')
                            .append(rs.getString(2))
                            .append('\n');
                }
            }
        }
        return all.toString();
    }
}
