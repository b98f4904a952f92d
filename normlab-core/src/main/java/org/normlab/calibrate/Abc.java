package org.normlab.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.normlab.sim.Ensemble;
import org.normlab.sweep.DesignPoints;

/**
 * Approximate Bayesian computation of a model's parameters against an observed curve: rejection,
 * then sequential Monte Carlo.
 *
 * <p><b>Rejection</b> draws from the prior (uniform over each range), simulates each draw and keeps
 * the given fraction closest to the observed curve (the tolerance is that quantile of the
 * distances).
 *
 * <p><b>ABC-SMC</b> (population Monte Carlo; Toni et al. 2009, "Approximate Bayesian computation
 * scheme for parameter inference and model selection in dynamical systems", J. R. Soc. Interface 6,
 * 187–202; Beaumont et al. 2009, "Adaptive approximate Bayesian computation", Biometrika 96,
 * 983–990) starts from N draws of the prior and, in each generation t, lowers the tolerance to the
 * given quantile of the last generation's distances (adaptive tolerances, as Del Moral et al. 2012
 * and Drovandi and Pettitt 2011 do), samples a particle by weight, perturbs it with a Gaussian kernel
 * whose variance is twice the weighted variance of the last generation in each parameter (Beaumont
 * et al. 2009), discards proposals outside the prior, simulates, and keeps those within the
 * tolerance until N are kept. A kept particle's weight is π(θ) / Σ_j w_j K(θ | θ_j), normalised.
 *
 * <p>The distance is the root mean square difference between the simulated and the observed curve
 * over the years compared. Every proposal (attempt a of generation t) draws its own random numbers
 * and simulation seed from the run seed, t and a only, and attempts are accepted in attempt order,
 * so results do not depend on the number of threads. Immutable and thread-safe when the model is.
 */
public final class Abc {
    /** Most attempts per kept particle in a generation before the run stops early. */
    public static final int MAX_ATTEMPTS_PER_PARTICLE = 200;

    /** The model: a parameter vector and a seed give a simulated curve. Must be thread-safe. */
    @FunctionalInterface
    public interface Model {
        /** The simulated curve, one value per year compared (the same years as the observed curve). */
        double[] simulate(double[] theta, long seed);
    }

    /**
     * Settings.
     *
     * @param names       the parameters' names
     * @param lower       lower ends of the uniform priors
     * @param upper       upper ends, above lower
     * @param particles   particles kept per generation, ≥ 2
     * @param generations SMC generations after the prior's (0 for rejection only)
     * @param draws       rejection: prior draws (particles kept are {@code quantile × draws}); SMC: ignored
     *                    (the first generation is {@code particles} prior draws)
     * @param quantile    the fraction of distances below the next tolerance, in (0, 1)
     * @param seed        the run seed
     * @param threads     threads simulating proposals in parallel, ≥ 1 (results do not depend on it)
     */
    public record Settings(
            List<String> names,
            double[] lower,
            double[] upper,
            int particles,
            int generations,
            int draws,
            double quantile,
            long seed,
            int threads) {
        public Settings {
            names = List.copyOf(names);
            lower = lower.clone();
            upper = upper.clone();
            if (lower.length != names.size() || upper.length != names.size() || names.isEmpty()) {
                throw new IllegalArgumentException("give one range per parameter");
            }
            for (int i = 0; i < lower.length; i++) {
                if (!(upper[i] > lower[i])) {
                    throw new IllegalArgumentException("empty prior range for " + names.get(i));
                }
            }
            if (particles < 2 || generations < 0 || !(quantile > 0 && quantile < 1) || threads < 1) {
                throw new IllegalArgumentException("particles ≥ 2, generations ≥ 0, quantile in (0, 1), threads ≥ 1");
            }
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    /**
     * One generation's particles.
     *
     * @param tolerance the tolerance ε (infinite for the prior's generation)
     * @param theta     [particle][parameter]
     * @param weight    normalised weights
     * @param distance  each particle's distance
     * @param curves    each particle's simulated curve
     * @param attempts  proposals simulated
     */
    public record Generation(
            double tolerance, double[][] theta, double[] weight, double[] distance, double[][] curves, int attempts) {}

    /**
     * The posterior: every generation, the last one being the posterior sample.
     *
     * @param generations the generations in order
     * @param stoppedEarly whether a generation ran out of attempts (too few proposals within tolerance)
     */
    public record Result(List<Generation> generations, boolean stoppedEarly) {
        /** The last generation. */
        public Generation posterior() {
            return generations.get(generations.size() - 1);
        }
    }

    private final Settings s;
    private final Model model;
    private final double[] observed;

    private Abc(Settings s, Model model, double[] observed) {
        this.s = Objects.requireNonNull(s, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.observed = observed.clone();
    }

    /** An ABC run of {@code model} against {@code observed}. */
    public static Abc of(Settings settings, Model model, double[] observed) {
        return new Abc(settings, model, observed);
    }

    /** Rejection ABC. */
    public Result rejection() {
        int n = Math.max(s.particles(), 1);
        int draws = Math.max(s.draws(), n);
        Attempt[] all = attempts(0, 0, draws, this::fromPrior);
        Integer[] order = IntStream.range(0, draws).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(all[a].distance, all[b].distance));
        int keep = Math.max(2, (int) Math.round(s.quantile() * draws));
        Attempt[] kept = new Attempt[keep];
        for (int i = 0; i < keep; i++) {
            kept[i] = all[order[i]];
        }
        double eps = kept[keep - 1].distance;
        double[] w = new double[keep];
        Arrays.fill(w, 1.0 / keep);
        return new Result(List.of(generation(eps, kept, w, draws)), false);
    }

    /** ABC-SMC. */
    public Result smc() {
        int n = s.particles();
        List<Generation> gens = new ArrayList<>();
        Attempt[] first = attempts(0, 0, n, this::fromPrior);
        double[] w0 = new double[n];
        Arrays.fill(w0, 1.0 / n);
        gens.add(generation(Double.POSITIVE_INFINITY, first, w0, n));
        boolean early = false;
        for (int t = 1; t <= s.generations(); t++) {
            Generation prev = gens.get(gens.size() - 1);
            double eps = quantile(prev.distance(), s.quantile());
            double[] sd = new double[s.names().size()];
            for (int j = 0; j < sd.length; j++) {
                sd[j] = Math.sqrt(2 * weightedVariance(prev.theta(), prev.weight(), j));
            }
            final int gen = t;
            List<Attempt> kept = new ArrayList<>();
            int attempts = 0;
            int max = n * MAX_ATTEMPTS_PER_PARTICLE;
            while (kept.size() < n && attempts < max) {
                int batch = Math.min(max - attempts, Math.max(n, 4 * (n - kept.size())));
                Attempt[] b = attempts(gen, attempts, batch, g -> perturb(prev, sd, g));
                for (Attempt a : b) {
                    if (kept.size() < n && a.theta != null && a.distance <= eps) {
                        kept.add(a);
                    }
                }
                attempts += batch;
            }
            if (kept.size() < 2) {
                early = true;
                break;
            }
            Attempt[] k = kept.toArray(Attempt[]::new);
            double[] w = new double[k.length];
            double total = 0;
            for (int i = 0; i < k.length; i++) {
                double denom = 0;
                for (int j = 0; j < prev.theta().length; j++) {
                    denom += prev.weight()[j] * kernel(k[i].theta, prev.theta()[j], sd);
                }
                w[i] = 1.0 / denom; // uniform prior: π(θ) is constant inside the ranges
                total += w[i];
            }
            for (int i = 0; i < w.length; i++) {
                w[i] /= total;
            }
            gens.add(generation(eps, k, w, attempts));
            if (kept.size() < n) {
                early = true;
                break;
            }
        }
        return new Result(gens, early);
    }

    /** One proposal: its parameters (null if outside the prior), curve and distance. */
    private record Attempt(double[] theta, double[] curve, double distance) {}

    /** Attempts [from, from + count) of generation {@code gen}, in parallel, each from its own stream. */
    private Attempt[] attempts(
            int gen, int from, int count, java.util.function.Function<RandomGenerator, double[]> propose) {
        Attempt[] out = new Attempt[count];
        IntStream range = IntStream.range(0, count);
        java.util.function.IntConsumer one = i -> {
            long key = DesignPoints.seed(s.seed() + 0x632BE59BD9B4E019L * gen, from + i);
            RandomGenerator g = RandomGeneratorFactory.of(Ensemble.ALGORITHM).create(key);
            double[] theta = propose.apply(g);
            if (theta == null) {
                out[i] = new Attempt(null, null, Double.POSITIVE_INFINITY);
                return;
            }
            double[] curve = model.simulate(theta, g.nextLong());
            out[i] = new Attempt(theta, curve, distance(curve));
        };
        if (s.threads() == 1) {
            range.forEach(one);
        } else {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(s.threads());
            try {
                pool.submit(() -> range.parallel().forEach(one)).join();
            } finally {
                pool.shutdown();
            }
        }
        return out;
    }

    private double[] fromPrior(RandomGenerator g) {
        double[] lo = s.lower;
        double[] hi = s.upper;
        double[] theta = new double[lo.length];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = lo[j] + (hi[j] - lo[j]) * g.nextDouble();
        }
        return theta;
    }

    /** A weighted pick of the last generation, moved by the kernel; null outside the prior. */
    private double[] perturb(Generation prev, double[] sd, RandomGenerator g) {
        double u = g.nextDouble();
        double[] w = prev.weight();
        int pick = w.length - 1;
        double c = 0;
        for (int i = 0; i < w.length; i++) {
            c += w[i];
            if (u < c) {
                pick = i;
                break;
            }
        }
        double[] theta = prev.theta()[pick].clone();
        for (int j = 0; j < theta.length; j++) {
            theta[j] += sd[j] * g.nextGaussian();
            if (theta[j] < s.lower[j] || theta[j] > s.upper[j]) {
                return null;
            }
        }
        return theta;
    }

    /** The Gaussian kernel's density (up to a constant) of moving from {@code from} to {@code to}. */
    private static double kernel(double[] to, double[] from, double[] sd) {
        double e = 0;
        for (int j = 0; j < to.length; j++) {
            double z = sd[j] > 0 ? (to[j] - from[j]) / sd[j] : 0;
            e += z * z;
        }
        return Math.exp(-0.5 * e);
    }

    /** Root mean square difference over the years compared. */
    double distance(double[] curve) {
        if (curve.length != observed.length) {
            throw new IllegalArgumentException(
                    "a simulated curve of " + curve.length + " years against " + observed.length + " observed");
        }
        double ss = 0;
        for (int k = 0; k < curve.length; k++) {
            ss += (curve[k] - observed[k]) * (curve[k] - observed[k]);
        }
        return Math.sqrt(ss / curve.length);
    }

    private static Generation generation(double eps, Attempt[] kept, double[] w, int attempts) {
        double[][] theta = new double[kept.length][];
        double[][] curves = new double[kept.length][];
        double[] d = new double[kept.length];
        for (int i = 0; i < kept.length; i++) {
            theta[i] = kept[i].theta;
            curves[i] = kept[i].curve;
            d[i] = kept[i].distance;
        }
        return new Generation(eps, theta, w, d, curves, attempts);
    }

    /** Weighted variance of parameter j. */
    static double weightedVariance(double[][] theta, double[] w, int j) {
        double m = 0;
        for (int i = 0; i < theta.length; i++) {
            m += w[i] * theta[i][j];
        }
        double v = 0;
        for (int i = 0; i < theta.length; i++) {
            v += w[i] * (theta[i][j] - m) * (theta[i][j] - m);
        }
        return v;
    }

    /** Type 7 quantile of unsorted values. */
    static double quantile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= v.length - 1) {
            return v[v.length - 1];
        }
        return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }

    /** Weighted quantile: the smallest value whose cumulative weight reaches p. */
    public static double weightedQuantile(double[] values, double[] w, double p) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double c = 0;
        for (Integer i : order) {
            c += w[i];
            if (c >= p - 1e-12) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }
}
