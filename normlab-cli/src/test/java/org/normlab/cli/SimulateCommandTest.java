package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** normlab simulate and lifecycle on the bundled data. */
class SimulateCommandTest {
    @TempDir
    static Path dir;

    static Path db;
    static final List<String> FILES = List.of("curve.csv", "states.csv", "lifecycle.csv", "diff.csv", "manifest.json");

    @BeforeAll
    static void create() {
        db = dir.resolve("sim.duckdb");
    }

    private static Cli simulate(String scenario, int threads, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "400",
                "--seed",
                "42",
                "--threads",
                Integer.toString(threads),
                "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(db, args.toArray(String[]::new));
    }

    @Test
    void sameSeedGivesByteIdenticalFilesForOneAndTwoThreads() throws Exception {
        String scenario = Path.of("..", "examples", "russia-peace.yaml").toString();
        Path one = dir.resolve("t1");
        Path two = dir.resolve("t2");
        Cli a = simulate(scenario, 1, one);
        Cli b = simulate(scenario, 2, two);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        for (String f : FILES) {
            assertThat(Files.readAllBytes(one.resolve(f))).as(f).isEqualTo(Files.readAllBytes(two.resolve(f)));
        }
        assertThat(Files.readString(one.resolve("curve.csv"))).startsWith("seed,year,in_system,parties_mean");
        assertThat(Files.readString(one.resolve("lifecycle.csv")).lines().count())
                .isGreaterThan(1);
        // Russia's territorial war ends: its probability of being party rises against the baseline
        String diff = Files.readString(one.resolve("diff.csv"));
        assertThat(diff.lines()
                        .skip(1)
                        .mapToDouble(l -> Double.parseDouble(l.split(",")[2]))
                        .max()
                        .orElseThrow())
                .isGreaterThan(0);
    }

    @Test
    void aScenarioWithoutOverridesEqualsItsBaseline() throws Exception {
        Path out = dir.resolve("same");
        Cli r = simulate(Cli.resource("scenarios/no_override.yaml").toString(), 2, out);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("diff.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).contains("parties_diff_mean", "withdrawn_diff_q95");
        for (String line : lines.subList(1, 23)) {
            String[] f = line.split(",");
            for (int i = 2; i < f.length; i++) {
                // the differences are zero; observed_parties, what actually happened, is not a difference
                if (header.get(i).contains("_diff_")) {
                    assertThat(Double.parseDouble(f[i])).as(line).isZero();
                }
            }
        }
        assertThat(r.out()).contains("paired difference +0.00");
    }

    @Test
    void keptReplicatesAreStreamedToParquetIdenticallyForAnyThreadCount() throws Exception {
        String scenario = Path.of("..", "examples", "russia-peace.yaml").toString();
        Path one = dir.resolve("k1");
        Path two = dir.resolve("k2");
        Path none = dir.resolve("k0");
        Cli a = Cli.run(
                db,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "120",
                "--seed",
                "3",
                "--threads",
                "1",
                "--keep-replicates",
                "--out",
                one.toString());
        Cli b = Cli.run(
                db,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "120",
                "--seed",
                "3",
                "--threads",
                "2",
                "--keep-replicates",
                "--out",
                two.toString());
        Cli c = Cli.run(
                db,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "120",
                "--seed",
                "3",
                "--threads",
                "2",
                "--out",
                none.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(c.code()).as(c.err()).isZero();
        for (String f : List.of("replicates.parquet", "events.parquet")) {
            assertThat(Files.readAllBytes(one.resolve(f))).as(f).isEqualTo(Files.readAllBytes(two.resolve(f)));
        }
        // Keeping the replicates changes none of the summaries; the manifest lists the extra files.
        for (String f : List.of("curve.csv", "states.csv", "lifecycle.csv", "diff.csv")) {
            assertThat(Files.readString(one.resolve(f))).as(f).isEqualTo(Files.readString(none.resolve(f)));
        }
        assertThat(Files.readString(one.resolve("manifest.json"))).contains("\"replicates.parquet\"");
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement st = conn.createStatement()) {
            String rows = one.resolve("replicates.parquet").toString().replace("'", "''");
            var r = st.executeQuery("SELECT count(*), count(DISTINCT replicate), min(seed), max(seed), "
                    + "avg(parties) FILTER (WHERE run = 'scenario' AND year = 2030) FROM '" + rows + "'");
            r.next();
            assertThat(r.getLong(1)).isEqualTo(2L * 120 * 22);
            assertThat(r.getLong(2)).isEqualTo(120);
            assertThat(r.getLong(3)).isEqualTo(3);
            assertThat(r.getLong(4)).isEqualTo(3);
            String mean = Files.readAllLines(one.resolve("curve.csv")).stream()
                    .filter(l -> l.startsWith("3,2030,"))
                    .findFirst()
                    .orElseThrow()
                    .split(",")[3];
            assertThat(r.getDouble(5)).isCloseTo(Double.parseDouble(mean), org.assertj.core.data.Offset.offset(1e-4));
            String events = one.resolve("events.parquet").toString().replace("'", "''");
            var e = st.executeQuery("SELECT count(*) FILTER (WHERE transition = 'adoption' AND run = 'scenario'), "
                    + "count(DISTINCT iso3) FROM '" + events + "'");
            e.next();
            long adoptions = e.getLong(1);
            assertThat(e.getLong(2)).as("states that adopt in some replicate").isGreaterThan(10);
            // Every adoption is one event row: their count is the sum of the new parties of every year.
            var sum = st.executeQuery("SELECT sum(new_parties) FROM '" + rows + "' WHERE run = 'scenario'");
            sum.next();
            assertThat(adoptions).isEqualTo(sum.getLong(1)).isPositive();
        }
        try (var files = Files.list(one)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".replicates-"));
        }
    }

    /**
     * The second run of a scenario on an unchanged database takes its prepared world from the cache
     * beside the database and writes the same files; a damaged entry is a miss, not an error.
     */
    @Test
    void thePreparedWorldIsCachedBesideTheDatabase() throws Exception {
        Path base = dir.resolve("cache-db");
        Files.createDirectories(base);
        Path cdb = base.resolve("c.duckdb");
        String scenario = Cli.resource("golden/scenarios/frailty.yaml").toString();
        List<Path> outs = List.of(dir.resolve("c1"), dir.resolve("c2"), dir.resolve("c3"));
        Cli first = Cli.run(
                cdb,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "50",
                "--out",
                outs.get(0).toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path cache = base.resolve("c.duckdb.cache");
        List<Path> entries;
        try (var files = Files.list(cache)) {
            entries = files.toList();
        }
        assertThat(entries).hasSize(1);
        // Mark the entry, so that the manifest shows where the second run's world came from.
        var sc = org.normlab.scenario.ScenarioReader.read(Path.of(scenario));
        var wc = org.normlab.analysis.WorldCache.beside(cdb);
        String key = org.normlab.analysis.WorldCache.key(cdb, sc, null);
        var entry = wc.read(key).orElseThrow();
        String digest = entry.dataDigest();
        assertThat(wc.write(key, new org.normlab.analysis.PreparedWorld("marked", entry.world(), entry.hazards())))
                .isTrue();
        Cli second = Cli.run(
                cdb,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "50",
                "--out",
                outs.get(1).toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.readString(outs.get(1).resolve("manifest.json"))).contains("\"data_digest\" : \"marked\"");
        Files.write(entries.get(0), new byte[] {1, 2, 3});
        Cli third = Cli.run(
                cdb,
                "simulate",
                "--scenario",
                scenario,
                "--replicates",
                "50",
                "--out",
                outs.get(2).toString());
        assertThat(third.code()).as(third.err()).isZero();
        for (String f : FILES) {
            assertThat(Files.readString(outs.get(1).resolve(f)).replace("marked", digest))
                    .as(f)
                    .isEqualTo(Files.readString(outs.get(0).resolve(f)));
            assertThat(Files.readString(outs.get(2).resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readString(outs.get(0).resolve(f)));
        }
        assertThat(Files.size(entries.get(0)))
                .as("the damaged entry is rewritten")
                .isGreaterThan(3);
    }

    @Test
    void badScenariosAreRefusedWithThePathOfTheField() {
        Cli fields = simulate(Cli.resource("scenarios/bad_fields.yaml").toString(), 1, dir.resolve("bad1"));
        assertThat(fields.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(fields.err()).contains("overrides[0].years", "empty range");
        Cli syntax = simulate(Cli.resource("scenarios/bad_syntax.yaml").toString(), 1, dir.resolve("bad2"));
        assertThat(syntax.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(syntax.err()).contains("line ", "YAML");
        Cli missing = simulate(dir.resolve("nope.yaml").toString(), 1, dir.resolve("bad3"));
        assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
        Cli reps = simulate(Cli.resource("scenarios/no_override.yaml").toString(), 1, dir.resolve("bad4"));
        assertThat(reps.code()).isZero();
        Cli tooMany = Cli.run(
                db,
                "simulate",
                "--scenario",
                Cli.resource("scenarios/no_override.yaml").toString(),
                "--replicates",
                "0",
                "--out",
                dir.resolve("bad5").toString());
        assertThat(tooMany.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(tooMany.err()).contains("--replicates must be between 1 and");
        assertThat(dir.resolve("bad1")).doesNotExist();
    }

    @Test
    void lifecycleOfTheObservedData() throws Exception {
        Cli r = Cli.run(db, "lifecycle", "--instrument", "mine-ban");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "tipping point: 1999",
                        "cascade 1999-2003",
                        "internalization 2004-",
                        "regression 2025-",
                        "Bass diffusion fit");
        Cli csv = Cli.run(db, "lifecycle", "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .isEqualTo("year,states,signatories,parties,withdrawn,signatures,consents,withdrawals,party_share");
        Cli json = Cli.run(db, "lifecycle", "--format", "json", "--tipping", "0.5");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json.out())
                        .get("tipping_year")
                        .asInt())
                .isEqualTo(2000); // half the states were party only at the end of 2000
    }
}
