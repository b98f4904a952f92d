package org.normlab.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.normlab.analysis.PreparedWorld;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioModel;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.FrailtyPosterior;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a counterfactual that projects from the present with posterior frailties and parameter
 * uncertainty, against the same run with prior frailties and fixed coefficients: an ensemble of 2,000
 * replicates of the Mine Ban Convention from the year after the last data year to 2035, under the
 * two-level model fitted with a shared frailty on the bundled data, on one thread.
 *
 * <p>{@code mode}: {@code plain} draws frailties from the prior N(0, σ̂²) with the estimated
 * coefficients; {@code posterior} draws each state's frailty from its posterior given its observed
 * history (computed once per run, since the coefficients are fixed); {@code posterior_uncertainty}
 * also draws the coefficients and σ per replicate, and so recomputes the linear predictors and every
 * state's posterior per replicate, on the adaptive grid ({@link FrailtyPosterior.Grid#ADAPTIVE});
 * {@code posterior_uncertainty_fixed_grid} does the same on a fixed grid of 121 points over ±6σ, as
 * many points as the posteriors were computed on before the adaptive grid, for the comparison in the
 * same run. The ratio of the plain run's ops/s to the others' is the cost.
 * The setup, not timed, opens the bundled data and fits the model.
 *
 * <p>Run: {@code java -jar normlab-bench/target/benchmarks.jar CounterfactualBenchmark -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class CounterfactualBenchmark {

    /** Replicates per op. */
    public static final int REPLICATES = 2_000;
    /** Last simulated year. */
    public static final int HORIZON = 2035;

    @Param({"plain", "posterior", "posterior_uncertainty", "posterior_uncertainty_fixed_grid"})
    public String mode;

    private Simulation simulation;
    private Ensemble ensemble;

    @Setup(Level.Trial)
    public void setUp() throws ScenarioException {
        CountryYearData data = MineBanReplayBenchmark.loadBundled();
        ScenarioModel model = new ScenarioModel(
                Optional.of(new ModelSource.Spec(MineBanReplayBenchmark.SPEC, Optional.empty(), true)),
                Optional.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                mode.equals("plain") ? FrailtyMode.PRIOR : FrailtyMode.POSTERIOR,
                mode.startsWith("posterior_uncertainty"),
                Optional.empty());
        Scenario scenario = new Scenario(
                MineBanReplayBenchmark.INSTRUMENT,
                model,
                HORIZON,
                HORIZON,
                List.of(),
                List.of(),
                Optional.empty(),
                null,
                Optional.of("benchmark"),
                true);
        PreparedWorld prepared = Simulations.prepare(data, scenario, null);
        Simulation built = scenario.simulation(prepared.world(), prepared.resolver());
        simulation = mode.equals("posterior_uncertainty_fixed_grid")
                ? new Simulation(
                        built.world(),
                        built.start(),
                        built.horizon(),
                        ((LinearIndexHazard) built.adoption()).withPosteriorGrid(FrailtyPosterior.Grid.fixed(121)),
                        built.withdrawal())
                : built;
        ensemble = Ensemble.builder()
                .replicates(REPLICATES)
                .seed(MineBanReplayBenchmark.SEED)
                .threads(1)
                .build();
        System.out.println("\n[setup] " + mode + ": " + simulation.start() + "-" + simulation.horizon() + ", "
                + simulation.adoption().describe());
    }

    @Benchmark
    public EnsembleResult ensemble(SimulationBenchmark.Work work) {
        EnsembleResult r = ensemble.run(simulation);
        work.stateYears += r.stateYears();
        work.atRiskStateYears += r.atRiskStateYears();
        return r;
    }
}
