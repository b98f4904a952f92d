package org.normlab.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.normlab.sim.Ensemble;

/**
 * Global sensitivity of a scalar response to a design's parameters: first-order and total Sobol
 * indices from a Saltelli design, and standardized regression coefficients from any design, each with
 * a percentile bootstrap interval.
 *
 * <p>Sobol indices use the estimators recommended by Saltelli et al. (2010, "Variance based
 * sensitivity analysis of model output. Design and estimator for the total sensitivity index",
 * Computer Physics Communications 181, 259–270, table 2): with N base rows of matrices A and B and
 * A_B^i (A with column i from B), V = Var[f(A), f(B)],
 * S_i = (1/N) Σ_j (f(B)_j − f̄) (f(A_B^i)_j − f(A)_j) / V, and Jansen's
 * S_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V. The responses are centred on their mean f̄ over A
 * and B in the first-order estimator: its expectation is unchanged (the differences have mean 0)
 * but its variance no longer grows with the square of the response's level, which matters for
 * counts of parties far from 0. The bootstrap resamples the N base rows.
 *
 * <p>Standardized regression coefficients are the least-squares slopes of the response on the
 * parameters, each times sd(x_j)/sd(y); parameters held fixed in the design are left out. Their
 * squares add up to R² when the parameters are uncorrelated and the model is linear. The bootstrap
 * resamples points.
 *
 * <p>Stateless; randomness (the bootstrap) comes from the given seed only.
 */
public final class Sensitivity {
    /** Level of the bootstrap intervals. */
    public static final double LEVEL = 0.90;

    private Sensitivity() {}

    /**
     * An index with its bootstrap interval (NaN bounds without bootstrap).
     *
     * @param parameter the parameter
     * @param estimate  the index
     * @param lower     lower bound of the {@value #LEVEL} percentile interval
     * @param upper     upper bound
     */
    public record Index(String parameter, double estimate, double lower, double upper) {
        public Index {
            Objects.requireNonNull(parameter, "parameter");
        }
    }

    /**
     * Sobol indices.
     *
     * @param firstOrder S_i per parameter
     * @param total      S_Ti per parameter
     * @param variance   the response variance V
     * @param base       base rows used
     * @param dropped    base rows dropped because a response in them was missing (NaN)
     */
    public record Sobol(List<Index> firstOrder, List<Index> total, double variance, int base, int dropped) {
        public Sobol {
            firstOrder = List.copyOf(firstOrder);
            total = List.copyOf(total);
        }
    }

    /**
     * Standardized regression coefficients.
     *
     * @param coefficients one per varying parameter
     * @param r2           the regression's R²
     * @param points       points used
     * @param dropped      points dropped because their response was missing (NaN)
     */
    public record Src(List<Index> coefficients, double r2, int points, int dropped) {
        public Src {
            coefficients = List.copyOf(coefficients);
        }
    }

    /**
     * Sobol indices from responses laid out as {@link DesignPoints#saltelliUnit}: N blocks of k + 2
     * (A_j, B_j, A_B^1_j … A_B^k_j).
     *
     * @param names     the k parameters' names
     * @param bootstrap bootstrap resamples, 0 for none
     * @param seed      seed of the bootstrap
     */
    public static Sobol sobol(double[] y, List<String> names, int bootstrap, long seed) {
        int k = names.size();
        if (y.length % (k + 2) != 0) {
            throw new IllegalArgumentException(y.length + " responses do not make blocks of " + (k + 2));
        }
        List<double[]> blocks = new ArrayList<>();
        for (int o = 0; o < y.length; o += k + 2) {
            double[] b = Arrays.copyOfRange(y, o, o + k + 2);
            if (Arrays.stream(b).allMatch(Double::isFinite)) {
                blocks.add(b);
            }
        }
        int n = blocks.size();
        int dropped = y.length / (k + 2) - n;
        if (n < 2) {
            throw new IllegalArgumentException("Sobol indices need at least 2 complete base rows, got " + n);
        }
        double[][] est = sobolOf(blocks, k);
        double[][][] boot = new double[2][k][bootstrap];
        RandomGenerator g = generator(seed);
        List<double[]> resample = new ArrayList<>(n);
        for (int b = 0; b < bootstrap; b++) {
            resample.clear();
            for (int j = 0; j < n; j++) {
                resample.add(blocks.get(g.nextInt(n)));
            }
            double[][] e = sobolOf(resample, k);
            for (int i = 0; i < k; i++) {
                boot[0][i][b] = e[0][i];
                boot[1][i][b] = e[1][i];
            }
        }
        List<Index> first = new ArrayList<>();
        List<Index> total = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            first.add(index(names.get(i), est[0][i], boot[0][i]));
            total.add(index(names.get(i), est[1][i], boot[1][i]));
        }
        return new Sobol(first, total, est[2][0], n, dropped);
    }

    /** [0] first-order, [1] total, [2][0] the variance. */
    private static double[][] sobolOf(List<double[]> blocks, int k) {
        int n = blocks.size();
        double sum = 0;
        for (double[] b : blocks) {
            sum += b[0] + b[1];
        }
        double mean = sum / (2 * n);
        double ss = 0;
        for (double[] b : blocks) {
            ss += (b[0] - mean) * (b[0] - mean) + (b[1] - mean) * (b[1] - mean);
        }
        double v = ss / (2 * n - 1);
        double[][] out = new double[3][k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            double t = 0;
            for (double[] b : blocks) {
                double fa = b[0];
                double fb = b[1];
                double fab = b[2 + i];
                s += (fb - mean) * (fab - fa);
                t += (fa - fab) * (fa - fab);
            }
            out[0][i] = s / n / v;
            out[1][i] = t / (2.0 * n) / v;
        }
        out[2][0] = v;
        return out;
    }

    /**
     * Standardized regression coefficients of y on the columns of x; columns without variation
     * are left out.
     *
     * @param x         [point][parameter]
     * @param names     the parameters' names
     * @param bootstrap bootstrap resamples, 0 for none
     * @param seed      seed of the bootstrap
     */
    public static Src src(double[][] x, double[] y, List<String> names, int bootstrap, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                rows.add(i);
            }
        }
        int n = rows.size();
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            final int c = j;
            double first = x[0][c];
            if (rows.stream().anyMatch(i -> x[i][c] != first)) {
                cols.add(j);
            }
        }
        if (n < cols.size() + 2) {
            throw new IllegalArgumentException("standardized regression coefficients need more points than"
                    + " parameters + 1; got " + n + " points for " + cols.size() + " parameters");
        }
        int[] all = rows.stream().mapToInt(Integer::intValue).toArray();
        double[] est = srcOf(x, y, all, cols);
        RandomGenerator g = generator(seed);
        double[][] boot = new double[cols.size()][bootstrap];
        int[] pick = new int[n];
        for (int b = 0; b < bootstrap; b++) {
            for (int i = 0; i < n; i++) {
                pick[i] = all[g.nextInt(n)];
            }
            double[] e = srcOf(x, y, pick, cols);
            for (int c = 0; c < cols.size(); c++) {
                boot[c][b] = e[c];
            }
        }
        List<Index> out = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            out.add(index(names.get(cols.get(c)), est[c], boot[c]));
        }
        return new Src(out, est[cols.size()], n, y.length - n);
    }

    /** The coefficients, then R²; NaN if the resample has no variation. */
    private static double[] srcOf(double[][] x, double[] y, int[] rows, List<Integer> cols) {
        int n = rows.length;
        int p = cols.size();
        double[] out = new double[p + 1];
        double ym = 0;
        for (int i : rows) {
            ym += y[i];
        }
        ym /= n;
        double ysd = 0;
        for (int i : rows) {
            ysd += (y[i] - ym) * (y[i] - ym);
        }
        ysd = Math.sqrt(ysd / (n - 1));
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int c = 0; c < p; c++) {
            int j = cols.get(c);
            for (int i : rows) {
                mean[c] += x[i][j];
            }
            mean[c] /= n;
            for (int i : rows) {
                sd[c] += (x[i][j] - mean[c]) * (x[i][j] - mean[c]);
            }
            sd[c] = Math.sqrt(sd[c] / (n - 1));
        }
        if (!(ysd > 0) || Arrays.stream(sd).anyMatch(s -> !(s > 0))) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        RealMatrix a = new Array2DRowRealMatrix(n, p + 1);
        RealVector b = new ArrayRealVector(n);
        for (int r = 0; r < n; r++) {
            int i = rows[r];
            a.setEntry(r, 0, 1.0);
            for (int c = 0; c < p; c++) {
                a.setEntry(r, c + 1, (x[i][cols.get(c)] - mean[c]) / sd[c]);
            }
            b.setEntry(r, (y[i] - ym) / ysd);
        }
        QRDecomposition qr = new QRDecomposition(a, 1e-12);
        if (!qr.getSolver().isNonSingular()) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        RealVector beta = qr.getSolver().solve(b);
        RealVector fitted = a.operate(beta);
        double rss = 0;
        double tss = 0;
        for (int r = 0; r < n; r++) {
            rss += (b.getEntry(r) - fitted.getEntry(r)) * (b.getEntry(r) - fitted.getEntry(r));
            tss += b.getEntry(r) * b.getEntry(r);
        }
        for (int c = 0; c < p; c++) {
            out[c] = beta.getEntry(c + 1);
        }
        out[p] = 1 - rss / tss;
        return out;
    }

    private static Index index(String name, double estimate, double[] boot) {
        double[] ok = Arrays.stream(boot).filter(Double::isFinite).sorted().toArray();
        if (ok.length == 0) {
            return new Index(name, estimate, Double.NaN, Double.NaN);
        }
        return new Index(name, estimate, quantile(ok, (1 - LEVEL) / 2), quantile(ok, (1 + LEVEL) / 2));
    }

    /** Type 7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    private static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of(Ensemble.ALGORITHM).create(seed);
    }
}
