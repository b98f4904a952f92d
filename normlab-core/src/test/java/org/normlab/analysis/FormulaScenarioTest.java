package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.RunFrame;
import org.normlab.sim.SimWorld;
import org.normlab.sim.TermReplay;
import org.normlab.store.NormlabStore;

/**
 * A scenario's model written as a formula, with its coefficients named as the model matrix names
 * its columns (given in the file or read from a saved fit of {@code normlab fit --formula}): on the
 * observed history the simulation's linear predictor equals the fit's, state-year by state-year,
 * for numbers and for an indicator of text categories entered through {@code factor()}.
 */
class FormulaScenarioTest {
    static final String FORMULA =
            "conflict_territorial * measures_in_force + log(polyarchy + 1) + share_global + log_duration";
    /** With regime_type, text categories (Polity5's classes of polity2) imported into the store. */
    static final String TEXT_FORMULA =
            "relevel(factor(regime_type), ref = \"democracy\") * log_duration + poly(polyarchy, 2) + share_global";

    @TempDir
    static Path dir;

    static NormlabStore store;
    static CountryYearData data;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("formula.duckdb"));
        List<org.normlab.data.IndicatorValue> regime = new ArrayList<>();
        for (org.normlab.data.IndicatorValue v : store.indicatorValues(List.of("polity2"))) {
            String type = v.value() <= -6 ? "autocracy" : v.value() >= 6 ? "democracy" : "anocracy";
            regime.add(org.normlab.data.IndicatorValue.category("regime_type", v.iso3(), v.year(), type, "test"));
        }
        store.importIndicators(regime, "regime_type.csv", false);
        data = CountryYearData.load(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiterString = "|",
            value = {"coefficients|numbers", "fit|numbers", "coefficients|text", "fit|text"})
    void theSimulationsLinearPredictorIsTheFitsOnTheObservedHistory(String source, String kind) throws Exception {
        String text = kind.equals("text") ? TEXT_FORMULA : FORMULA;
        Formula formula = Formula.parse(text);
        Panel raw = new PanelBuilder(data).build(PanelSpec.of("mine-ban", Transition.CONSENT, formula.variables()));
        ModelMatrix mm = ModelMatrix.of(formula, raw);
        Panel panel = mm.apply(raw);
        HazardEstimate fit = Models.fit("formula", panel, mm.names(), Link.LOGIT, HazardEstimator.of())
                .estimate();
        String interaction = kind.equals("text")
                ? "relevel(factor(regime_type), ref = \"democracy\")autocracy:log_duration"
                : "conflict_territorial:measures_in_force";
        assertThat(fit.names()).contains(interaction);

        StringBuilder coefficients = new StringBuilder();
        StringBuilder saved = new StringBuilder();
        for (int j = 0; j < fit.names().size(); j++) {
            String b = String.format(Locale.ROOT, "%.17g", fit.coefficients()[j]);
            coefficients
                    .append(j == 0 ? "" : ", ")
                    .append('"')
                    .append(fit.names().get(j).replace("\"", "\\\""))
                    .append("\": ")
                    .append(b);
            saved.append(j == 0 ? "" : ", ")
                    .append("{\"name\": \"")
                    .append(fit.names().get(j).replace("\"", "\\\""))
                    .append("\", \"estimate\": ")
                    .append(b)
                    .append('}');
        }
        Files.writeString(
                dir.resolve("fit.json"),
                "{\"link\": \"logit\", \"formula\": \"" + text.replace("\"", "\\\"") + "\", \"coefficients\": [" + saved
                        + "]}",
                StandardCharsets.UTF_8);
        Path file = dir.resolve(source + ".yaml");
        Files.writeString(
                file,
                "instrument: mine-ban\nstart: 1997\nhorizon: " + data.lastDataYear() + "\nmodel: "
                        + (source.equals("fit")
                                ? "{fit: fit.json}"
                                : "{formula: \"" + text.replace("\"", "\\\"") + "\", coefficients: {" + coefficients
                                        + "}}")
                        + "\n",
                StandardCharsets.UTF_8);
        Scenario scenario = ScenarioReader.read(file);
        SimWorld world = Simulations.prepare(data, scenario, null).world();
        assertThat(world.hasCovariate(interaction)).isTrue();

        RunFrame frame = RunFrame.of(world, 1997, data.lastDataYear());
        int n = world.stateCount();
        double[] eta = new double[frame.yearCount() * n];
        for (int j = 0; j < fit.names().size(); j++) {
            double[] x = TermReplay.values(frame, fit.names().get(j));
            for (int i = 0; i < eta.length; i++) {
                eta[i] += fit.coefficients()[j] * x[i];
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (int r = 0; r < panel.rows(); r++) {
            double[] row = new double[mm.names().size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = panel.column(mm.names().get(c))[r];
            }
            double expected = fit.linearPredictor(row);
            double got = eta[(panel.year()[r] - 1997) * n + world.indexOf(panel.iso3()[r])];
            if (!(Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected))) && mismatches.size() < 10) {
                mismatches.add(panel.iso3()[r] + " " + panel.year()[r] + ": fit " + expected + ", simulation " + got);
            }
        }
        assertThat(panel.rows()).isGreaterThan(1000);
        assertThat(mismatches).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aColumnThatTransformsAnExposureIsRefusedByName() throws Exception {
        Path file = dir.resolve("exposure.yaml");
        Files.writeString(
                file,
                "instrument: mine-ban\nstart: 2020\nhorizon: 2030\nmodel: {formula: \"log(share_border + 0.01)\","
                        + " coefficients: {\"(Intercept)\": -3, \"log(share_border + 0.01)\": 1}}\n",
                StandardCharsets.UTF_8);
        Scenario scenario = ScenarioReader.read(file);
        assertThat(catchThrowable(() -> Simulations.prepare(data, scenario, null)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("log(share_border + 0.01)")
                .hasMessageContaining("reads an exposure other than as a plain term");
    }

    @org.junit.jupiter.api.Test
    void textCategoriesAreRefusedWhereANumberIsExpected() throws Exception {
        Path plain = dir.resolve("plain.yaml");
        Files.writeString(
                plain,
                "instrument: mine-ban\nstart: 2020\nhorizon: 2030\n"
                        + "model: {coefficients: {\"(Intercept)\": -3, regime_type: 1}}\n",
                StandardCharsets.UTF_8);
        assertThat(catchThrowable(() -> Simulations.prepare(data, ScenarioReader.read(plain), null)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("regime_type holds text categories")
                .hasMessageContaining("factor(regime_type)");
        Path override = dir.resolve("override.yaml");
        Files.writeString(
                override,
                "instrument: mine-ban\nstart: 2020\nhorizon: 2030\nmodel: {coefficients: {\"(Intercept)\": -3}}\n"
                        + "overrides: [{states: [RUS], variable: regime_type, years: 2021-2030, value: 2}]\n",
                StandardCharsets.UTF_8);
        assertThat(catchThrowable(() -> Simulations.prepare(data, ScenarioReader.read(override), null)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("overrides[0].variable: regime_type holds text categories");
    }

    @org.junit.jupiter.api.Test
    void aCategoryTheModelWasNotFittedOnIsRefusedNamingStateAndYear() throws Exception {
        // a category only a party has (never in the consent risk set the codings are learned on)
        try (NormlabStore other = NormlabStore.open(dir.resolve("unseen.duckdb"))) {
            List<org.normlab.data.IndicatorValue> regime = new ArrayList<>();
            for (int year = 1990; year <= 2025; year++) {
                regime.add(org.normlab.data.IndicatorValue.category("regime", "AFG", year, "anocracy", "test"));
                regime.add(org.normlab.data.IndicatorValue.category("regime", "RUS", year, "autocracy", "test"));
                regime.add(org.normlab.data.IndicatorValue.category(
                        "regime", "CAN", year, year == 2020 ? "monarchy" : "democracy", "test"));
            }
            other.importIndicators(regime, "regime.csv", false);
            CountryYearData unseen = CountryYearData.load(other);
            Path file = dir.resolve("unseen.yaml");
            Files.writeString(
                    file,
                    "instrument: mine-ban\nstart: 2021\nhorizon: 2025\nmodel: {formula: \"factor(regime)\","
                            + " coefficients: {\"(Intercept)\": -3, \"factor(regime)autocracy\": -1}}\n",
                    StandardCharsets.UTF_8);
            assertThat(catchThrowable(() -> Simulations.prepare(unseen, ScenarioReader.read(file), null)))
                    .isInstanceOf(ScenarioException.class)
                    .hasMessageContaining("for CAN in 2021") // risk year 2021 reads 2020, lagged a year
                    .hasMessageContaining("monarchy is not one of the values the model was fitted on");
        }
    }
}
