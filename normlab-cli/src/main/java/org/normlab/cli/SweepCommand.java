package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.ProgressListener;
import org.normlab.store.NormlabStore;
import org.normlab.sweep.DesignReader;
import org.normlab.sweep.LocalSweepEngine;
import org.normlab.sweep.PointRunner;
import org.normlab.sweep.Sensitivity;
import org.normlab.sweep.SweepDesign;
import org.normlab.sweep.SweepEngine;
import org.normlab.sweep.SweepJob;
import org.normlab.sweep.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab sweep}: a design of scenario runs, on this machine or on Apache Spark. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Run a sweep design (YAML or JSON, see docs/sweeps.md): scenarios crossed with a grid, random, "
                    + "Latin-hypercube or Saltelli design of parameter values; write results/ (Parquet partitioned by point), "
                    + "points.csv, sensitivity.csv and manifest.json.",
            "The same design gives the same rows on every engine and for any --threads."
        })
final class SweepCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(names = "--design", required = true, paramLabel = "FILE", description = "design file")
    Path designFile;

    @Option(
            names = "--engine",
            defaultValue = "local",
            paramLabel = "local|spark",
            description = "where points run (default ${DEFAULT-VALUE}); spark needs the normlab-spark job jar")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://HOST:7077 or yarn")
    String master;

    @Option(
            names = "--threads",
            defaultValue = "0",
            paramLabel = "T",
            description = "threads of the local engine (default: all cores)")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (threads < 0) {
            throw new BadInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        if (master != null && engine.equals(LocalSweepEngine.NAME)) {
            throw new BadInputException("--master is for --engine spark");
        }
        SweepDesign design;
        try {
            design = DesignReader.read(designFile);
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
        SweepEngine e = SweepEngine.named(engine)
                .orElseThrow(() -> engine.equals("spark")
                        ? new NormlabException(
                                "the Spark engine is not on this class path; build normlab-spark and run its job"
                                        + " jar with spark-submit (see docs/sweeps.md): spark-submit --class org.normlab.cli.Main"
                                        + " normlab-spark/target/normlab-spark-job.jar sweep --engine spark --design "
                                        + designFile
                                        + " --out " + out)
                        : new BadInputException("--engine must be local or spark, got " + engine));
        SweepJob job = SweepJob.of(design);
        PrintWriter w = spec.commandLine().getOut();
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        try (NormlabStore store = db.openReadOnly();
                Progress bar = Progress.of("sweep", job.size())) {
            PointRunner runner = new PointRunner(CountryYearData.load(store));
            runner.prepare(job.task(0)); // every scenario checked on the data before anything runs
            ProgressListener progress = e instanceof LocalSweepEngine ? bar.listener() : ProgressListener.NONE;
            SweepEngine.Environment env = new SweepEngine.Environment(
                    runner,
                    db.db.toAbsolutePath().toString(),
                    Optional.ofNullable(master),
                    t,
                    progress,
                    out.resolve("results"));
            SweepRun.Outcome o =
                    SweepRun.run(job, e, env, out, Main.version(), runner.data().digest());
            bar.close();
            w.printf(
                    Locale.ROOT,
                    "wrote %s: %d points x %d scenario(s), %d replicate histories (%s design, seed %d)%n",
                    out,
                    o.points(),
                    design.scenarios().size(),
                    o.histories(),
                    design.type().label(),
                    design.seed());
            o.sobol().ifPresent(s -> {
                w.printf(
                        Locale.ROOT,
                        "Sobol indices of %s (%d base rows, %.0f %% bootstrap intervals):%n",
                        response(design),
                        s.base(),
                        100 * Sensitivity.LEVEL);
                for (int i = 0; i < s.firstOrder().size(); i++) {
                    Sensitivity.Index f = s.firstOrder().get(i);
                    Sensitivity.Index tot = s.total().get(i);
                    w.printf(
                            Locale.ROOT,
                            "  %-40s first %.3f [%.3f, %.3f]  total %.3f [%.3f, %.3f]%n",
                            f.parameter(),
                            f.estimate(),
                            f.lower(),
                            f.upper(),
                            tot.estimate(),
                            tot.lower(),
                            tot.upper());
                }
            });
            o.src().ifPresent(s -> {
                w.printf(
                        Locale.ROOT,
                        "standardized regression coefficients of %s (R² %.3f):%n",
                        response(design),
                        s.r2());
                for (Sensitivity.Index i : s.coefficients()) {
                    w.printf(
                            Locale.ROOT,
                            "  %-40s %+.3f [%+.3f, %+.3f]%n",
                            i.parameter(),
                            i.estimate(),
                            i.lower(),
                            i.upper());
                }
            });
        } catch (ScenarioException ex) {
            throw new BadInputException(ex.getMessage());
        }
    }

    private static String response(SweepDesign d) {
        SweepDesign.Response r = d.sensitivity().orElseThrow();
        return r.statistic() + (r.year().isPresent() ? " in " + r.year().getAsInt() : "") + " of " + r.scenario();
    }
}
