package org.normlab.sweep;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hipparchus.random.SobolSequenceGenerator;
import org.normlab.sim.Ensemble;
import org.normlab.sweep.SweepDesign.DesignType;
import org.normlab.sweep.SweepDesign.Parameter;

/**
 * The points of a design: one row of parameter values per point, in the design's parameter order,
 * and each point's seed. Points depend only on the design (and its seed), never on the engine.
 *
 * <ul>
 *   <li>Grid: every combination of the listed values, the first parameter varying slowest.</li>
 *   <li>Random: independent uniform draws over each range from one {@value Ensemble#ALGORITHM}
 *       generator seeded from the run seed.</li>
 *   <li>Latin hypercube: each range cut into n equal strata; each stratum used once per parameter,
 *       in a random order, at a uniform position inside it.</li>
 *   <li>Saltelli (2010): a Sobol sequence of dimension 2k (Hipparchus, first point skipped) gives
 *       row j of matrices A (first k columns) and B (last k); the design lists, for each j, A_j,
 *       B_j, then A_j with column i taken from B_j for i = 1..k, so N base rows give N·(k+2) points.
 *       The k dimensions are the range parameters; listed (held) parameters keep their value.</li>
 * </ul>
 * Stateless.
 */
public final class DesignPoints {
    private DesignPoints() {}

    /** The number of points the design has. */
    public static long count(DesignType type, int size, List<Parameter> parameters) {
        return switch (type) {
            case GRID ->
                parameters.stream()
                        .mapToLong(p -> p.isRange() ? 1 : p.values().size())
                        .reduce(1, (a, b) -> Math.min((long) DesignReader.MAX_POINTS + 1, a * b));
            case RANDOM, LHS -> size;
            case SALTELLI ->
                (long) size * (parameters.stream().filter(Parameter::isRange).count() + 2);
        };
    }

    /** The seed of point {@code index}: a SplitMix64 mix of the run seed and the index only. */
    public static long seed(long runSeed, int index) {
        return mix(mix(runSeed) + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    /** The values of every point, [point][parameter]. */
    public static double[][] of(SweepDesign d) {
        List<Parameter> ps = d.parameters();
        int k = ps.size();
        int n = (int) count(d.type(), d.size(), ps);
        double[][] x = new double[n][k];
        switch (d.type()) {
            case GRID -> {
                for (int i = 0; i < n; i++) {
                    int rest = i;
                    for (int j = k - 1; j >= 0; j--) {
                        List<Double> v = ps.get(j).values();
                        x[i][j] = v.get(rest % v.size());
                        rest /= v.size();
                    }
                }
            }
            case RANDOM -> {
                RandomGenerator g = generator(d.seed());
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        Parameter p = ps.get(j);
                        x[i][j] = p.isRange()
                                ? p.from() + (p.to() - p.from()) * g.nextDouble()
                                : p.values().get(0);
                    }
                }
            }
            case LHS -> {
                RandomGenerator g = generator(d.seed());
                for (int j = 0; j < k; j++) {
                    Parameter p = ps.get(j);
                    int[] perm = new int[n];
                    for (int i = 0; i < n; i++) {
                        perm[i] = i;
                    }
                    for (int i = n - 1; i > 0; i--) {
                        int r = g.nextInt(i + 1);
                        int t = perm[i];
                        perm[i] = perm[r];
                        perm[r] = t;
                    }
                    for (int i = 0; i < n; i++) {
                        x[i][j] = p.isRange()
                                ? p.from() + (p.to() - p.from()) * (perm[i] + g.nextDouble()) / n
                                : p.values().get(0);
                    }
                }
            }
            case SALTELLI -> {
                int[] dims = rangeColumns(ps);
                double[][] u = saltelliUnit(d.size(), dims.length);
                for (int i = 0; i < n; i++) {
                    int c = 0;
                    for (int j = 0; j < k; j++) {
                        Parameter p = ps.get(j);
                        x[i][j] = p.isRange()
                                ? p.from() + (p.to() - p.from()) * u[i][c++]
                                : p.values().get(0);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return x;
    }

    /** The column indices of the range parameters (the dimensions of a Saltelli design). */
    public static int[] rangeColumns(List<Parameter> ps) {
        return java.util.stream.IntStream.range(0, ps.size())
                .filter(j -> ps.get(j).isRange())
                .toArray();
    }

    /**
     * Saltelli's design on the unit cube [0, 1)^k: for each of the N base rows, A_j, B_j and A_j
     * with column i from B_j (i = 0..k−1), so N·(k+2) rows.
     */
    public static double[][] saltelliUnit(int base, int k) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.skipTo(1); // the first point is all zeros
        double[][] out = new double[base * (k + 2)][];
        for (int j = 0; j < base; j++) {
            double[] v = sobol.nextVector();
            double[] a = java.util.Arrays.copyOfRange(v, 0, k);
            double[] b = java.util.Arrays.copyOfRange(v, k, 2 * k);
            int o = j * (k + 2);
            out[o] = a;
            out[o + 1] = b;
            for (int i = 0; i < k; i++) {
                double[] ab = a.clone();
                ab[i] = b[i];
                out[o + 2 + i] = ab;
            }
        }
        return out;
    }

    private static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of(Ensemble.ALGORITHM).create(mix(seed ^ 0x5DEECE66DL));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
