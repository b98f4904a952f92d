package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's R and Python examples (docs/examples) read a database, a Parquet risk set and a
 * simulation's CSV that normlab wrote. Each runs where its tools are installed (Rscript with DBI,
 * duckdb and arrow; python3 with duckdb and pandas) and is skipped otherwise.
 */
class GuideExamplesTest {
    @TempDir
    static Path dir;

    static Path db;
    static Path panel;
    static Path curve;

    @BeforeAll
    static void outputs() {
        db = dir.resolve("guide.duckdb");
        panel = dir.resolve("panel.parquet");
        Cli p = Cli.run(db, "panel", "--spec", "two-level", "--out", panel.toString());
        assertThat(p.code()).as(p.err()).isZero();
        Cli s = Cli.run(
                db,
                "simulate",
                "--scenario",
                Path.of("..", "examples", "russia-peace.yaml").toString(),
                "--replicates",
                "10",
                "--out",
                dir.resolve("sim").toString());
        assertThat(s.code()).as(s.err()).isZero();
        curve = dir.resolve("sim").resolve("curve.csv");
    }

    @Test
    void python() throws Exception {
        assumeTrue(works("python3", "-c", "import duckdb, pandas"), "python3 with duckdb and pandas is not installed");
        String out = run(
                "python3", Path.of("..", "docs", "examples", "read_results.py").toString());
        assertThat(out).contains("panel rows", "curve years 2009-2030");
    }

    @Test
    void r() throws Exception {
        assumeTrue(
                works("Rscript", "-e", "library(DBI); library(duckdb); library(arrow)"),
                "Rscript with DBI, duckdb and arrow is not installed");
        String out = run(
                "Rscript", Path.of("..", "docs", "examples", "read_results.R").toString());
        assertThat(out).contains("glm converged TRUE", "curve years 2009-2030");
    }

    private static String run(String tool, String script) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, script, db.toString(), panel.toString(), curve.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // the database the scripts read holds what normlab reports
        assertThat(out).as(out).containsPattern("parties \\d+");
        return out;
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
