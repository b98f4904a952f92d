package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.normlab.estimate.Link;
import org.normlab.sim.LinearIndexHazard;

/** A scenario built in code, written as YAML and read back by the reader, is the same scenario. */
class ScenarioTreeTest {
    @Test
    void aWrittenScenarioReadsBackAsTheSameScenario() throws Exception {
        LinearIndexHazard adoption = LinearIndexHazard.of(
                Map.of("(Intercept)", -3.25, "conflict_territorial", -0.9, "log_duration", -0.3), Link.LOGIT);
        LinearIndexHazard withdrawal =
                LinearIndexHazard.of(Map.of("(Intercept)", -7.0, "border_war", 2.5), Link.CLOGLOG);
        ScenarioModel model = new ScenarioModel(
                Optional.of(new ModelSource.Coefficients(adoption)),
                Optional.of(new ModelSource.Coefficients(withdrawal)),
                OptionalDouble.of(0.75),
                OptionalDouble.empty());
        Scenario s = new Scenario(
                "mine-ban",
                model,
                2009,
                2035,
                List.of(
                        new CovariateOverride(
                                List.of(new StateSelector.State("RUS"), new StateSelector.Subregion("Eastern Europe")),
                                "conflict_territorial",
                                YearRange.of(2009, 2035),
                                new CovariateOverride.Change.SetTo(0)),
                        new CovariateOverride(
                                List.of(new StateSelector.All()),
                                "border_war",
                                YearRange.of(2022, 2022),
                                new CovariateOverride.Change.Shift(-1))),
                List.of(new Incentive(
                        "incentive", 0.61, List.of(new StateSelector.Region("Asia")), YearRange.of(2027, 2035))),
                Optional.empty(),
                null,
                Optional.of("built"));
        String yaml = ScenarioTree.yaml(s);
        Scenario back = ScenarioReader.parse(yaml, ScenarioReader.Format.YAML, "built", null);
        assertThat(back.instrument()).isEqualTo(s.instrument());
        assertThat(back.start()).isEqualTo(2009);
        assertThat(back.horizon()).isEqualTo(2035);
        assertThat(back.overrides()).isEqualTo(s.overrides());
        assertThat(back.incentives()).isEqualTo(s.incentives());
        assertThat(back.model()).isEqualTo(s.model());
        assertThat(ScenarioTree.of(back)).isEqualTo(ScenarioTree.of(s));
    }
}
