package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** normlab sweep on the bundled data. */
class SweepCommandTest {
    @TempDir
    static Path dir;

    static Path db;
    static Path design;

    @BeforeAll
    static void create() throws Exception {
        db = dir.resolve("sweep.duckdb");
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        design = dir.resolve("small.yaml");
        Files.writeString(
                design,
                """
                scenarios: [%s]
                seed: 5
                replicates: 10
                design: {type: saltelli, points: 4}
                parameters:
                  model.coefficients.share_global: {from: 1.0, to: 3.0}
                  incentives[0].coefficient: {from: 0.0, to: 3.0}
                outputs: [parties]
                sensitivity: {statistic: parties_mean, year: 2040, bootstrap: 50}
                """.replace("%s", String.valueOf(examples.resolve("russia-incentive.yaml"))),
                StandardCharsets.UTF_8);
    }

    @Test
    void runsADesignAndPrintsItsSensitivity() throws Exception {
        Path out = dir.resolve("out");
        Cli r = Cli.run(db, "sweep", "--design", design.toString(), "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("16 points x 1 scenario(s), 160 replicate histories (saltelli design, seed 5)")
                .contains("Sobol indices of parties_mean in 2040 of russia-incentive (4 base rows")
                .contains("model.coefficients.share_global");
        assertThat(out.resolve("results").resolve("point=15")).isDirectory();
        assertThat(out.resolve("sensitivity.csv")).exists();
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(dir.resolve("out.partial")).doesNotExist();
        // A second run replaces the sweep's folder.
        Cli again = Cli.run(db, "sweep", "--design", design.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void badInputIsRefusedWithExitCode2AndNothingWritten() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"scenarios\": [], \"replicates\": \"ten\"}", StandardCharsets.UTF_8);
        Path out = dir.resolve("never");
        Cli r = Cli.run(db, "sweep", "--design", bad.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("bad.json: scenarios: expected a list of scenario files; got an empty list")
                .contains("bad.json: replicates: expected a whole number; got text 'ten'")
                .contains("bad.json: design: required field is missing")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Cli f = Cli.run(db, "sweep", "--design", design.toString(), "--out", foreign.toString());
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.err()).contains("is a folder that is not a sweep's output");
        assertThat(foreign.resolve("notes.txt")).exists();
    }

    @Test
    void sparkWithoutTheSparkModuleExplainsSparkSubmit() {
        Cli r = Cli.run(
                db,
                "sweep",
                "--design",
                design.toString(),
                "--engine",
                "spark",
                "--out",
                dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("the Spark engine is not on this class path")
                .contains("spark-submit");
    }

    @Test
    void calibrateFitsAndPrintsThePosteriorAndRefusesBadDesigns() throws Exception {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Path small = dir.resolve("cal.yaml");
        Files.writeString(
                small,
                """
                scenarios: [%s]
                seed: 4
                replicates: 4
                parameters:
                  model.coefficients.share_global: {from: 0.0, to: 6.0}
                calibrate: {method: rejection, particles: 10, draws: 40, quantile: 0.25}
                """.replace("%s", String.valueOf(examples.resolve("replay-coefficients.yaml"))),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("cal");
        Cli r = Cli.run(db, "calibrate", "--design", small.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("rejection, 1 generation(s), 10 particles, years 1997-2025 compared (seed 4)")
                .contains("model.coefficients.share_global");
        assertThat(out.resolve("posterior.parquet")).exists();
        assertThat(out.resolve("fit.csv")).exists();
        Path bad = dir.resolve("badcal.yaml");
        Files.writeString(bad, "scenarios: [x.yaml]\nreplicates: 1\nparameters: {a: 1}\n", StandardCharsets.UTF_8);
        Cli b = Cli.run(
                db,
                "calibrate",
                "--design",
                bad.toString(),
                "--out",
                dir.resolve("never2").toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err())
                .contains("badcal.yaml: calibrate: required field is missing")
                .contains("badcal.yaml: scenarios[0]: x.yaml: no such file");
    }
}
