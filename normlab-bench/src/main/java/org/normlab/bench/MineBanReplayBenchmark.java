package org.normlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.Worlds;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.store.NormlabStore;
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
 * Throughput of the simulation engine on the real data: an ensemble of 10,000 replicates replaying
 * 1997–2030 of the Mine Ban Convention under the fitted two-level adoption model (logit, maximum
 * likelihood, on the bundled data), with or without a withdrawal hazard (logit with Firth's
 * penalty on border_war and nato_member), on 1 or 2 threads. The counterpart of
 * {@link SimulationBenchmark}, whose world is synthetic.
 *
 * <p>The trial setup, not timed, opens the bundled database in a temporary folder (it creates and
 * fills itself), loads the data, fits the models and builds the world with every covariate the
 * models use, lagged one year as in the fitted panels; it prints the world's size and the
 * state-years of one op. One op is one ensemble run, including the per-run preparation. Besides
 * ops/s, JMH reports {@code stateYears}, the state-years in the system simulated per second
 * (replicates × Σ states in the system per year), and {@code atRiskStateYears}, those whose hazard
 * was evaluated.
 *
 * <p>Run: {@code java -jar normlab-bench/target/benchmarks.jar MineBanReplayBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class MineBanReplayBenchmark {

    /** The instrument replayed. */
    public static final String INSTRUMENT = "mine-ban";
    /** The adoption specification. */
    public static final String SPEC = "two-level";
    /** Covariates of the withdrawal model. */
    public static final List<String> WITHDRAWAL_VARIABLES = List.of("border_war", "nato_member");
    /** First simulated year (the opening year: a replay from the start). */
    public static final int START = 1997;
    /** Last simulated year. */
    public static final int HORIZON = 2030;
    /** Covariate lag of the world, as in the fitted panels. */
    public static final int LAG = 1;
    /** Replicates per op. */
    public static final int REPLICATES = 10_000;
    /** Seed of the ensemble. */
    public static final long SEED = 1L;

    @Param({"1", "2"})
    public int threads;

    @Param({"false", "true"})
    public boolean withdrawal;

    private Simulation simulation;
    private Ensemble ensemble;

    @Setup(Level.Trial)
    public void setUp() {
        CountryYearData data = loadBundled();
        PanelBuilder builder = new PanelBuilder(data);
        ModelFit adoptionFit = Models.fitSpecs(
                        builder,
                        PanelSpec.of(INSTRUMENT, Transition.CONSENT, List.of()),
                        List.of(SPEC),
                        Link.LOGIT,
                        HazardEstimator.of())
                .get(0);
        LinearIndexHazard adoption = FitResolver.hazard(adoptionFit.estimate());
        Set<String> variables = new LinkedHashSet<>(adoption.coefficients().keySet());
        LinearIndexHazard withdrawalHazard = null;
        if (withdrawal) {
            ModelFit fit = Models.fit(
                    "withdrawal",
                    builder.build(PanelSpec.of(INSTRUMENT, Transition.WITHDRAWAL, WITHDRAWAL_VARIABLES)),
                    WITHDRAWAL_VARIABLES,
                    Link.LOGIT,
                    HazardEstimator.of().withFirth(true));
            withdrawalHazard = FitResolver.hazard(fit.estimate());
            variables.addAll(withdrawalHazard.coefficients().keySet());
        }
        SimWorld world = Worlds.of(data, INSTRUMENT, variables, HORIZON, LAG);
        Simulation sim = Simulation.of(world, START, HORIZON, adoption);
        simulation = withdrawalHazard == null ? sim : sim.withWithdrawal(withdrawalHazard);
        ensemble = Ensemble.builder()
                .replicates(REPLICATES)
                .seed(SEED)
                .threads(threads)
                .build();

        EnsembleResult probe =
                Ensemble.builder().replicates(1).seed(SEED).threads(1).build().run(simulation);
        System.out.printf(
                Locale.ROOT,
                "%n[setup] %s %s, %d-%d: %d states, %d adoption rows (%d events), %d terms%s; "
                        + "%d state-years per op (%d per replicate)%n",
                INSTRUMENT,
                SPEC,
                START,
                HORIZON,
                probe.stateCount(),
                adoptionFit.estimate().n(),
                adoptionFit.estimate().events(),
                adoption.coefficients().size(),
                withdrawalHazard == null
                        ? ""
                        : " + withdrawal " + withdrawalHazard.coefficients().keySet(),
                probe.stateYears() * REPLICATES,
                probe.stateYears());
    }

    /** The bundled data, read from a database created in a temporary folder that is removed afterwards. */
    static CountryYearData loadBundled() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("normlab-bench");
            try (NormlabStore store = NormlabStore.open(dir.resolve("normlab.duckdb"))) {
                return CountryYearData.load(store);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A leftover temporary folder is harmless.
                }
            }
        }
    }

    @Benchmark
    public EnsembleResult ensemble(SimulationBenchmark.Work work) {
        EnsembleResult r = ensemble.run(simulation);
        work.stateYears += r.stateYears();
        work.atRiskStateYears += r.atRiskStateYears();
        return r;
    }
}
