package org.normlab.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
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
 * Throughput of a maximum-likelihood logit fit on synthetic hazard panels of 10<sup>4</sup>,
 * 10<sup>5</sup> and 10<sup>6</sup> rows with 12 covariates plus the intercept, default
 * estimator (all processors, tolerance 1e-10). Rows per second = ops/s &times; rows.
 *
 * <p>Run: {@code java -jar normlab-bench/target/benchmarks.jar FitBenchmark -f 1 -wi 2 -i 3}.
 *
 * <p>The same data for R's {@code glm.fit} (normlab-core/src/test/R/bench_glm.R): {@code java
 * -cp normlab-bench/target/benchmarks.jar org.normlab.bench.FitBenchmark 1000000
 * /tmp/fit_bench_1e6.csv}. The generator is seeded, so the CSV holds exactly the rows benchmarked.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class FitBenchmark {

    /** Covariates besides the intercept. */
    public static final int COVARIATES = 12;
    /** Seed of the synthetic panel. */
    public static final long SEED = 20240601L;

    @Param({"10000", "100000", "1000000"})
    public int rows;

    private HazardProblem problem;
    private final HazardEstimator estimator = HazardEstimator.of();

    @Setup(Level.Trial)
    public void setUp() {
        problem = panel(rows, SEED);
    }

    @Benchmark
    public HazardEstimate fitLogit() {
        return estimator.fit(problem);
    }

    /**
     * A synthetic state-year panel: 8 standard-normal covariates, 2 binary ones (shares 0.2 and
     * 0.5), a log duration cycling over 30 years and a uniform share; events in about 14% of rows
     * from a logit model with moderate effects.
     */
    public static HazardProblem panel(int rows, long seed) {
        double[][] x = new double[COVARIATES][rows];
        double[] y = new double[rows];
        generate(rows, seed, x, y);
        return HazardProblem.of(y, x, names());
    }

    static String[] names() {
        String[] names = new String[COVARIATES];
        for (int j = 0; j < COVARIATES; j++) {
            names[j] = "x" + (j + 1);
        }
        return names;
    }

    private static void generate(int rows, long seed, double[][] x, double[] y) {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        double[] beta = {0.3, -0.2, 0.15, 0.1, -0.1, 0.05, 0.0, 0.25, -0.4, 0.3, 0.2, 0.8};
        for (int i = 0; i < rows; i++) {
            double eta = -2.9;
            for (int j = 0; j < 8; j++) {
                x[j][i] = rng.nextGaussian();
            }
            x[8][i] = rng.nextDouble() < 0.2 ? 1.0 : 0.0;
            x[9][i] = rng.nextDouble() < 0.5 ? 1.0 : 0.0;
            x[10][i] = Math.log(1 + i % 30);
            x[11][i] = rng.nextDouble();
            for (int j = 0; j < COVARIATES; j++) {
                eta += beta[j] * x[j][i];
            }
            y[i] = rng.nextDouble() < 1.0 / (1.0 + Math.exp(-eta)) ? 1.0 : 0.0;
        }
    }

    /**
     * Writes the benchmark panel as CSV (columns event, x1..x12) for the R timing script.
     *
     * <p>Usage: {@code FitBenchmark ROWS FILE}. Values are written with {@link Double#toString},
     * the shortest decimal that reads back to the same double.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FitBenchmark ROWS FILE   (writes the synthetic panel as CSV)");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[0]);
        double[][] x = new double[COVARIATES][rows];
        double[] y = new double[rows];
        generate(rows, SEED, x, y);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            w.write("event");
            for (String name : names()) {
                w.write(',');
                w.write(name);
            }
            w.newLine();
            StringBuilder line = new StringBuilder(256);
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                line.append(y[i] == 1.0 ? '1' : '0');
                for (int j = 0; j < COVARIATES; j++) {
                    line.append(',').append(x[j][i]);
                }
                w.write(line.toString());
                w.newLine();
            }
        }
        HazardEstimate e = HazardEstimator.of().fit(HazardProblem.of(y, x, names()));
        System.out.printf(
                Locale.ROOT,
                "wrote %d rows to %s; Java fit: %d iterations, log-likelihood %.6f%n",
                rows,
                args[1],
                e.iterations(),
                e.logLikelihood());
    }
}
