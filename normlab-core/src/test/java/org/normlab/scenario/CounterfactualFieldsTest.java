package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normlab.estimate.Link;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Status;

/** The scenario fields of counterfactuals that project from the present: start, frailty, uncertainty, covariance. */
class CounterfactualFieldsTest {

    private static final String BASE = """
            instrument: treaty
            model:
              coefficients: {(Intercept): -3.0, x: 0.5}
            MODEL
            start: 2025
            horizon: 2035
            """;

    private static Scenario read(String model) throws ScenarioException {
        return ScenarioReader.parse(
                BASE.replace("MODEL", model), ScenarioReader.Format.YAML, "cf.yaml", Path.of("/scenarios"));
    }

    private static String problem(String text) {
        try {
            ScenarioReader.parse(text, ScenarioReader.Format.YAML, "cf.yaml", Path.of("/scenarios"));
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    /** Four states, 2000 (opening) to 2040, the status observed to 2024: AAA joins in 2005. */
    static SimWorld world() {
        int n = 4;
        SimWorld.Builder b = SimWorld.builder()
                .instrument("treaty")
                .states(new String[] {"AAA", "BBB", "CCC", "DDD"}, new String[] {"R", "R", "R", "R"}, new String[] {
                    "S", "S", "S", "S"
                })
                .years(2000, 2040)
                .openingYear(2000)
                .covariate("x", new double[41 * n]);
        for (int year = 2000; year <= 2024; year++) {
            byte[] st = new byte[n];
            st[0] = year >= 2005 ? Status.PARTY : Status.NOT_PARTY;
            b.observedStatus(year, st);
        }
        return b.build();
    }

    @Test
    void readsTheNewFields() throws ScenarioException {
        Scenario s = read("  frailty_sd: 0.8\n  frailty: posterior\n  uncertainty: coefficients\n"
                + "  covariance: {names: [(Intercept), x], matrix: [[0.04, 0.01], [0.01, 0.09]]}");
        assertThat(s.model().frailtyMode()).isEqualTo(FrailtyMode.POSTERIOR);
        assertThat(s.model().uncertainty()).isTrue();
        assertThat(s.model().covariance().orElseThrow().names()).containsExactly("(Intercept)", "x");
        LinearIndexHazard h = (LinearIndexHazard)
                s.simulation(world(), ModelResolver.coefficientsOnly()).adoption();
        assertThat(h.frailtyMode()).isEqualTo(FrailtyMode.POSTERIOR);
        assertThat(h.sampleParameters()).isTrue();
        assertThat(h.frailtySd()).isEqualTo(0.8);
        assertThat(h.describe()).containsEntry("frailty", "posterior").containsEntry("uncertainty", "coefficients");
    }

    @Test
    void startLastIsTheYearAfterTheLastObservedStatus() throws ScenarioException {
        Scenario s = ScenarioReader.parse(
                BASE.replace("MODEL", "").replace("start: 2025", "start: last"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThat(s.startAfterData()).isTrue();
        assertThat(s.at(world()).start()).isEqualTo(2025);
        assertThat(s.at(world()).startAfterData()).isFalse();
        assertThat(s.simulation(world(), ModelResolver.coefficientsOnly()).start())
                .isEqualTo(2025);
        assertThat(s.baseline().startAfterData()).isTrue();
        assertThat(s.isHistorical(world())).isFalse();
        assertThat(read("").isHistorical(world())).isFalse();
        Scenario past = ScenarioReader.parse(
                BASE.replace("MODEL", "").replace("start: 2025", "start: 2010"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThat(past.isHistorical(world())).isTrue();
        Scenario late = ScenarioReader.parse(
                BASE.replace("MODEL", "")
                        .replace("start: 2025", "start: last")
                        .replace("horizon: 2035", "horizon: 2024"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThatThrownBy(() -> late.at(world()))
                .hasMessage("cf.yaml: start: last is 2025 (the year after the last data year), after the horizon 2024");
        assertThat(problem(BASE.replace("MODEL", "").replace("start: 2025", "start: soon")))
                .isEqualTo("cf.yaml: start: expected a whole number (a year) or last; got text 'soon'");
    }

    @Test
    void badValuesAreReportedWithTheirFieldPaths() {
        assertThat(problem(BASE.replace("MODEL", "  frailty: maybe")))
                .isEqualTo("cf.yaml: model.frailty: maybe is not a frailty (expected none, prior or posterior)");
        assertThat(problem(BASE.replace("MODEL", "  uncertainty: all")))
                .isEqualTo("cf.yaml: model.uncertainty: all is not an uncertainty (expected none or coefficients)");
        assertThat(problem(BASE.replace("MODEL", "  uncertainty: coefficients")))
                .isEqualTo("cf.yaml: model.uncertainty: coefficients given in the file need their covariance: give"
                        + " model.covariance");
        assertThat(problem(BASE.replace("MODEL", "  frailty: posterior")))
                .isEqualTo("cf.yaml: model.frailty: posterior with coefficients needs frailty_sd");
        assertThat(problem(BASE.replace("MODEL", "  frailty: none\n  frailty_sd: 0.5")))
                .isEqualTo("cf.yaml: model.frailty: none contradicts frailty_sd 0.5");
        assertThat(problem(BASE.replace("MODEL", "  covariance: {names: [(Intercept), y], matrix: [[1, 0], [0, 1]]}")))
                .isEqualTo("cf.yaml: model.covariance.names: y is not one of the coefficients");
        assertThat(problem(BASE.replace("MODEL", "  covariance: {names: [(Intercept), x], matrix: [[1, 2], [2, 1]]}")))
                .startsWith("cf.yaml: model.covariance: the covariance of [(Intercept), x] is not positive definite");
        assertThat(problem(BASE.replace("MODEL", "  covariance: {names: [(Intercept)], matrix: [[1, 2]]}")))
                .isEqualTo("cf.yaml: model.covariance.matrix[0]: expected 1 numbers; got 2");
        assertThat(problem(BASE.replace("MODEL", "")
                        .replace(
                                "  coefficients: {(Intercept): -3.0, x: 0.5}",
                                "  spec: two-level\n  covariance: {names: [x], matrix: [[1]]}")))
                .isEqualTo("cf.yaml: model.covariance: only with coefficients: a fit or specification brings its own");
        String threshold = """
                instrument: treaty
                model:
                  frailty: posterior
                start: 2025
                horizon: 2035
                threshold: {mean: 0.25, sd: 0.1}
                """;
        assertThat(problem(threshold))
                .isEqualTo(
                        "cf.yaml: model: with threshold, adoption follows the threshold model; give only model.withdrawal");
    }

    @Test
    void posteriorAndUncertaintyAreRefusedWhereTheyCannotHold() throws ScenarioException {
        // σ = 0: nothing to take a posterior of.
        Scenario zero = read("  frailty_sd: 0\n  frailty: posterior");
        assertThatThrownBy(() -> zero.simulation(world(), ModelResolver.coefficientsOnly()))
                .hasMessageContaining("model.frailty: posterior needs a frailty sd σ > 0");
        // A saved fit without covariance cannot be sampled.
        ModelResolver noCovariance = (source, path) -> LinearIndexHazard.of(Map.of("(Intercept)", -3.0), Link.LOGIT);
        Scenario spec = new Scenario(
                "treaty",
                new ScenarioModel(
                        java.util.Optional.of(new ModelSource.Spec("two-level", java.util.Optional.empty())),
                        java.util.Optional.empty(),
                        java.util.OptionalDouble.empty(),
                        java.util.OptionalDouble.empty(),
                        FrailtyMode.PRIOR,
                        true,
                        java.util.Optional.empty()),
                2025,
                2035,
                List.of(),
                List.of(),
                java.util.Optional.empty(),
                null,
                java.util.Optional.of("api"));
        assertThatThrownBy(() -> spec.simulation(world(), noCovariance))
                .hasMessageContaining("model.uncertainty: coefficients needs the covariance of the estimates");
        // A fit whose estimate of x diverged (separation): draws from its covariance mean nothing.
        ModelResolver separated =
                (source, path) -> LinearIndexHazard.of(Map.of("(Intercept)", -3.0, "x", 25.0), Link.LOGIT)
                        .withCovariance(new org.normlab.sim.ParameterCovariance(
                                        List.of("(Intercept)", "x"), new double[][] {{0.04, 0}, {0, 1e8}})
                                .withDiverged(List.of("x")));
        assertThatThrownBy(() -> spec.simulation(world(), separated))
                .hasMessageContaining("model.uncertainty: the estimates of x diverged (the risk set separates the "
                        + "events on them)")
                .hasMessageContaining("fit --firth");
        // The posterior conditions on the observed years before the start: overrides may not rewrite them.
        Scenario rewrite = ScenarioReader.parse(
                BASE.replace("MODEL", "  frailty_sd: 0.5\n  frailty: posterior")
                        + "overrides:\n  - {states: [BBB], variable: x, years: 2020-2030, value: 1}\n",
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThatThrownBy(() -> rewrite.validate(world()))
                .hasMessageContaining("overrides[0].years: 2020-2030 begins before start 2025; with model.frailty:"
                        + " posterior the years before the start stay as observed");
    }

    @Test
    void aSpecificationOrFitAskedForAFrailtyIsFittedWithOne() throws ScenarioException {
        Scenario s = ScenarioReader.parse(
                BASE.replace("MODEL", "  frailty: posterior")
                        .replace("  coefficients: {(Intercept): -3.0, x: 0.5}", "  spec: two-level"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThat(s.model().adoption()).contains(new ModelSource.Spec("two-level", java.util.Optional.empty(), true));
        Scenario given = ScenarioReader.parse(
                BASE.replace("MODEL", "  frailty: posterior\n  frailty_sd: 0.7")
                        .replace("  coefficients: {(Intercept): -3.0, x: 0.5}", "  spec: two-level"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        assertThat(given.model().adoption()).contains(new ModelSource.Spec("two-level", java.util.Optional.empty()));
    }

    @Test
    void aGivenFrailtySdIsNotDrawn() throws ScenarioException {
        LinearIndexHazard fitted = new LinearIndexHazard(Map.of("(Intercept)", -3.0), Link.LOGIT, 1.1)
                .withCovariance(new ParameterCovariance(
                        List.of("(Intercept)", ParameterCovariance.LOG_FRAILTY_SD),
                        new double[][] {{0.1, 0}, {0, 0.2}}));
        Scenario s = ScenarioReader.parse(
                BASE.replace("MODEL", "  frailty_sd: 0.5\n  uncertainty: coefficients")
                        .replace("  coefficients: {(Intercept): -3.0, x: 0.5}", "  spec: two-level"),
                ScenarioReader.Format.YAML,
                "cf.yaml",
                Path.of("/scenarios"));
        LinearIndexHazard h = (LinearIndexHazard)
                s.simulation(world(), (source, path) -> fitted).adoption();
        assertThat(h.frailtySd()).isEqualTo(0.5);
        assertThat(h.covariance().orElseThrow().names()).containsExactly("(Intercept)");
        assertThat(h.sampleParameters()).isTrue();
    }
}
