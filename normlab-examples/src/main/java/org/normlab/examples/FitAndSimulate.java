package org.normlab.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.store.NormlabStore;

/**
 * normlab-core used from Java: open (and on first use fill) the DuckDB store, build the risk set
 * of a formula, fit a discrete-time hazard model, and run a counterfactual ensemble against its
 * baseline. Run it with {@code java -cp ... org.normlab.examples.FitAndSimulate [DB]}.
 */
public final class FitAndSimulate {
    /** What the example computed. */
    public record Result(HazardEstimate estimate, double scenarioParties, double baselineParties, int year) {}

    private FitAndSimulate() {}

    public static void main(String[] args) throws ScenarioException {
        Path db = Path.of(args.length > 0 ? args[0] : "normlab-example.duckdb");
        Result r = run(db, 200);
        System.out.println(r.estimate().summaryTable());
        System.out.printf(
                Locale.ROOT,
                "mean parties in %d: scenario %.1f, baseline %.1f%n",
                r.year(),
                r.scenarioParties(),
                r.baselineParties());
    }

    /** Fits a two-level formula on the Mine Ban Convention and runs "Russia at peace from 2009". */
    public static Result run(Path db, int replicates) throws ScenarioException {
        try (NormlabStore store = NormlabStore.open(db)) {
            CountryYearData data = CountryYearData.load(store);

            // 1. A risk set and a model formula in R's syntax.
            Formula f =
                    Formula.parse("log_duration + opening_year + share_subregion + conflict_territorial * polyarchy");
            Panel raw = new PanelBuilder(data).build(PanelSpec.of("mine-ban", Transition.CONSENT, f.variables()));
            ModelMatrix matrix = ModelMatrix.of(f, raw);
            Panel panel = matrix.apply(raw);

            // 2. A logit hazard model with standard errors clustered by state.
            HazardEstimate estimate = HazardEstimator.of()
                    .withSeType(SeType.CLUSTER)
                    .fit(Models.problem(panel, matrix.names(), Link.LOGIT));

            // 3. A scenario (the same YAML the command line reads) against its baseline.
            Scenario scenario = ScenarioReader.parse("""
                    instrument: mine-ban
                    model: {spec: two-level}
                    start: 2009
                    horizon: 2030
                    overrides:
                      - {states: [RUS], variable: conflict_territorial, years: 2009-2030, value: 0}
                    """, ScenarioReader.Format.YAML, "example", Path.of("."));
            Comparison c = org.normlab.analysis.Simulations.run(
                    data,
                    scenario,
                    null,
                    Ensemble.builder().replicates(replicates).seed(7).build());
            int last = c.scenario().yearCount() - 1;
            // The ensemble keeps a histogram of the parties per year, not every replicate.
            double s = c.scenario().parties(last).sum();
            double b = c.baseline().parties(last).sum();
            return new Result(
                    estimate, s / replicates, b / replicates, c.scenario().year(last));
        }
    }

    static List<String> terms(Result r) {
        return r.estimate().names();
    }
}
