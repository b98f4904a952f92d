package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.estimate.Link;
import org.normlab.sim.Exposure;

/** Reading and structural validation: one test per kind of problem, each with its message. */
class ScenarioReaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ScenarioReaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Scenario yaml(String text) throws ScenarioException {
        return ScenarioReader.parse(text, ScenarioReader.Format.YAML, "test.yaml", Path.of("/scenarios"));
    }

    static String problemOf(String text) {
        try {
            yaml(text);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    static final String VALID = """
            instrument: mine_ban
            model:
              coefficients: {(Intercept): -3.0, share_global: 2.0}
            start: 1997
            horizon: 2030
            """;

    @Test
    void readsTheExampleFileInYamlAndJsonAlike() throws ScenarioException {
        Scenario y = ScenarioReader.read(resource("incentive.yaml"));
        Scenario j = ScenarioReader.read(resource("incentive.json"));
        assertThat(j.model()).isEqualTo(y.model());
        assertThat(j.overrides()).isEqualTo(y.overrides());
        assertThat(j.incentives()).isEqualTo(y.incentives());
        assertThat(y.start()).isEqualTo(1997);
        var adoption = (ModelSource.Coefficients) y.model().adoption().orElseThrow();
        assertThat(adoption.hazard().link()).isEqualTo(Link.LOGIT);
        assertThat(adoption.hazard().coefficients())
                .containsEntry("(Intercept)", -3.0)
                .hasSize(7);
        var withdrawal = (ModelSource.Coefficients) y.model().withdrawal().orElseThrow();
        assertThat(withdrawal.hazard().link()).isEqualTo(Link.CLOGLOG);
        assertThat(y.overrides().get(0))
                .isEqualTo(new CovariateOverride(
                        List.of(new StateSelector.State("AAB")),
                        "conflict",
                        YearRange.of(2009, 2040),
                        new CovariateOverride.Change.SetTo(0)));
        assertThat(y.overrides().get(1).states())
                .containsExactly(new StateSelector.Subregion("Subregion 04"), new StateSelector.State("AAC"));
        assertThat(y.overrides().get(1).change()).isEqualTo(new CovariateOverride.Change.Shift(-2));
        assertThat(y.incentives().get(0).years()).isEqualTo(YearRange.of(2027, 2040));
        assertThat(y.source().get("instrument").asText()).isEqualTo("synthetic");
    }

    @Test
    void readsTheThresholdModel() throws ScenarioException {
        Scenario t = ScenarioReader.read(resource("threshold.yaml"));
        assertThat(t.threshold()).hasValueSatisfying(s -> {
            assertThat(s.sd()).isEqualTo(0.2);
            assertThat(s.exposure()).isEqualTo(Exposure.BORDER);
            assertThat(s.cost()).containsEntry("conflict", 0.3);
        });
        assertThat(t.model().adoption()).isEmpty();
        assertThat(t.model().withdrawal()).isPresent();
        assertThat(t.incentives().get(0).states()).containsExactly(new StateSelector.All());
        assertThat(t.incentives().get(0).years()).isEqualTo(YearRange.of(2010, 2010));
    }

    @Test
    void fitAndSpecSources() throws ScenarioException {
        Scenario f = yaml(VALID.replace("coefficients: {(Intercept): -3.0, share_global: 2.0}", "fit: fits/two.json"));
        assertThat(f.model().adoption()).contains(new ModelSource.Fit(Path.of("/scenarios"), Path.of("fits/two.json")));
        Scenario s = yaml(VALID.replace(
                "coefficients: {(Intercept): -3.0, share_global: 2.0}", "spec: two-level\n  link: cloglog"));
        assertThat(s.model().adoption())
                .contains(new ModelSource.Spec("two-level", java.util.Optional.of(Link.CLOGLOG)));
        Scenario g = yaml(VALID.replace("mine_ban", "synthetic")
                .replace("coefficients: {(Intercept): -3.0, share_global: 2.0}", "fit: fits/two.json"));
        assertThatThrownBy(() -> g.simulation(
                        org.normlab.sim.SimWorld.synthetic(5, 1997, 2030, 1), ModelResolver.coefficientsOnly()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("model: fit");
    }

    @Test
    void readsFrailtiesInYamlAndJsonAlike() throws ScenarioException {
        Scenario y = ScenarioReader.read(resource("frailty.yaml"));
        Scenario j = ScenarioReader.read(resource("frailty.json"));
        assertThat(j.model()).isEqualTo(y.model());
        assertThat(y.model().adoptionFrailty()).hasValue(0.8);
        assertThat(y.model().withdrawalFrailty()).hasValue(0.5);
        assertThat(yaml(VALID).model().adoptionFrailty()).isEmpty();
        assertThat(yaml(VALID.replace("start:", "  frailty_sd: 0\nstart:"))
                        .model()
                        .adoptionFrailty())
                .hasValue(0.0);
    }

    @Test
    void frailtyNextToFitAndSpec() throws ScenarioException {
        Scenario f = yaml(VALID.replace(
                "coefficients: {(Intercept): -3.0, share_global: 2.0}", "fit: fits/two.json\n  frailty_sd: 1.1"));
        assertThat(f.model().adoption()).contains(new ModelSource.Fit(Path.of("/scenarios"), Path.of("fits/two.json")));
        assertThat(f.model().adoptionFrailty()).hasValue(1.1);
        Scenario s = yaml(VALID.replace(
                "coefficients: {(Intercept): -3.0, share_global: 2.0}",
                "spec: two-level\n  withdrawal: {spec: withdrawal, frailty_sd: 0.4}"));
        assertThat(s.model().adoptionFrailty()).isEmpty();
        assertThat(s.model().withdrawalFrailty()).hasValue(0.4);
    }

    @Test
    void frailtyProblems() {
        assertThat(problemOf(VALID.replace("start:", "  frailty_sd: -1\nstart:")))
                .isEqualTo("test.yaml: model.frailty_sd: -1 is negative");
        assertThat(problemOf(VALID.replace(
                        "start:", "  withdrawal: {coefficients: {(Intercept): -5}, frailty_sd: -0.25}" + "\nstart:")))
                .isEqualTo("test.yaml: model.withdrawal.frailty_sd: -0.25 is negative");
        assertThat(problemOf(VALID.replace("start:", "  frailty_sd: high\nstart:")))
                .isEqualTo("test.yaml: model.frailty_sd: expected a number; got text 'high'");
        assertThat(problemOf(VALID.replace("start:", "  frailty_sd: [1]\nstart:")))
                .isEqualTo("test.yaml: model.frailty_sd: expected a number; got a list");
        // With the threshold model, adoption has no hazard to give a frailty; withdrawal may have one.
        String threshold = """
                instrument: synthetic
                model:
                  frailty_sd: 0.5
                  withdrawal: {coefficients: {(Intercept): -6.0}, frailty_sd: 0.5}
                start: 1997
                horizon: 2030
                threshold: {mean: 0.25, sd: 0.1}
                """;
        assertThat(problemOf(threshold))
                .isEqualTo(
                        "test.yaml: model: with threshold, adoption follows the threshold model; give only model.withdrawal");
        assertThat(problemOf(threshold.replace("sd: 0.1}", "sd: 0.1, frailty_sd: 0.5}")))
                .contains("threshold.frailty_sd: unknown field (expected one of: cost, exposure, mean, sd)");
        assertThat(problemOf(VALID.replace("start:", "  frailty_s: 0.5\nstart:")))
                .contains("model.frailty_s: unknown field (expected one of: coefficients, covariance, fit, formula,"
                        + " frailty, frailty_sd, link, spec, uncertainty, withdrawal)");
    }

    @Test
    void emptyYearRange() {
        String text = VALID + """
                overrides:
                  - {states: [RUS], variable: conflict, years: 2009-2030, value: 0}
                  - {states: [RUS], variable: conflict, years: 2040-2030, value: 0}
                """;
        assertThat(problemOf(text)).isEqualTo("test.yaml: overrides[1].years: 2040-2030 is an empty range");
    }

    @Test
    void emptyYearRangeAsObject() {
        String text = VALID + "incentives: [{name: x, coefficient: 1, states: all, years: {from: 2030, to: 2029}}]\n";
        assertThat(problemOf(text)).contains("incentives[0].years: 2030-2029 is an empty range");
    }

    @Test
    void badYearRangeText() {
        String text = VALID + "overrides: [{states: [RUS], variable: conflict, years: soon, value: 0}]\n";
        assertThat(problemOf(text)).contains("overrides[0].years: 'soon' is not a year range");
    }

    @Test
    void modelNeedsExactlyOneSource() {
        String both = VALID.replace("  coefficients:", "  fit: a.json\n  coefficients:");
        assertThat(problemOf(both)).isEqualTo("test.yaml: model: give exactly one of fit, spec, coefficients");
        String none = VALID.replace("  coefficients: {(Intercept): -3.0, share_global: 2.0}", "  link: logit");
        assertThat(problemOf(none)).contains("model: give exactly one of fit, spec, coefficients");
    }

    @Test
    void missingModel() {
        assertThat(problemOf("instrument: x\nstart: 1997\nhorizon: 2000\n"))
                .contains("model: required field is missing");
    }

    @Test
    void unknownField() {
        assertThat(problemOf(VALID + "horizn: 2040\n")).contains("horizn: unknown field (expected one of: horizon,");
        String nested = VALID + "overrides: [{states: [RUS], variable: conflict, years: 2009, valu: 0}]\n";
        assertThat(problemOf(nested))
                .contains("overrides[0].valu: unknown field (expected one of: delta, states,"
                        + " value, variable, years)")
                .contains("overrides[0]: give exactly one of value or delta");
    }

    @Test
    void wrongTypes() {
        assertThat(problemOf(VALID.replace("start: 1997", "start: soon")))
                .contains("start: expected a whole number (a year) or last; got text 'soon'");
        assertThat(problemOf(VALID.replace("start: 1997", "start: 1997.5")))
                .contains("start: expected a whole number (a year); got the number 1997.5");
        assertThat(problemOf(VALID.replace("-3.0", "high")))
                .contains("model.coefficients.(Intercept): expected a number; got text 'high'");
        assertThat(problemOf(VALID + "overrides: {states: all}\n"))
                .contains("overrides: expected a list; got an object");
        assertThat(problemOf("- just\n- a list\n")).contains("a scenario must be an object");
        // SnakeYAML's .nan is refused as a malformed number; JSON has no NaN at all.
        assertThat(problemOf(VALID.replace("-3.0", ".nan"))).contains("line 3").contains(".nan");
    }

    @Test
    void valueAndDeltaTogether() {
        String text = VALID + "overrides: [{states: [RUS], variable: conflict, years: 2009, value: 0, delta: 1}]\n";
        assertThat(problemOf(text)).contains("overrides[0]: give exactly one of value or delta");
    }

    @Test
    void badStateItems() {
        String text =
                VALID + "overrides: [{states: [RUS, rus, {country: X}, 12], variable: c, years: 2009, value: 0}]\n";
        assertThat(problemOf(text))
                .contains("overrides[0].states[1]: rus is not an ISO3 code (three capital letters) or \"all\"")
                .contains("overrides[0].states[2]: expected {region: NAME} or {subregion: NAME}")
                .contains("overrides[0].states[3]: expected an ISO3 code");
        assertThat(problemOf(VALID + "overrides: [{states: [], variable: c, years: 2009, value: 0}]\n"))
                .contains("overrides[0].states: the list is empty");
    }

    @Test
    void horizonBeforeStart() {
        assertThat(problemOf(VALID.replace("horizon: 2030", "horizon: 1990")))
                .contains("horizon: 1990 is before start 1997");
    }

    @Test
    void badLink() {
        assertThat(problemOf(VALID.replace("share_global: 2.0}", "share_global: 2.0}\n  link: probit")))
                .contains("model.link: probit is not a link (expected logit or cloglog)");
        assertThat(problemOf(VALID.replace(
                        "coefficients: {(Intercept): -3.0, share_global: 2.0}", "fit: f.json\n  link: logit")))
                .contains("model.link: a saved fit carries its own link");
    }

    @Test
    void thresholdProblems() {
        String text = VALID.replace("model:\n  coefficients: {(Intercept): -3.0, share_global: 2.0}\n", "")
                + "threshold: {mean: 0.25, sd: -0.1, exposure: share_world, cost: {share_border: 1}}\n";
        assertThat(problemOf(text))
                .contains("threshold.sd: -0.1 is negative")
                .contains("threshold.exposure: share_world is not an exposure")
                .contains("threshold.cost.share_border: an exposure cannot be a cost term");
        assertThat(problemOf(VALID + "threshold: {mean: 0.25, sd: 0.1}\n"))
                .contains("model: with threshold, adoption follows the threshold model; give only model.withdrawal");
    }

    @Test
    void duplicateIncentiveNames() {
        String text = VALID + """
                incentives:
                  - {name: eu, coefficient: 1, states: [RUS], years: 2027}
                  - {name: eu, coefficient: 2, states: [BLR], years: 2028}
                """;
        assertThat(problemOf(text)).contains("incentives[1].name: eu already names incentives[0]");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        String text = "instrument: mine_ban\nmodel:\n  coefficients: {(Intercept): -3.0\nstart: 1997\n";
        assertThat(problemOf(text))
                .isEqualTo("test.yaml: line 4, column 6: YAML syntax error: expected ',' or '}',"
                        + " but got : (while parsing a flow mapping that starts at line 3, column 17)");
        assertThat(problemOf("instrument: a\ninstrument: b\n"))
                .isEqualTo("test.yaml: line 2, column 11: YAML syntax error: Duplicate field 'instrument'");
    }

    @Test
    void jsonSyntaxErrorsGiveTheLine() {
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                ScenarioException.class,
                () -> ScenarioReader.parse(
                        "{\n\"start\": 1997,\n\"horizon\" 2030\n}", ScenarioReader.Format.JSON, "s.json", null));
        assertThat(e.getMessage()).startsWith("s.json: line 3, column").contains("JSON syntax error");
    }

    @Test
    void emptyFileAndWrongExtension() {
        assertThat(problemOf("")).isEqualTo("test.yaml: the scenario is empty");
        assertThatThrownBy(() -> ScenarioReader.read(Path.of("scenario.txt")))
                .hasMessage("scenario.txt: a scenario file must end in .yaml, .yml or .json");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        String text = """
                model: {coefficients: {a: 1}}
                start: 2030
                horizon: 2020
                colour: red
                overrides: [{states: [RUS], variable: c, years: 2040-2030, value: 0}]
                """;
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> yaml(text));
        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "colour: unknown field (expected one of: horizon, incentives, instrument, model, overrides, start,"
                                + " threshold, ties)",
                        "instrument: required field is missing",
                        "horizon: 2020 is before start 2030",
                        "overrides[0].years: 2040-2030 is an empty range");
        assertThat(e.getMessage().lines()).hasSize(4).allMatch(l -> l.startsWith("test.yaml: "));
    }
}
