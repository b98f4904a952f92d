package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.normlab.calibrate.Abc;
import org.normlab.calibrate.CalibrationRun;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.ScenarioException;
import org.normlab.store.NormlabStore;
import org.normlab.sweep.CalibrationDesign;
import org.normlab.sweep.DesignReader;
import org.normlab.sweep.PointRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab calibrate}: a scenario's parameters fitted to the observed curve by ABC. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Fit a scenario's parameters to the instrument's observed adoption curve by approximate Bayesian "
                    + "computation (rejection or ABC-SMC; a calibration design, see docs/sweeps.md) and write "
                    + "posterior.parquet, summary.csv, fit.csv and manifest.json.",
            "The same seed gives the same posterior for any --threads."
        })
final class CalibrateCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(names = "--design", required = true, paramLabel = "FILE", description = "calibration design file")
    Path designFile;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "threads (default: all cores)")
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
        CalibrationDesign design;
        try {
            design = DesignReader.readCalibration(designFile);
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter w = spec.commandLine().getOut();
        try (NormlabStore store = db.openReadOnly()) {
            PointRunner runner = new PointRunner(CountryYearData.load(store));
            CalibrationRun.Outcome o = CalibrationRun.run(
                    design, runner, t, out, Main.version(), runner.data().digest());
            Abc.Generation post = o.result().posterior();
            w.printf(
                    Locale.ROOT,
                    "wrote %s: %s, %d generation(s), %d particles, years %d-%d compared (seed %d)%n",
                    out,
                    design.method().label(),
                    o.result().generations().size(),
                    post.theta().length,
                    o.years()[0],
                    o.years()[o.years().length - 1],
                    design.seed());
            if (o.result().stoppedEarly()) {
                w.println("stopped early: too few proposals came within the tolerance; the posterior is of the last"
                        + " complete generation");
            }
            w.printf(
                    Locale.ROOT,
                    "posterior (tolerance %.4f, root mean square difference of the share of parties):%n",
                    post.tolerance());
            for (CalibrationRun.Summary s : o.summary()) {
                w.printf(
                        Locale.ROOT,
                        "  %-40s mean %.3f  sd %.3f  90%% interval [%.3f, %.3f]%n",
                        s.parameter(),
                        s.mean(),
                        s.sd(),
                        s.q05(),
                        s.q95());
            }
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
