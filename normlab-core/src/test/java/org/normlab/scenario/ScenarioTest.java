package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleWriter;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.Manifest;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sim.ThresholdModel;

/** Validation against a world, application and the simulations a scenario describes. */
class ScenarioTest {
    static final SimWorld WORLD = SimWorld.synthetic(60, 1997, 2040, 3);

    static String problemOf(String text) {
        try {
            ScenarioReaderTest.yaml(text).validate(WORLD);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    static final String VALID = """
            instrument: synthetic
            model:
              coefficients: {(Intercept): -3.0, share_global: 2.0, democracy: 0.05}
            start: 1997
            horizon: 2040
            """;

    @Test
    void unknownState() {
        String text =
                VALID + "overrides: [{states: [AAB, AAC, XYZ], variable: conflict, years: 2009-2030, value: 0}]\n";
        assertThat(problemOf(text)).isEqualTo("test.yaml: overrides[0].states[2]: XYZ is not a known state");
    }

    @Test
    void unknownRegionAndSubregion() {
        String text = VALID + "incentives: [{name: x, coefficient: 1, states: [{region: Atlantis}, "
                + "{subregion: Lemuria}], years: 2030}]\n";
        assertThat(problemOf(text))
                .contains("incentives[0].states[0]: Atlantis is not a region of the world (known: Region 1,")
                .contains("incentives[0].states[1]: Lemuria is not a subregion of the world (known: Subregion 01,");
    }

    @Test
    void unknownVariable() {
        String text = VALID + "overrides: [{states: all, variable: gdp, years: 2009-2030, delta: 1}]\n";
        assertThat(problemOf(text))
                .isEqualTo("test.yaml: overrides[0].variable: gdp is not a covariate of the world"
                        + " (known: conflict, democracy, gdp_log)");
    }

    @Test
    void yearsOutsideTheWorld() {
        String text = VALID + "overrides: [{states: all, variable: conflict, years: 2030-2045, value: 1}]\n";
        assertThat(problemOf(text))
                .isEqualTo("test.yaml: overrides[0].years: 2030-2045 reaches outside the world's years 1997-2040");
        assertThat(problemOf(VALID.replace("horizon: 2040", "horizon: 2050")))
                .isEqualTo("test.yaml: horizon: 2050 is after the world's last year 2040");
    }

    @Test
    void startNeedsTheOpeningOrAnObservedStatus() {
        assertThat(problemOf(VALID.replace("start: 1997", "start: 1990")))
                .isEqualTo("test.yaml: start: 1990 precedes the opening year 1997");
        assertThat(problemOf(VALID.replace("start: 1997", "start: 2026")))
                .contains("start: starting in 2026 needs the observed status at the end of 2025");
    }

    @Test
    void unknownCoefficientTerm() {
        assertThat(problemOf(VALID.replace("democracy: 0.05", "democrazy: 0.05")))
                .startsWith("test.yaml: model.coefficients.democrazy: unknown term: neither a built-in term");
    }

    @Test
    void otherInstrument() {
        assertThat(problemOf(VALID.replace("instrument: synthetic", "instrument: ccw")))
                .isEqualTo("test.yaml: instrument: ccw is not this world's instrument (synthetic)");
    }

    @Test
    void incentiveNameClashes() {
        String text = VALID + "incentives: [{name: conflict, coefficient: 1, states: all, years: 2030},"
                + " {name: share_allies, coefficient: 1, states: all, years: 2030}]\n";
        assertThat(problemOf(text))
                .contains("incentives[0].name: conflict is already a covariate of the world")
                .contains("incentives[1].name: share_allies is a built-in term");
    }

    @Test
    void applyingChangesOnlyTheSelectedCellsOfACopy() throws Exception {
        Scenario sc = ScenarioReader.read(ScenarioReaderTest.resource("incentive.yaml"));
        double[] before = WORLD.covariateValues("democracy");
        SimWorld applied = sc.apply(WORLD);
        assertThat(WORLD.covariateValues("democracy")).isEqualTo(before);
        assertThat(WORLD.hasCovariate("eu_incentive")).isFalse();
        int aab = WORLD.indexOf("AAB");
        int aac = WORLD.indexOf("AAC");
        int aad = WORLD.indexOf("AAD");
        for (int year = 1997; year <= 2040; year++) {
            assertThat(applied.covariate("conflict", year, aab))
                    .isEqualTo(year >= 2009 ? 0.0 : WORLD.covariate("conflict", year, aab));
            assertThat(applied.covariate("democracy", year, aac))
                    .isEqualTo(WORLD.covariate("democracy", year, aac) - (year >= 2022 ? 2 : 0));
            assertThat(applied.covariate("eu_incentive", year, aad)).isEqualTo(year >= 2027 ? 1.0 : 0.0);
            assertThat(applied.covariate("eu_incentive", year, aac)).isZero();
        }
        for (int s = 0; s < WORLD.stateCount(); s++) {
            boolean selected = WORLD.subregion(s).equals("Subregion 04") || s == aac;
            assertThat(applied.covariate("democracy", 2030, s))
                    .isEqualTo(WORLD.covariate("democracy", 2030, s) - (selected ? 2 : 0));
            if (s != aab) {
                assertThat(applied.covariate("conflict", 2030, s)).isEqualTo(WORLD.covariate("conflict", 2030, s));
            }
        }
    }

    @Test
    void simulationAndBaseline(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Scenario sc = ScenarioReader.read(ScenarioReaderTest.resource("incentive.yaml"));
        Simulation run = sc.simulation(WORLD, ModelResolver.coefficientsOnly());
        Simulation base = sc.baseline().simulation(WORLD, ModelResolver.coefficientsOnly());
        assertThat(((LinearIndexHazard) run.adoption()).coefficients()).containsEntry("eu_incentive", 1.5);
        assertThat(((LinearIndexHazard) base.adoption()).coefficients()).doesNotContainKey("eu_incentive");
        assertThat(run.withdrawal()).isPresent();
        assertThat(base.world()).isSameAs(WORLD);
        Comparison c =
                Ensemble.builder().replicates(200).seed(11).threads(2).build().compare(run, base);
        // The incentive raises AAB's and AAD's chance of being party by 2040.
        int k = c.scenario().yearCount() - 1;
        int aad = WORLD.indexOf("AAD");
        assertThat(c.scenario().partyProbability(aad, k))
                .isGreaterThanOrEqualTo(c.baseline().partyProbability(aad, k));
        var files = EnsembleWriter.writeAll(tmp, Manifest.of("0.1.0", "d").withScenario(sc.source()), c);
        assertThat(files).hasSize(5);
        assertThat(java.nio.file.Files.readString(tmp.resolve("manifest.json")))
                .contains("\"eu_incentive\"")
                .contains("\"paired_with_baseline\" : true");
    }

    /**
     * A scenario's frailty_sd reaches the simulated hazards, its baseline has the same frailty, and
     * the two are paired: with frailty but without overrides their paths are identical.
     */
    @Test
    void frailtyScenario(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Scenario sc = ScenarioReader.read(ScenarioReaderTest.resource("frailty.yaml"));
        Simulation run = sc.simulation(WORLD, ModelResolver.coefficientsOnly());
        Simulation base = sc.baseline().simulation(WORLD, ModelResolver.coefficientsOnly());
        assertThat(((LinearIndexHazard) run.adoption()).frailtySd()).isEqualTo(0.8);
        assertThat(((LinearIndexHazard) run.withdrawal().orElseThrow()).frailtySd())
                .isEqualTo(0.5);
        assertThat(base.adoption()).isEqualTo(run.adoption());
        assertThat(base.withdrawal()).isEqualTo(run.withdrawal());

        Ensemble e = Ensemble.builder()
                .replicates(100)
                .seed(12)
                .keepPaths(true)
                .threads(2)
                .build();
        Comparison same = e.compare(base, sc.baseline().simulation(WORLD, ModelResolver.coefficientsOnly()));
        for (int r = 0; r < 100; r++) {
            for (int s = 0; s < WORLD.stateCount(); s++) {
                assertThat(same.scenario().adoptionYear(r, s))
                        .isEqualTo(same.baseline().adoptionYear(r, s));
                assertThat(same.scenario().withdrawalYear(r, s))
                        .isEqualTo(same.baseline().withdrawalYear(r, s));
            }
        }
        Comparison c = e.compare(run, base);
        EnsembleWriter.writeAll(tmp, Manifest.of("0.1.0", "d").withScenario(sc.source()), c);
        assertThat(java.nio.file.Files.readString(tmp.resolve("manifest.json")))
                .contains("\"frailty_sd\" : 0.8")
                .contains("\"frailty_sd\" : 0.5");
    }

    /**
     * With a saved fit or a specification, frailty_sd is applied to the hazard the resolver returns;
     * without it the resolved hazard, frailty included, is used as it is.
     */
    @Test
    void frailtyAppliesToResolvedFitsAndSpecs() throws Exception {
        LinearIndexHazard fitted =
                LinearIndexHazard.of(Map.of("(Intercept)", -3.0, "democracy", 0.05), org.normlab.estimate.Link.CLOGLOG);
        ModelResolver resolver = (source, path) -> source instanceof ModelSource.Coefficients c
                ? c.hazard()
                : path.equals("model") ? fitted : fitted.withFrailty(0.3);
        String fit = VALID.replace(
                "coefficients: {(Intercept): -3.0, share_global: 2.0, democracy: 0.05}",
                "fit: fits/two.json\n  frailty_sd: 1.1\n  withdrawal: {spec: leave}");
        Simulation run = ScenarioReaderTest.yaml(fit).simulation(WORLD, resolver);
        assertThat(run.adoption()).isEqualTo(fitted.withFrailty(1.1));
        assertThat(run.withdrawal()).contains(fitted.withFrailty(0.3));
        String spec = VALID.replace(
                "coefficients: {(Intercept): -3.0, share_global: 2.0, democracy: 0.05}",
                "spec: two-level\n  withdrawal: {spec: leave, frailty_sd: 0}");
        Simulation s = ScenarioReaderTest.yaml(spec).simulation(WORLD, resolver);
        assertThat(s.adoption()).isEqualTo(fitted);
        assertThat(s.withdrawal()).contains(fitted);
        // Incentive terms are added to the hazard with its frailty.
        Simulation withIncentive = ScenarioReaderTest.yaml(
                        fit + "incentives: [{name: bonus, coefficient: 1, states: all, years: 2030}]\n")
                .simulation(WORLD, resolver);
        assertThat(((LinearIndexHazard) withIncentive.adoption()).frailtySd()).isEqualTo(1.1);
        assertThat(((LinearIndexHazard) withIncentive.adoption()).coefficients())
                .containsKey("bonus");
    }

    @Test
    void thresholdScenario() throws Exception {
        Scenario sc = ScenarioReader.read(ScenarioReaderTest.resource("threshold.yaml"));
        Simulation run = sc.simulation(WORLD, ModelResolver.coefficientsOnly());
        assertThat(run.adoption()).isInstanceOfSatisfying(ThresholdModel.class, m -> {
            assertThat(m.incentives()).isEqualTo(Map.of("offer", 0.2));
            assertThat(m.cost()).isEqualTo(Map.of("conflict", 0.3));
        });
        assertThat(Ensemble.builder()
                        .replicates(20)
                        .keepPaths(true)
                        .build()
                        .run(run)
                        .parties(0, 0))
                .isPositive();
    }

    @Test
    void incentiveNamedLikeAModelTerm() throws Exception {
        Scenario sc = ScenarioReaderTest.yaml(VALID.replace("democracy: 0.05", "democracy: 0.05, bonus: 1")
                + "incentives: [{name: bonus, coefficient: 1, states: all, years: 2030}]\n");
        assertThatThrownBy(() -> sc.simulation(WORLD, ModelResolver.coefficientsOnly()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bonus");
    }
}
