package org.normlab.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.normlab.data.NormlabException;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.Link;

/**
 * Confidence intervals of the coefficients of a hazard model, as R's {@code confint} gives them
 * for a {@code glm}: Wald ({@code confint.default}: estimate &plusmn; z &middot; SE, with the
 * estimate's standard errors, model-based or cluster-robust) and profile likelihood (the values of
 * a coefficient where twice the drop of the log-likelihood, maximised over the other coefficients,
 * equals the chi-square quantile; computed as exact roots, which MASS's grid-and-spline method
 * approximates to about 1e-5). Stateless and thread safe.
 */
public final class Intervals {
    private static final double TOLERANCE = 1e-12;

    private Intervals() {}

    /** The standard normal quantile for a two-sided interval of {@code level}. */
    static double z(double level) {
        check(level);
        return new NormalDistribution(0, 1).inverseCumulativeProbability((1 + level) / 2);
    }

    /** Checks a confidence level is strictly between 0 and 1. */
    public static void check(double level) {
        if (!(level > 0 && level < 1)) {
            throw new NormlabException(String.format(
                    Locale.ROOT, "the confidence level must be between 0 and 1 (e.g. 0.95), got %s", level));
        }
    }

    /** Wald intervals: estimate &plusmn; z &middot; SE, the SEs of the estimate (model-based or clustered). */
    public static List<Interval> wald(HazardEstimate e, double level) {
        double z = z(level);
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < e.size(); j++) {
            double b = e.coefficients()[j];
            double se = e.standardErrors()[j];
            out.add(new Interval(e.names().get(j), b - z * se, b + z * se));
        }
        return out;
    }

    /**
     * Profile-likelihood intervals of a maximum-likelihood fit of {@code problem}.
     *
     * @throws NormlabException for a penalised fit (Firth, ridge), whose likelihood is not the one profiled
     */
    public static List<Interval> profile(HazardProblem problem, HazardEstimate e, double level) {
        if (!e.maximumLikelihood()) {
            throw new NormlabException("profile-likelihood intervals need a maximum-likelihood fit; " + "this one is "
                    + e.method() + " (use Wald intervals)");
        }
        double z = z(level);
        double[][] x = design(problem, e);
        double[] y = problem.y();
        Link link = e.link();
        double ll = logLik(x, y, link, e.coefficients());
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < e.size(); j++) {
            final int jj = j;
            double b = e.coefficients()[j];
            double se = e.standardErrors()[j];
            double[] start = e.coefficients().clone();
            java.util.function.DoubleUnaryOperator root = v -> {
                double lp = constrained(x, y, link, jj, v, start);
                return Math.signum(v - b) * Math.sqrt(Math.max(0, 2 * (ll - lp)));
            };
            double step = Double.isFinite(se) && se > 0 ? se : 1;
            out.add(new Interval(e.names().get(j), limit(root, b, -step, -z), limit(root, b, step, z)));
        }
        return out;
    }

    /** The root of r(v) = target on one side of the estimate, bracketed by doubling steps as R's profile does. */
    private static double limit(java.util.function.DoubleUnaryOperator r, double b, double step, double target) {
        double k = 1;
        while (Math.signum(r.applyAsDouble(b + k * step) - target) == Math.signum(-target)) {
            k *= 2;
            if (k > 1 << 12) {
                return target < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        double lo = b + (k > 1 ? k / 2 : 0) * step;
        double hi = b + k * step;
        BrentSolver solver = new BrentSolver(TOLERANCE * Math.max(1, Math.abs(b)));
        return solver.solve(10_000, v -> r.applyAsDouble(v) - target, Math.min(lo, hi), Math.max(lo, hi));
    }

    /** The columns of the estimate's terms (the intercept as ones), row-major. */
    static double[][] design(HazardProblem problem, HazardEstimate e) {
        int n = problem.n();
        double[][] x = new double[n][e.size()];
        for (int j = 0; j < e.size(); j++) {
            String name = e.names().get(j);
            double[] col = name.equals(HazardProblem.INTERCEPT) ? null : problem.column(name);
            for (int i = 0; i < n; i++) {
                x[i][j] = col == null ? 1 : col[i];
            }
        }
        return x;
    }

    /** The maximum of the log-likelihood over the coefficients other than {@code fixed}, held at {@code value}. */
    private static double constrained(double[][] x, double[] y, Link link, int fixed, double value, double[] start) {
        int p = start.length;
        double[] beta = start.clone();
        beta[fixed] = value;
        double ll = logLik(x, y, link, beta);
        for (int iter = 0; iter < 100; iter++) {
            double[] score = new double[p];
            double[][] info = new double[p][p];
            for (int i = 0; i < y.length; i++) {
                double eta = dot(x[i], beta);
                double mu = link.probability(eta);
                double d = muEta(link, eta);
                double v = mu * (1 - mu);
                double s = (y[i] - mu) * d / v;
                double w = d * d / v;
                for (int a = 0; a < p; a++) {
                    if (a == fixed) {
                        continue;
                    }
                    score[a] += s * x[i][a];
                    for (int c = 0; c <= a; c++) {
                        if (c != fixed) {
                            info[a][c] += w * x[i][a] * x[i][c];
                        }
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < a; c++) {
                    info[c][a] = info[a][c];
                }
            }
            info[fixed][fixed] = 1;
            RealMatrix m = MatrixUtils.createRealMatrix(info);
            double[] delta = new CholeskyDecomposition(m, 1e-14, 1e-14)
                    .getSolver()
                    .solve(MatrixUtils.createRealVector(score))
                    .toArray();
            delta[fixed] = 0;
            double t = 1;
            double[] next = new double[p];
            double llNext;
            do {
                for (int a = 0; a < p; a++) {
                    next[a] = beta[a] + t * delta[a];
                }
                llNext = logLik(x, y, link, next);
                t /= 2;
            } while (llNext < ll - 1e-12 * Math.abs(ll) && t > 1e-10);
            boolean done = Math.abs(llNext - ll) < TOLERANCE * (Math.abs(ll) + 0.1);
            beta = next.clone();
            ll = llNext;
            if (done) {
                break;
            }
        }
        return ll;
    }

    static double logLik(double[][] x, double[] y, Link link, double[] beta) {
        double ll = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = link.probability(dot(x[i], beta));
            ll += y[i] > 0 ? Math.log(mu) : Math.log1p(-mu);
        }
        return ll;
    }

    /** d mu / d eta, as R's binomial family's {@code mu.eta}. */
    static double muEta(Link link, double eta) {
        if (link == Link.LOGIT) {
            double e = Math.exp(-Math.abs(eta));
            return Math.max(e / ((1 + e) * (1 + e)), 0x1.0p-52);
        }
        double e = Math.min(eta, 700);
        return Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), 0x1.0p-52);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
