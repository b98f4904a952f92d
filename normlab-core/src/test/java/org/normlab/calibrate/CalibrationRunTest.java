package org.normlab.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.ScenarioException;
import org.normlab.store.NormlabStore;
import org.normlab.sweep.CalibrationDesign;
import org.normlab.sweep.DesignReader;
import org.normlab.sweep.PointRunner;

/** The shipped calibration example on the bundled data. */
class CalibrationRunTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    static Path dir;

    static NormlabStore store;
    static PointRunner runner;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("calibrate.duckdb"));
        runner = new PointRunner(CountryYearData.load(store));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void exampleFitsTheObservedCurveAndWritesThePosterior() throws Exception {
        CalibrationDesign d = DesignReader.readCalibration(EXAMPLES.resolve("calibrate-replay.yaml"));
        Path out = dir.resolve("out");
        CalibrationRun.Outcome o =
                CalibrationRun.run(d, runner, 2, out, "test", runner.data().digest());
        assertThat(o.years()[0]).isEqualTo(1997);
        assertThat(o.years()[o.years().length - 1]).isEqualTo(2025);
        // The observed share of parties rises over the cascade.
        assertThat(o.observed()[10]).isGreaterThan(o.observed()[0]);
        List<Abc.Generation> gens = o.result().generations();
        assertThat(gens).hasSize(4);
        assertThat(gens.get(3).tolerance()).isLessThan(gens.get(1).tolerance());
        // The posterior-predictive mean is close to the observed curve: within 8 points of share on average.
        List<String> fit = Files.readAllLines(out.resolve("fit.csv"), StandardCharsets.UTF_8);
        assertThat(fit.get(0)).isEqualTo("year,observed_share,predicted_mean,predicted_q05,predicted_q95");
        double ss = 0;
        for (String line : fit.subList(1, fit.size())) {
            String[] f = line.split(",");
            ss += Math.pow(Double.parseDouble(f[1]) - Double.parseDouble(f[2]), 2);
        }
        assertThat(Math.sqrt(ss / (fit.size() - 1))).isLessThan(0.08);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertThat(summary).hasSize(4);
        assertThat(summary.get(1)).startsWith("model.coefficients.(Intercept),");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT generation), round(sum(weight))"
                        + " FROM '" + out.resolve("posterior.parquet").toAbsolutePath() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4 * 60);
            assertThat(rs.getInt(2)).isEqualTo(4);
            assertThat(rs.getDouble(3)).isEqualTo(4.0);
        }
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"method\" : \"smc\"");
    }

    @Test
    void badCalibrationDesignsAreRefusedWithTheirPaths() {
        assertThatThrownBy(() -> DesignReader.parseCalibration("""
                scenarios: [replay-coefficients.yaml, russia-incentive.yaml]
                replicates: 10
                parameters:
                  model.frailty_sd: {from: -1.0, to: 2.0}
                calibrate: {method: smc, particles: 1, draws: 100, quantile: 1.5, colour: red}
                """, true, "cal.yaml", EXAMPLES.toAbsolutePath()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("cal.yaml: scenarios: a calibration fits one scenario; got 2")
                .hasMessageContaining("cal.yaml: calibrate.colour: unknown field")
                .hasMessageContaining("cal.yaml: calibrate.particles: 1 is outside 2..100000")
                .hasMessageContaining("cal.yaml: calibrate.draws: smc starts from particles prior draws")
                .hasMessageContaining("cal.yaml: calibrate.quantile: 1.5 is not strictly between 0 and 1");
        assertThatThrownBy(() -> DesignReader.parseCalibration("""
                scenarios: [replay-coefficients.yaml]
                replicates: 10
                parameters:
                  model.frailty_sd: {from: -1.0, to: 2.0}
                calibrate: {method: rejection, particles: 10}
                """, true, "cal.yaml", EXAMPLES.toAbsolutePath()))
                .hasMessageContaining("cal.yaml: parameters.model.frailty_sd: replay-coefficients with model.frailty_sd"
                        + " = -1.0: model.frailty_sd: -1.0 is negative")
                .hasMessageContaining("cal.yaml: calibrate.draws: required field is missing");
    }
}
