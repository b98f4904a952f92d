package org.normlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.cli.Main;
import org.normlab.data.CountryYearData;
import org.normlab.sim.ProgressListener;
import org.normlab.store.NormlabStore;
import org.normlab.sweep.DesignReader;
import org.normlab.sweep.LocalSweepEngine;
import org.normlab.sweep.PointRunner;
import org.normlab.sweep.SweepEngine;
import org.normlab.sweep.SweepJob;
import org.normlab.sweep.SweepParquet;
import org.normlab.sweep.SweepRow;
import org.normlab.sweep.SweepRun;

/**
 * The Spark engine in local mode with 2 threads (and up to 3 attempts per task) against the local
 * engine: the same design gives the same rows, and a task that fails once and is retried changes
 * nothing. One SparkSession serves every test.
 */
class SparkSweepEngineTest {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    /** Failures injected so far (the executors are this JVM in local mode). */
    static final AtomicInteger FAILURES = new AtomicInteger();

    @TempDir
    static Path dir;

    static SparkSession spark;
    static NormlabStore store;
    static PointRunner runner;
    static SweepJob job;
    static Path local;

    @BeforeAll
    static void start() throws Exception {
        Path db = dir.resolve("spark.duckdb");
        store = NormlabStore.openReadOnly(db); // the command-line test reads the same file beside it
        runner = new PointRunner(CountryYearData.load(store));
        spark = SparkSession.builder()
                .master("local[2,3]")
                .appName("normlab-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        Path design = dir.resolve("design.yaml");
        Files.writeString(
                design,
                """
                scenarios: [%s]
                seed: 99
                replicates: 12
                design: {type: lhs, points: 6}
                parameters:
                  model.coefficients.share_global: {from: 1.0, to: 3.0}
                  model.frailty_sd: {from: 0.0, to: 1.0}
                outputs: [parties, tipping_year, withdrawals, paired_difference]
                sensitivity: {statistic: parties_mean, year: 2040, bootstrap: 50}
                """.replace("%s", String.valueOf(EXAMPLES.resolve("russia-incentive.yaml"))),
                StandardCharsets.UTF_8);
        job = SweepJob.of(DesignReader.read(design));
        local = dir.resolve("local");
        run(new LocalSweepEngine(), local);
    }

    @AfterAll
    static void stop() {
        spark.stop();
        store.close();
    }

    static SweepRun.Outcome run(SweepEngine engine, Path out) throws Exception {
        SweepEngine.Environment env = new SweepEngine.Environment(
                runner, null, Optional.empty(), 2, ProgressListener.NONE, out.resolve("results"));
        return SweepRun.run(job, engine, env, out, Main.version(), runner.data().digest());
    }

    static void assertSameAsLocal(Path out) throws Exception {
        List<SweepRow> expected = SweepParquet.read(local.resolve("results"));
        List<SweepRow> actual = SweepParquet.read(out.resolve("results"));
        assertThat(expected).hasSizeGreaterThan(6 * 15 * 10);
        assertThat(actual).isEqualTo(expected);
        for (String f : List.of("points.csv", "sensitivity.csv", "manifest.json")) {
            assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(local.resolve(f)));
        }
        for (int p = 0; p < job.size(); p++) {
            assertThat(out.resolve("results").resolve("point=" + p)).isDirectory();
        }
    }

    @Test
    void sparkGivesTheRowsOfTheLocalEngine() throws Exception {
        Path out = dir.resolve("spark");
        SweepRun.Outcome o = run(new SparkSweepEngine(), out);
        assertSameAsLocal(out);
        assertThat(o.src()).isPresent();
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedWithTheSameResults() throws Exception {
        SparkSweepEngine flaky = new SparkSweepEngine((task, db) -> {
            if (task.point() == 1 && TaskContext.get().attemptNumber() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of point 1, attempt 0");
            }
            return SparkSweepEngine.runner(db).run(task, 1);
        });
        Path out = dir.resolve("retried");
        run(flaky, out);
        assertThat(FAILURES.get()).isEqualTo(1);
        assertSameAsLocal(out);
    }

    @Test
    void theCommandLineFindsTheSparkEngineOnTheClassPath() throws Exception {
        assertThat(SweepEngine.named("spark")).get().isInstanceOf(SparkSweepEngine.class);
        Path out = dir.resolve("cli");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "sweep",
                    "--design",
                    dir.resolve("design.yaml").toString(),
                    "--engine",
                    "spark",
                    "--master",
                    "local[2]",
                    "--out",
                    out.toString(),
                    "--db",
                    dir.resolve("spark.duckdb").toString()
                },
                new PrintWriter(o),
                new PrintWriter(e));
        assertThat(code).as(e.toString()).isZero();
        assertThat(o.toString()).contains("6 points x 1 scenario(s)");
        assertSameAsLocal(out);
    }
}
