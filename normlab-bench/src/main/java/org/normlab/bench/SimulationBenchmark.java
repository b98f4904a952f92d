package org.normlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.normlab.estimate.Link;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Throughput of the simulation engine: an ensemble of 10,000 replicates on a synthetic world of
 * 200 states over 1997–2030, adoption by a logit linear-index hazard with ten terms (intercept,
 * log duration, opening year, the four exposures and three covariates), with or without a
 * complementary log-log withdrawal hazard among parties, on 1 or 2 threads.
 *
 * <p>One op is one ensemble run, including the per-run preparation (splitting the random streams,
 * binding the world, precomputing the base linear predictors) but not writing files. Besides ops/s,
 * JMH reports two rates: {@code stateYears}, the state-years in the system simulated per second
 * (replicates × Σ states in the system per year), and {@code atRiskStateYears}, the state-years
 * whose hazard was evaluated per second (states at risk of a modelled transition). Without the
 * withdrawal hazard parties are carried along without work, so the two rates differ; with it
 * nearly every state-year is at risk.
 *
 * <p>Run: {@code java -jar normlab-bench/target/benchmarks.jar SimulationBenchmark -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SimulationBenchmark {

    /** Replicates per op. */
    public static final int REPLICATES = 10_000;
    /** Seed of the synthetic world and of the ensemble. */
    public static final long SEED = 20240601L;

    @Param({"1", "2"})
    public int threads;

    @Param({"false", "true"})
    public boolean withdrawal;

    private Simulation simulation;
    private Ensemble ensemble;

    /** Work done, reported by JMH as rates per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Work {
        /** State-years in the system simulated. */
        public long stateYears;
        /** State-years at risk of a modelled transition. */
        public long atRiskStateYears;
    }

    @Setup(Level.Trial)
    public void setUp() {
        SimWorld world = SimWorld.synthetic(200, 1997, 2030, SEED);
        Simulation sim = Simulation.of(world, 1997, 2030, adoption());
        simulation = withdrawal ? sim.withWithdrawal(withdrawalHazard()) : sim;
        ensemble = Ensemble.builder()
                .replicates(REPLICATES)
                .seed(SEED)
                .threads(threads)
                .build();
    }

    /** The adoption hazard: ten terms including the four exposures. */
    static LinearIndexHazard adoption() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("(Intercept)", -3.2);
        c.put("log_duration", -0.5);
        c.put("opening_year", 1.2);
        c.put("share_global", 2.0);
        c.put("share_border", 0.8);
        c.put("share_subregion", 0.9);
        c.put("share_allies", -1.0);
        c.put("conflict", -0.9);
        c.put("democracy", 0.04);
        c.put("gdp_log", 0.05);
        return LinearIndexHazard.of(c, Link.LOGIT);
    }

    /** The withdrawal hazard: rare, higher under conflict and lower with more parties around. */
    static LinearIndexHazard withdrawalHazard() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("(Intercept)", -6.0);
        c.put("conflict", 1.2);
        c.put("share_global", -1.0);
        return LinearIndexHazard.of(c, Link.CLOGLOG);
    }

    @Benchmark
    public EnsembleResult ensemble(Work work) {
        EnsembleResult r = ensemble.run(simulation);
        work.stateYears += r.stateYears();
        work.atRiskStateYears += r.atRiskStateYears();
        return r;
    }
}
