package org.normlab.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits the Bass diffusion model to a series of adoptions by nonlinear least squares
 * (Levenberg&ndash;Marquardt, Hipparchus), estimating m, p and q with {@code nls}-style standard
 * errors.
 *
 * <p>Starting values are found automatically: the classic Bass regression of s<sub>t</sub> on
 * cumulative adoptions N<sub>t&minus;1</sub> and N<sub>t&minus;1</sub>&sup2; (Bass 1969) when it
 * gives admissible values, and a grid over (p, q) with m profiled out (the model is linear in
 * m). The optimiser runs from each and the lower residual sum of squares wins. Derivatives are
 * exact (automatic differentiation).
 *
 * <p>Constraints: p &gt; 0, q &ge; 0, m &gt; 0; an estimate on a bound is reported in the
 * diagnostics. Immutable and thread-safe.
 *
 * @param form model form, {@link BassForm#PERIOD} by default
 * @param tolerance relative tolerance on cost and parameters, in [1e-15, 1e-3]
 * @param maxIterations iteration limit for each optimiser run
 */
public record BassFit(BassForm form, double tolerance, int maxIterations) {

    /** Lower bound of p: the model divides by p. */
    private static final double P_FLOOR = 1e-9;

    private static final double[] GRID_P = logGrid(1e-4, 0.3, 25);
    private static final double[] GRID_Q = linearGrid(0.0, 2.0, 41);

    /** Validates the options. */
    public BassFit {
        Objects.requireNonNull(form, "form");
        if (!(tolerance >= 1e-15 && tolerance <= 1e-3)) {
            throw new EstimationException("Bass tolerance " + tolerance + " must be in [1e-15, 1e-3]");
        }
        if (maxIterations < 1) {
            throw new EstimationException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** Period form, tolerance 1e-12, up to 1000 iterations. */
    public static BassFit of() {
        return new BassFit(BassForm.PERIOD, 1e-12, 1000);
    }

    /** This fit with model form {@code newForm}. */
    public BassFit withForm(BassForm newForm) {
        return new BassFit(newForm, tolerance, maxIterations);
    }

    /**
     * Fits per-period adoptions s<sub>1</sub>, &hellip;, s<sub>T</sub>.
     *
     * @param sales adoptions in each period from launch, non-negative, at least 4 periods
     */
    public BassEstimate fit(double[] sales) {
        Objects.requireNonNull(sales, "sales");
        int t = sales.length;
        if (t < 4) {
            throw new EstimationException(
                    "the Bass model has 3 parameters: it needs at least 4 periods," + " got " + t);
        }
        double total = 0.0;
        for (int i = 0; i < t; i++) {
            if (!Double.isFinite(sales[i]) || sales[i] < 0) {
                throw new EstimationException("adoptions in period " + (i + 1) + " are " + sales[i]
                        + ": the series must be finite and non-negative (per period, not cumulative?)");
            }
            total += sales[i];
        }
        if (total <= 0) {
            throw new EstimationException("the series has no adoptions: nothing to fit");
        }
        double[] s = sales.clone();
        List<double[]> starts = new ArrayList<>();
        double[] ols = olsStart(s);
        if (ols != null) {
            starts.add(ols);
        }
        starts.add(gridStart(s));
        Optimum best = null;
        RuntimeException lastFailure = null;
        for (double[] start : starts) {
            try {
                Optimum o = optimize(s, start);
                if (best == null || o.getCost() < best.getCost()) {
                    best = o;
                }
            } catch (MathIllegalStateException e) {
                lastFailure = e;
            }
        }
        if (best == null) {
            throw new EstimationException(
                    "the Bass fit failed from every starting value ("
                            + lastFailure.getMessage() + "); check that the series is per period and covers the"
                            + " rise of adoptions",
                    lastFailure);
        }
        return estimate(s, best, total);
    }

    /**
     * Fits a cumulative series N<sub>1</sub> &le; N<sub>2</sub> &le; &hellip;, converted to
     * per-period adoptions s<sub>t</sub> = N<sub>t</sub> &minus; N<sub>t&minus;1</sub> with
     * N<sub>0</sub> = 0.
     */
    public BassEstimate fitCumulative(double[] cumulative) {
        Objects.requireNonNull(cumulative, "cumulative");
        double[] s = new double[cumulative.length];
        double prev = 0.0;
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] < prev) {
                throw new EstimationException(String.format(
                        Locale.ROOT,
                        "the cumulative series decreases"
                                + " at period %d (%s after %s): pass per-period adoptions to fit(...) instead",
                        i + 1,
                        cumulative[i],
                        prev));
            }
            s[i] = cumulative[i] - prev;
            prev = cumulative[i];
        }
        return fit(s);
    }

    // ---- model -------------------------------------------------------------------------------

    /** F(t) for plain doubles. */
    static double share(double t, double p, double q) {
        if (t <= 0) {
            return 0.0;
        }
        double e = Math.exp(-(p + q) * t);
        return (1.0 - e) / (1.0 + (q / p) * e);
    }

    /** f(t) = F'(t) for plain doubles. */
    static double density(double t, double p, double q) {
        double e = Math.exp(-(p + q) * t);
        double d = 1.0 + (q / p) * e;
        return (p + q) * (p + q) / p * e / (d * d);
    }

    private static Gradient share(double t, Gradient p, Gradient q) {
        if (t <= 0) {
            return p.getField().getZero();
        }
        Gradient e = p.add(q).multiply(-t).exp();
        return e.negate().add(1.0).divide(q.divide(p).multiply(e).add(1.0));
    }

    private static Gradient density(double t, Gradient p, Gradient q) {
        Gradient a = p.add(q);
        Gradient e = a.multiply(-t).exp();
        Gradient d = q.divide(p).multiply(e).add(1.0);
        return a.multiply(a).divide(p).multiply(e).divide(d.multiply(d));
    }

    /** Model value per unit of m at period t. */
    private double unit(int t, double p, double q) {
        return form == BassForm.PERIOD ? share(t, p, q) - share(t - 1, p, q) : density(t, p, q);
    }

    private Pair<RealVector, RealMatrix> valueAndJacobian(RealVector point, int periods) {
        Gradient m = Gradient.variable(3, 0, point.getEntry(0));
        Gradient p = Gradient.variable(3, 1, point.getEntry(1));
        Gradient q = Gradient.variable(3, 2, point.getEntry(2));
        double[] value = new double[periods];
        double[][] jac = new double[periods][];
        for (int i = 0; i < periods; i++) {
            int t = i + 1;
            Gradient g = form == BassForm.PERIOD ? share(t, p, q).subtract(share(t - 1, p, q)) : density(t, p, q);
            Gradient v = g.multiply(m);
            value[i] = v.getValue();
            jac[i] = v.getGradient();
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
    }

    private Optimum optimize(double[] s, double[] start) {
        double mFloor = 1e-9 * Math.max(1.0, start[0]);
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(s)
                .model(point -> valueAndJacobian(point, s.length))
                .parameterValidator(v -> {
                    RealVector c = v.copy();
                    c.setEntry(0, Math.max(c.getEntry(0), mFloor));
                    c.setEntry(1, Math.max(c.getEntry(1), P_FLOOR));
                    c.setEntry(2, Math.max(c.getEntry(2), 0.0));
                    return c;
                })
                .maxEvaluations(50 * maxIterations)
                .maxIterations(maxIterations)
                .build();
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(tolerance)
                .withParameterRelativeTolerance(tolerance)
                .withOrthoTolerance(tolerance);
        return lm.optimize(problem);
    }

    // ---- starting values ---------------------------------------------------------------------

    /**
     * Bass (1969) regression s<sub>t</sub> = a + b N<sub>t&minus;1</sub> + c
     * N<sub>t&minus;1</sub>&sup2;, with a = pm, b = q &minus; p, c = &minus;q/m; null when the
     * roots give no admissible (m, p, q).
     */
    static double[] olsStart(double[] s) {
        int t = s.length;
        double[][] xtx = new double[3][3];
        double[] xty = new double[3];
        double cum = 0.0;
        double total = 0.0;
        for (double v : s) {
            total += v;
        }
        // Work in units of the total so that N^2 does not dwarf the other columns.
        for (int i = 0; i < t; i++) {
            double n1 = cum / total;
            double[] x = {1.0, n1, n1 * n1};
            double y = s[i] / total;
            for (int a = 0; a < 3; a++) {
                xty[a] += x[a] * y;
                for (int b = 0; b < 3; b++) {
                    xtx[a][b] += x[a] * x[b];
                }
            }
            cum += s[i];
        }
        double[] flat = new double[9];
        for (int a = 0; a < 3; a++) {
            System.arraycopy(xtx[a], 0, flat, 3 * a, 3);
        }
        double[] ch = Dense.cholesky(flat, 3, 1e-12);
        if (ch == null) {
            return null;
        }
        double[] coef = Dense.solve(ch, 3, xty);
        double a = coef[0];
        double b = coef[1];
        double c = coef[2];
        if (!(c < 0)) {
            return null;
        }
        double disc = b * b - 4 * a * c;
        if (!(disc >= 0)) {
            return null;
        }
        double m = (-b - Math.sqrt(disc)) / (2 * c);
        if (!(m > 0)) {
            return null;
        }
        double p = a / m;
        double q = -c * m;
        if (!(p > 0 && q >= 0 && p < 1 && q < 5)) {
            return null;
        }
        return new double[] {m * total, p, q};
    }

    /** Best (p, q) on a grid with m = &Sigma;s&middot;g/&Sigma;g&sup2; profiled out. */
    private double[] gridStart(double[] s) {
        double best = Double.POSITIVE_INFINITY;
        double[] start = null;
        double[] g = new double[s.length];
        for (double p : GRID_P) {
            for (double q : GRID_Q) {
                double sg = 0.0;
                double gg = 0.0;
                for (int i = 0; i < s.length; i++) {
                    g[i] = unit(i + 1, p, q);
                    sg += s[i] * g[i];
                    gg += g[i] * g[i];
                }
                if (!(gg > 0)) {
                    continue;
                }
                double m = Math.max(sg / gg, 0.0);
                double rss = 0.0;
                for (int i = 0; i < s.length; i++) {
                    double r = s[i] - m * g[i];
                    rss += r * r;
                }
                if (rss < best && m > 0) {
                    best = rss;
                    start = new double[] {m, p, q};
                }
            }
        }
        if (start == null) {
            throw new EstimationException("no admissible Bass starting values: the series looks flat or" + " empty");
        }
        return start;
    }

    private static double[] logGrid(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from * Math.pow(to / from, (double) i / (count - 1));
        }
        return out;
    }

    private static double[] linearGrid(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + (to - from) * i / (count - 1);
        }
        return out;
    }

    // ---- result ------------------------------------------------------------------------------

    private BassEstimate estimate(double[] s, Optimum o, double total) {
        int t = s.length;
        double[] est = o.getPoint().toArray();
        double rss = o.getResiduals().dotProduct(o.getResiduals());
        int df = t - 3;
        double sigma2 = rss / df;
        RealMatrix inv = o.getCovariances(1e-14);
        double[][] cov = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                cov[i][j] = sigma2 * inv.getEntry(i, j);
            }
        }
        double[] fitted = new double[t];
        for (int i = 0; i < t; i++) {
            fitted[i] = est[0] * unit(i + 1, est[1], est[2]);
        }
        List<String> notes = new ArrayList<>();
        if (est[1] <= P_FLOOR * (1 + 1e-6)) {
            notes.add("p is at its lower bound (0): the series shows no innovation-driven adoption");
        }
        if (est[2] <= 0.0) {
            notes.add("q is at its lower bound (0): the series shows no imitation-driven growth");
        }
        double max = 0.0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        if (s[t - 1] >= max) {
            notes.add("adoptions have not peaked within the series: the market potential m is weakly" + " identified");
        }
        if (est[0] < total) {
            notes.add(String.format(
                    Locale.ROOT,
                    "the estimated market potential m=%.4g is below the" + " %.4g adoptions already observed",
                    est[0],
                    total));
        }
        return new BassEstimate(
                form,
                est[0],
                est[1],
                est[2],
                Math.sqrt(cov[0][0]),
                Math.sqrt(cov[1][1]),
                Math.sqrt(cov[2][2]),
                cov,
                rss,
                Math.sqrt(sigma2),
                t,
                o.getIterations(),
                o.getEvaluations(),
                true,
                fitted,
                notes);
    }
}
