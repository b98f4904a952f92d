package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same commands print and write the same bytes under a Turkish, a German and an American
 * default locale: dotted and dotless i, decimal commas and the like never reach an output.
 */
class LocaleIndependenceTest {
    @TempDir
    Path dir;

    /** Runs a few commands on a database created under {@code locale}; every output by name. */
    private Map<String, String> outputs(Locale locale) throws IOException {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            Path base = Files.createDirectories(dir.resolve(locale.toLanguageTag()));
            Path db = base.resolve("normlab.duckdb");
            Map<String, String> all = new TreeMap<>();
            String scenario = Path.of("..", "examples", "russia-peace.yaml").toString();
            String[][] commands = {
                {"data", "list", "--date", "2026-03-01", "--format", "json"},
                {"data", "status", "--instrument", "mine-ban", "--date", "2026-03-01", "--format", "csv"},
                {"lifecycle", "--format", "csv"},
                {"lifecycle", "--format", "json"},
                {"lifecycle"},
                {"explain", "--state", "rus", "--format", "json"},
                {"explain", "--state", "RUS"},
                {"fit", "--spec", "two-level", "--format", "table"},
                {"fit", "--spec", "international", "--format", "json"},
                {
                    "panel",
                    "--spec",
                    "two-level",
                    "--out",
                    base.resolve("panel.csv").toString()
                },
                {
                    "simulate",
                    "--scenario",
                    scenario,
                    "--replicates",
                    "20",
                    "--out",
                    base.resolve("sim").toString()
                },
                {
                    "study",
                    "--repeats",
                    "2",
                    "--replicates",
                    "10",
                    "--out",
                    base.resolve("study").toString()
                },
            };
            for (String[] c : commands) {
                Cli r = Cli.run(db, c);
                String name = String.join(" ", c).replace(base.toString(), "BASE");
                assertThat(r.code()).as(locale + ": " + name + "\n" + r.err()).isZero();
                // The study's last line says how long it took.
                all.put(name, r.out().replace(base.toString(), "BASE").replaceAll("(?m) in [0-9.]+ s$", ""));
            }
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : files.filter(Files::isRegularFile)
                        // the database, and the world cache beside it, keyed by the database file's time
                        .filter(f -> !f.toString().endsWith(".duckdb")
                                && !f.toString().endsWith(".wal")
                                && !f.toString().contains(".duckdb.cache"))
                        .toList()) {
                    // every byte as Latin-1 text: figures are PNG
                    all.put(
                            base.relativize(f).toString(),
                            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            return all;
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void turkishGermanAndAmericanLocalesGiveTheSameBytes() throws IOException {
        Map<String, String> american = outputs(Locale.US);
        assertThat(american)
                .containsKeys("panel.csv", "sim/curve.csv", "study/report.html", "study/tables/holdouts.csv");
        assertThat(american.get("lifecycle --format csv")).contains("0.");
        for (Locale other : new Locale[] {Locale.forLanguageTag("tr-TR"), Locale.GERMANY}) {
            Map<String, String> outputs = outputs(other);
            assertThat(outputs.keySet()).isEqualTo(american.keySet());
            for (String name : american.keySet()) {
                assertThat(outputs.get(name)).as(other + ": " + name).isEqualTo(american.get(name));
            }
        }
    }
}
