package org.normlab.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.hipparchus.analysis.integration.gauss.HermiteRuleFactory;
import org.hipparchus.util.Pair;

/**
 * Fits a discrete-time hazard model with a shared frailty: a random intercept per cluster
 * (state), &eta;<sub>it</sub> = x<sub>it</sub>'&beta; + b<sub>i</sub> with b<sub>i</sub> ~ N(0,
 * &sigma;&sup2;) independent across clusters, by maximum marginal likelihood. This is R's {@code
 * lme4::glmer(event ~ x + (1 | id), family = binomial(link), nAGQ = 25)}.
 *
 * <p>Why: a hazard model without unobserved state-level heterogeneity, replayed as a simulation,
 * lets the states that stay out join at the rate of observably similar states and overshoots the
 * observed curve (the hard core of holdouts). The frailty absorbs the persistent differences
 * between states that the covariates miss; {@link FrailtyEstimate#posteriorModes()} are the
 * states' predicted frailties.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>Marginal log-likelihood &Sigma;<sub>i</sub> log &int; &Pi;<sub>t</sub>
 *       f(y<sub>it</sub> | x<sub>it</sub>'&beta; + &sigma;u) &phi;(u) du (u = b/&sigma;) by
 *       adaptive Gauss-Hermite quadrature (Liu and Pierce 1994; Pinheiro and Bates 1995). Per
 *       cluster, the mode &ucirc; of the log-integrand h(u) is found by safeguarded Newton (h is
 *       strictly concave for both links); the nodes are &ucirc; + s&middot;z<sub>k</sub> with
 *       s = (&sigma;&sup2;&Sigma;<sub>t</sub>F<sub>it</sub> + 1)<sup>&minus;&frac12;</sup>, where
 *       F are the Fisher weights at the mode (the curvature there for the logit link), and
 *       z<sub>k</sub>, w<sub>k</sub> are the Gauss-Hermite rule for the standard normal with
 *       {@link #quadraturePoints()} points (Hipparchus's {@link HermiteRuleFactory}; one point is
 *       the Laplace approximation). This is the objective lme4 minimises as deviance for {@code
 *       nAGQ > 1}, node for node; the two agree to rounding (about 1e-15 relative).
 *   <li>The parameters are (&beta;, &sigma;), with the covariates internally centred and scaled
 *       as in {@link HazardEstimator}. Newton's method starts from the ordinary logit fit
 *       ({@link HazardEstimator}) and &sigma; = 1 (log &sigma; = 0). The gradient is the exact
 *       gradient of the quadrature approximation, including its dependence on the mode (implicit
 *       function theorem) and on the scale. The Newton matrix is the observed information by
 *       Louis's (1982) identity over the same nodes (posterior mean of the complete-data
 *       information minus the posterior variance of the complete-data score); it differs from
 *       the Hessian of the approximation by the quadrature error, so convergence is linear but
 *       fast; where a step shrinks the Newton decrement by less than a factor 10 (with few
 *       quadrature points), the next step uses the numerical Hessian described below. Where
 *       the Louis information is not positive definite the step is regularised (Levenberg);
 *       steps that lower the log-likelihood are halved. Convergence follows {@link
 *       HazardEstimator}'s rule for linearly converging fits: the Newton decrement of the last
 *       step below
 *       ({@link #tolerance()}&middot;(|loglik| + 0.1))&sup2;, or below the unsquared bound and
 *       no longer falling.
 *   <li>The likelihood is even in &sigma;, so the iteration runs over &sigma; unrestricted in
 *       sign (lme4 runs over &theta; = &sigma; &ge; 0) and reports |&sigma;|. In the interior this
 *       is equivalent to log &sigma;; on the boundary it lets Newton reach &sigma; = 0 in a few
 *       steps, where log &sigma; would drift towards &minus;&infin;. A fit that converges to
 *       |&sigma;| below {@value #BOUNDARY_SD} is reported on the boundary (the frailty variance
 *       estimated at zero): the model is then the ordinary logit model, whose estimates are
 *       reported, with a diagnostic.
 *   <li>Standard errors: the inverse observed information, the negative Hessian of the
 *       approximate marginal log-likelihood at the estimate, by central differences of the exact
 *       gradient (relative accuracy about 1e-10); &sigma;'s by the delta method from log
 *       &sigma;, which at the maximum equals the value from &sigma; directly. lme4's {@code vcov}
 *       inverts a finite-difference Hessian of the deviance (step 1e-4) instead, at its own less
 *       precise optimum: the two agree to about 1e-6 relative on well-determined fits and to
 *       3e-4 on the real risk set, whose collinear covariates leave lme4's optimiser short.
 * </ul>
 *
 * <p>Covariates that {@link HazardEstimator} drops (constant or collinear) are dropped here too,
 * with its diagnostic.
 *
 * <h2>Performance</h2>
 *
 * <p>An evaluation of the log-likelihood and gradient is one pass over the rows per quadrature
 * node (one exponential and one logarithm per row and node for the logit link); the Louis
 * information adds O(n&middot;p&middot;Q + G&middot;Q&middot;p&sup2;), and the standard errors
 * 2(p+1) gradient evaluations. A fit on the real risk set (1,530 rows, 12 coefficients, 172
 * states) takes about 30 ms, on 40 columns about 0.1 s, once the JIT has compiled the loops. Fits
 * run in the calling thread and are deterministic (bit-identical for identical input).
 * Estimators are immutable and thread-safe.
 *
 * @param quadraturePoints Gauss-Hermite points per cluster, 1 (Laplace) to {@value
 *     #MAX_QUADRATURE_POINTS}
 * @param tolerance convergence tolerance on the relative log-likelihood change, in (0, 0.1]
 * @param maxIterations maximum number of Newton steps, &ge; 1
 */
public record FrailtyEstimator(int quadraturePoints, double tolerance, int maxIterations) {

    /** Default {@link #quadraturePoints()}, as {@code nAGQ = 25} in lme4. */
    public static final int DEFAULT_QUADRATURE_POINTS = 25;
    /** Largest {@link #quadraturePoints()} accepted (lme4 accepts up to 100 as well). */
    public static final int MAX_QUADRATURE_POINTS = 100;
    /** Default {@link #tolerance()}. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default {@link #maxIterations()}. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** A converged frailty sd below this (logit scale) is reported as zero, the boundary. */
    public static final double BOUNDARY_SD = 1e-5;

    private static final int MAX_HALVINGS = 30;
    /**
     * A step that shrinks the Newton decrement by less than this factor marks slow convergence
     * (few quadrature points, where the Louis information is a rough Newton matrix): the next
     * step uses the central-difference Hessian of the exact gradient instead.
     */
    private static final double SLOW = 0.1;

    private static final int FEW_CLUSTERS = 10;
    private static final double LARGE_SD = 10.0;
    /**
     * Posterior node weights below this are left out of the variance term of the Louis
     * information, which only steers the Newton steps.
     */
    private static final double NEGLIGIBLE_WEIGHT = 1e-12;
    /** The cloglog link's e^eta is evaluated with eta capped here (avoids overflow). */
    private static final double CLOGLOG_ETA_MAX = 700.0;

    private static final Map<Integer, double[][]> RULES = new ConcurrentHashMap<>();

    /** Validates the options. */
    public FrailtyEstimator {
        if (quadraturePoints < 1 || quadraturePoints > MAX_QUADRATURE_POINTS) {
            throw new EstimationException("quadraturePoints " + quadraturePoints + " is invalid: use 1"
                    + " (Laplace approximation) to " + MAX_QUADRATURE_POINTS + "; the default is "
                    + DEFAULT_QUADRATURE_POINTS);
        }
        if (!(tolerance > 0.0 && tolerance <= 0.1)) {
            throw new EstimationException(
                    "tolerance " + tolerance + " is invalid: use a small positive number such as 1e-10");
        }
        if (maxIterations < 1) {
            throw new EstimationException("maxIterations " + maxIterations + " is invalid: use >= 1");
        }
    }

    /** 25 quadrature points, default tolerance and iterations. */
    public static FrailtyEstimator of() {
        return new FrailtyEstimator(DEFAULT_QUADRATURE_POINTS, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /** This estimator with {@code q} quadrature points per cluster (1 = Laplace). */
    public FrailtyEstimator withQuadraturePoints(int q) {
        return new FrailtyEstimator(q, tolerance, maxIterations);
    }

    /** This estimator with convergence tolerance {@code tol}. */
    public FrailtyEstimator withTolerance(double tol) {
        return new FrailtyEstimator(quadraturePoints, tol, maxIterations);
    }

    /** This estimator with at most {@code max} Newton steps. */
    public FrailtyEstimator withMaxIterations(int max) {
        return new FrailtyEstimator(quadraturePoints, tolerance, max);
    }

    /**
     * Fits the model.
     *
     * @param problem the data; must have cluster ids ({@link HazardProblem#withClusters}), which
     *     define the clusters that share a frailty; intercept and link as in the problem
     * @return the estimate; non-convergence, a frailty variance estimated at zero and dropped
     *     columns are reported in {@link FrailtyEstimate#diagnostics()}, not thrown
     * @throws EstimationException if the problem has no cluster ids, fewer than 2 clusters, only
     *     one row per cluster, or no events (or only events)
     */
    public FrailtyEstimate fit(HazardProblem problem) {
        Objects.requireNonNull(problem, "problem");
        if (!problem.hasClusters()) {
            throw new EstimationException("the frailty model needs cluster ids (one random intercept"
                    + " per cluster): add them with HazardProblem.withClusters(ids, \"state\")");
        }
        int g = problem.clusterCount();
        if (g < 2) {
            throw new EstimationException("the frailty model needs at least 2 clusters to estimate the"
                    + " frailty variance; the problem has " + g + " " + problem.clusterName()
                    + ": fit it with HazardEstimator instead");
        }
        if (g == problem.n()) {
            throw new EstimationException("every row is its own " + problem.clusterName() + " ("
                    + g + " clusters, " + g + " rows): with a 0/1 response a per-row frailty is not"
                    + " identifiable; clusters must group several rows (e.g. the years of a state)");
        }
        int events = problem.events();
        if (events == 0 || events == problem.n()) {
            throw new EstimationException("the response " + problem.responseName() + " is "
                    + (events == 0 ? "0" : "1") + " in all " + problem.n() + " rows: maximum-likelihood"
                    + " estimates do not exist");
        }
        HazardEstimate start = HazardEstimator.of().withParallelism(1).fit(problem);
        return new Fit(problem, start, rule(quadraturePoints)).run();
    }

    /**
     * Posterior modes (empirical Bayes predictions) of the frailties b<sub>i</sub> of the clusters
     * of {@code problem} given a fitted model, for example the same states in a later window.
     *
     * @param estimate a fit whose covariates, intercept and link match the problem's
     * @param problem rows with cluster ids
     * @return b<sub>i</sub> by cluster id, in order of first appearance
     */
    public Map<Integer, Double> posteriorModes(FrailtyEstimate estimate, HazardProblem problem) {
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(problem, "problem");
        if (!problem.hasClusters()) {
            throw new EstimationException(
                    "posterior modes need cluster ids: add them with" + " HazardProblem.withClusters(ids, \"state\")");
        }
        int off = estimate.intercept() ? 1 : 0;
        List<String> covariates = estimate.coefficientNames().subList(off, estimate.fixedEffects());
        if (!problem.names().equals(covariates)
                || problem.intercept() != estimate.intercept()
                || problem.link() != estimate.link()) {
            throw new EstimationException("the problem (covariates " + problem.names() + ", intercept "
                    + problem.intercept() + ", " + problem.link().label() + " link) does not match the"
                    + " estimate (covariates " + covariates + ", intercept " + estimate.intercept() + ", "
                    + estimate.link().label() + " link)");
        }
        double[] beta = estimate.coefficients();
        double[][] cols = problem.columnsView();
        int n = problem.n();
        double[] eta = new double[n];
        Arrays.fill(eta, off == 1 ? beta[0] : 0.0);
        for (int j = 0; j < cols.length; j++) {
            double b = beta[j + off];
            if (Double.isNaN(b)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                eta[i] += b * cols[j][i];
            }
        }
        Grouping grouping = new Grouping(problem);
        double[] etaSorted = new double[n];
        double[] ySorted = new double[n];
        double[] y = problem.yView();
        for (int r = 0; r < n; r++) {
            etaSorted[r] = eta[grouping.order[r]];
            ySorted[r] = y[grouping.order[r]];
        }
        double sigma = estimate.sigma();
        boolean logit = problem.link() == Link.LOGIT;
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < grouping.count; c++) {
            double u = mode(etaSorted, ySorted, grouping.start[c], grouping.start[c + 1], sigma, 0.0, logit);
            out.put(grouping.ids[c], sigma * u);
        }
        return out;
    }

    // ---- quadrature rule ------------------------------------------------------------------------

    /** Nodes z and log weights for the standard normal: {z, log w}. */
    private static double[][] rule(int q) {
        return RULES.computeIfAbsent(q, FrailtyEstimator::computeRule);
    }

    private static double[][] computeRule(int q) {
        if (q == 1) {
            return new double[][] {{0.0}, {0.0}};
        }
        // Hermite rule for the weight exp(-x^2): z = sqrt(2) x, w = W / sqrt(pi).
        Pair<double[], double[]> r = new HermiteRuleFactory().getRule(q);
        double[] x = r.getFirst();
        double[] w = r.getSecond();
        double[] z = new double[q];
        double[] logW = new double[q];
        for (int k = 0; k < q; k++) {
            z[k] = Math.sqrt(2.0) * x[k];
            logW[k] = Math.log(w[k]) - 0.5 * Math.log(Math.PI);
        }
        return new double[][] {z, logW};
    }

    // ---- per-row likelihood terms -----------------------------------------------------------------

    /**
     * log(1 + e) for e in [0, 1]: a short series below 1e-4 (error below 3e-17), else Math.log,
     * whose argument 1 + e is then exact to 1e-16 relative. Faster than Math.log1p, which is not
     * an intrinsic.
     */
    private static double log1pUnit(double e) {
        return e < 1e-4 ? e * (1.0 - e * (0.5 - e / 3.0)) : Math.log(1.0 + e);
    }

    /**
     * log f(y | eta) for a 0/1 response. Logit: y log p + (1-y) log(1-p) without cancellation;
     * cloglog: log(1 - exp(-e^eta)) or -e^eta.
     */
    private static double logDensity(double y, double eta, boolean logit) {
        if (logit) {
            double e = Math.exp(-Math.abs(eta));
            double l = Math.log1p(e);
            if (y == 1.0) {
                return eta >= 0.0 ? -l : eta - l;
            }
            return eta >= 0.0 ? -eta - l : -l;
        }
        double a = Math.exp(Math.min(eta, CLOGLOG_ETA_MAX));
        if (y == 1.0) {
            return a > Math.log(2.0) ? Math.log1p(-Math.exp(-a)) : Math.log(-Math.expm1(-a));
        }
        return -a;
    }

    /** d/d eta of log f. */
    private static double score(double y, double eta, boolean logit) {
        if (logit) {
            double e = Math.exp(-Math.abs(eta));
            double p = eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            return y - p;
        }
        double a = Math.exp(Math.min(eta, CLOGLOG_ETA_MAX));
        return y == 1.0 ? a / Math.expm1(a) : -a;
    }

    /** -d^2/d eta^2 of log f (&ge; 0: both links are log-concave). */
    private static double weight(double y, double eta, boolean logit) {
        if (logit) {
            double e = Math.exp(-Math.abs(eta));
            double d = 1.0 + e;
            return e / (d * d);
        }
        double a = Math.exp(Math.min(eta, CLOGLOG_ETA_MAX));
        if (y == 0.0) {
            return a;
        }
        // a/expm1(a) * (a - mu)/mu, mu = 1 - exp(-a); a - mu by its series when a is small.
        double mu = -Math.expm1(-a);
        double diff = a < 1e-3 ? a * a * (0.5 - a * (1.0 / 6.0 - a / 24.0)) : a - mu;
        return a / Math.expm1(a) * diff / mu;
    }

    /**
     * Fisher (expected) weight (d&mu;/d&eta;)&sup2;/(&mu;(1&minus;&mu;)), the weight of lme4's
     * penalised iteratively reweighted least squares, whose curvature at the mode scales the
     * nodes. Equals {@link #weight} for the logit link; for cloglog it is a&sup2;/(e<sup>a</sup>
     * &minus; 1), a = e<sup>&eta;</sup>.
     */
    private static double fisherWeight(double eta, boolean logit) {
        if (logit) {
            double e = Math.exp(-Math.abs(eta));
            double d = 1.0 + e;
            return e / (d * d);
        }
        double a = Math.exp(Math.min(eta, CLOGLOG_ETA_MAX));
        return a * a / Math.expm1(a);
    }

    /**
     * d/d&eta; of {@link #fisherWeight}: F(1 &minus; 2&mu;) for logit, F(2 &minus; a/&mu;) for
     * cloglog.
     */
    private static double fisherWeightDerivative(double eta, boolean logit) {
        if (logit) {
            double e = Math.exp(-Math.abs(eta));
            double d = 1.0 + e;
            double oneMinus2p = (1.0 - e) / d;
            return e / (d * d) * (eta >= 0.0 ? -oneMinus2p : oneMinus2p);
        }
        double a = Math.exp(Math.min(eta, CLOGLOG_ETA_MAX));
        double ratio = a < 1e-8 ? 1.0 + 0.5 * a : a / -Math.expm1(-a);
        return a * a / Math.expm1(a) * (2.0 - ratio);
    }

    /**
     * The mode of h(u) = &Sigma; log f(y | eta0 + sigma u) - u&sup2;/2 over rows [a, b): Newton on
     * h'(u) = 0, safeguarded by bisection inside the bracket of the root found so far (h' is
     * decreasing, h'' &le; -1), as Numerical Recipes' rtsafe.
     */
    static double mode(double[] eta0, double[] y, int a, int b, double sigma, double start, boolean logit) {
        if (sigma == 0.0) {
            return 0.0;
        }
        double u = start;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double dxOld = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 200; it++) {
            double s = 0.0;
            double w = 0.0;
            if (logit) {
                for (int t = a; t < b; t++) {
                    double eta = eta0[t] + sigma * u;
                    double e = Math.exp(-Math.abs(eta));
                    double inv = 1.0 / (1.0 + e);
                    s += y[t] - (eta >= 0.0 ? inv : e * inv);
                    w += e * inv * inv;
                }
            } else {
                for (int t = a; t < b; t++) {
                    double eta = eta0[t] + sigma * u;
                    s += score(y[t], eta, false);
                    w += weight(y[t], eta, false);
                }
            }
            double d1 = sigma * s - u;
            double d2 = -(sigma * sigma * w + 1.0);
            if (d1 > 0.0) {
                lo = u;
            } else if (d1 < 0.0) {
                hi = u;
            } else {
                return u;
            }
            double next;
            boolean bracketed = lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY;
            if (bracketed
                    && (((u - hi) * d2 - d1) * ((u - lo) * d2 - d1) > 0.0
                            || Math.abs(2.0 * d1) > Math.abs(dxOld * d2))) {
                next = 0.5 * (lo + hi);
            } else {
                next = u - d1 / d2;
                if (!Double.isFinite(next)) {
                    next = bracketed ? 0.5 * (lo + hi) : u + Math.signum(d1) * Math.max(1.0, Math.abs(u));
                }
            }
            dxOld = Math.abs(next - u);
            if (dxOld <= 1e-14 * (1.0 + Math.abs(u)) || (bracketed && hi - lo <= 1e-14 * (1.0 + Math.abs(u)))) {
                return next;
            }
            u = next;
        }
        return u;
    }

    /** Rows grouped by cluster, clusters in order of first appearance, rows in problem order. */
    private static final class Grouping {
        final int count;
        /** Problem row of each sorted row. */
        final int[] order;
        /** Sorted rows of cluster c are start[c] .. start[c+1]-1. */
        final int[] start;
        /** Cluster id of each cluster. */
        final int[] ids;

        final int maxSize;

        Grouping(HazardProblem problem) {
            int[] index = problem.clusterIndexView();
            int[] rawIds = problem.cluster();
            count = problem.clusterCount();
            int n = index.length;
            start = new int[count + 1];
            ids = new int[count];
            for (int i = 0; i < n; i++) {
                start[index[i] + 1]++;
                ids[index[i]] = rawIds[i];
            }
            int max = 0;
            for (int c = 0; c < count; c++) {
                max = Math.max(max, start[c + 1]);
                start[c + 1] += start[c];
            }
            maxSize = max;
            int[] fill = Arrays.copyOf(start, count);
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[fill[index[i]]++] = i;
            }
        }
    }

    // ---- one fit ----------------------------------------------------------------------------------

    /** The working state of one fit. */
    private final class Fit {
        private final HazardProblem problem;
        private final HazardEstimate start;
        private final boolean logit;
        private final boolean intercept;
        private final Grouping groups;
        private final double[] z;
        private final double[] logW;
        private final int q;
        private final List<String> diagnostics = new ArrayList<>();
        /** Problem column of each active covariate. */
        private final int[] active;

        private final double[] center;
        private final double[] scale;
        /** Number of fixed effects estimated (intercept included); the parameters are k + 1. */
        private final int k;

        private final int n;
        /** Standardised design, row-major n x k, rows sorted by cluster. */
        private final double[] x;

        private final double[] y;
        /** Conditional modes (u scale) of the last evaluation: warm starts. */
        private final double[] warm;
        // Scratch, reused across evaluations.
        private final double[] eta0;
        private final double[] res;
        private final double[] wts;
        private final double[] nodeU;
        private final double[] nodeA;
        private final double[] nodeR;
        private final double[] nodeW;
        private final double[] gk;
        private final double[] gbar;
        private final double[] xw;
        private final double[] xfd;
        private final double[] dev;

        Fit(HazardProblem problem, HazardEstimate start, double[][] rule) {
            this.problem = problem;
            this.start = start;
            this.logit = problem.link() == Link.LOGIT;
            this.intercept = problem.intercept();
            this.groups = new Grouping(problem);
            this.z = rule[0];
            this.logW = rule[1];
            this.q = z.length;
            for (String d : start.diagnostics()) {
                diagnostics.add("ordinary logit fit used as the start: " + d);
            }
            int off = intercept ? 1 : 0;
            double[] coef = start.coefficients();
            int count = 0;
            for (int j = 0; j < problem.names().size(); j++) {
                if (!Double.isNaN(coef[j + off])) {
                    count++;
                }
            }
            active = new int[count];
            center = new double[count];
            scale = new double[count];
            int c = 0;
            for (int j = 0; j < problem.names().size(); j++) {
                if (Double.isNaN(coef[j + off])) {
                    continue;
                }
                double m = problem.mean(j);
                double sd = problem.sd(j);
                active[c] = j;
                center[c] = intercept ? m : 0.0;
                scale[c] = intercept ? sd : Math.sqrt(m * m + sd * sd);
                c++;
            }
            k = count + off;
            n = problem.n();
            x = new double[n * k];
            y = new double[n];
            double[][] cols = problem.columnsView();
            double[] yAll = problem.yView();
            for (int r = 0; r < n; r++) {
                int i = groups.order[r];
                y[r] = yAll[i];
                int base = r * k;
                if (intercept) {
                    x[base] = 1.0;
                }
                for (int a = 0; a < count; a++) {
                    x[base + a + off] = (cols[active[a]][i] - center[a]) / scale[a];
                }
            }
            warm = new double[groups.count];
            eta0 = new double[n];
            int cells = groups.maxSize * q;
            res = new double[cells];
            wts = new double[cells];
            nodeU = new double[q];
            nodeA = new double[q];
            nodeR = new double[q];
            nodeW = new double[q];
            gk = new double[k * q];
            gbar = new double[k];
            xw = new double[k];
            xfd = new double[k];
            dev = new double[k + 1];
        }

        /** Everything known at one parameter vector (standardised &beta;, then &sigma;). */
        private final class State {
            double[] theta;
            double logLik;
            double[] gradient;
            double[] modes;
            double[] scales;
            /**
             * Cholesky factor of the Louis information (or of the numerical one, see {@link
             * #numericalStep}), null if it is not positive definite.
             */
            double[] chol;

            double[] step;
            double decrement;
        }

        FrailtyEstimate run() {
            int m = k + 1;
            double[] theta = new double[m];
            double[] coef = start.coefficients();
            int off = intercept ? 1 : 0;
            // Original units to the standardised parameterisation: beta~_j = beta_j s_j,
            // intercept~ = intercept + sum_j beta_j c_j.
            if (intercept) {
                theta[0] = coef[0];
            }
            for (int a = 0; a < active.length; a++) {
                double b = coef[active[a] + off];
                theta[a + off] = b * scale[a];
                if (intercept) {
                    theta[0] += b * center[a];
                }
            }
            theta[k] = 1.0;
            State cur = evaluate(theta, true);
            if (cur == null) {
                throw new EstimationException("the marginal log-likelihood is not finite at the starting"
                        + " values (ordinary logit fit, frailty sd 1): check the covariates for extreme"
                        + " values");
            }
            int iterations = 0;
            boolean converged = false;
            double lastDecrement = Double.POSITIVE_INFINITY;
            double previousDecrement = Double.POSITIVE_INFINITY;
            double lastChange = Double.NaN;
            while (true) {
                // The Louis information differs from the Hessian of the approximation by the
                // quadrature error, so convergence is linear (fast): as HazardEstimator does for
                // linearly converging fits, the bound is squared, and an iteration that stops
                // improving within the unsquared bound has reached rounding level.
                double bound = tolerance * (Math.abs(cur.logLik) + 0.1);
                if (cur.chol != null
                        && (lastDecrement <= bound * bound
                                || (lastDecrement <= bound && lastDecrement >= previousDecrement))) {
                    converged = true;
                    break;
                }
                if (iterations == maxIterations) {
                    break;
                }
                if (iterations >= 3 && lastDecrement > SLOW * previousDecrement) {
                    numericalStep(cur);
                }
                State next = null;
                double factor = 1.0;
                double slack = 1e-12 * (Math.abs(cur.logLik) + 1.0);
                for (int h = 0; h <= MAX_HALVINGS; h++, factor *= 0.5) {
                    double[] cand = cur.theta.clone();
                    for (int j = 0; j < m; j++) {
                        cand[j] += factor * cur.step[j];
                    }
                    State s = evaluate(cand, true);
                    if (s != null && s.logLik >= cur.logLik - slack) {
                        next = s;
                        break;
                    }
                }
                if (next == null) {
                    diagnostics.add(String.format(
                            Locale.ROOT,
                            "stopped at iteration %d: no step along the"
                                    + " Newton direction improved the marginal log-likelihood after %d halvings",
                            iterations,
                            MAX_HALVINGS));
                    break;
                }
                lastChange = Math.abs(next.logLik - cur.logLik);
                previousDecrement = lastDecrement;
                lastDecrement = cur.decrement;
                cur = next;
                iterations++;
            }
            if (!converged && iterations == maxIterations) {
                diagnostics.add(
                        0,
                        String.format(
                                Locale.ROOT,
                                "did not converge in %d iterations: the"
                                        + " marginal log-likelihood was still changing by %.2g; raise the iteration limit",
                                maxIterations,
                                lastChange));
            }
            if (Math.abs(cur.theta[k]) < BOUNDARY_SD) {
                return boundary(iterations, converged);
            }
            if (cur.theta[k] < 0.0) {
                // The likelihood is even in sigma: report the positive root.
                double[] flipped = cur.theta.clone();
                flipped[k] = -flipped[k];
                State s = evaluate(flipped, true);
                if (s != null) {
                    cur = s;
                }
            }
            return report(cur, iterations, converged);
        }

        /**
         * Log-likelihood and its exact gradient at {@code theta}, plus (if {@code hessian}) the
         * Louis information, its Cholesky factor and the Newton step; null if not finite.
         *
         * <p>Per cluster, with h(u) the log-integrand, &ucirc; its mode, D = &sigma;&sup2;&Sigma;F +
         * 1 (F the Fisher weights at the mode), s = D<sup>&minus;&frac12;</sup>, nodes u<sub>k</sub>
         * = &ucirc; + s z<sub>k</sub> and posterior node weights &pi;<sub>k</sub>: the log-likelihood
         * is log s + log &Sigma;<sub>k</sub> w<sub>k</sub> e<sup>z<sub>k</sub>&sup2;/2 +
         * h(u<sub>k</sub>)</sup>, and its derivative is &Sigma;<sub>k</sub> &pi;<sub>k</sub>
         * &part;h/&part;&theta;(u<sub>k</sub>) + d&ucirc;/d&theta;&middot;&Sigma;<sub>k</sub>
         * &pi;<sub>k</sub> h'(u<sub>k</sub>) + ds/d&theta;&middot;(1/s + &Sigma;<sub>k</sub>
         * &pi;<sub>k</sub> z<sub>k</sub> h'(u<sub>k</sub>)), with d&ucirc;/d&theta; from h'(&ucirc;)
         * = 0 (implicit function theorem) and ds/d&theta; from D. The last two terms vanish for
         * exact integration; they make the gradient that of the approximation itself.
         */
        private State evaluate(double[] theta, boolean hessian) {
            int m = k + 1;
            double sigma = theta[k];
            double s2 = sigma * sigma;
            for (int r = 0; r < n; r++) {
                double s = 0.0;
                int base = r * k;
                for (int j = 0; j < k; j++) {
                    s += x[base + j] * theta[j];
                }
                eta0[r] = s;
            }
            double logLik = 0.0;
            double[] grad = new double[m];
            double[] info = hessian ? new double[m * m] : null;
            double[] modes = new double[groups.count];
            double[] scales = new double[groups.count];
            for (int c = 0; c < groups.count; c++) {
                int a = groups.start[c];
                int b = groups.start[c + 1];
                int rows = b - a;
                double u = mode(eta0, y, a, b, sigma, warm[c], logit);
                // At the mode: observed and Fisher weights and their sums, for the scale and the
                // derivatives of the mode and the scale.
                double sumR = 0.0;
                double sumW = 0.0;
                double sumF = 0.0;
                double sumFd = 0.0;
                Arrays.fill(xw, 0.0);
                Arrays.fill(xfd, 0.0);
                for (int t = a; t < b; t++) {
                    double eta = eta0[t] + sigma * u;
                    double w = weight(y[t], eta, logit);
                    double fd = fisherWeightDerivative(eta, logit);
                    sumR += score(y[t], eta, logit);
                    sumW += w;
                    sumF += fisherWeight(eta, logit);
                    sumFd += fd;
                    int base = t * k;
                    for (int i = 0; i < k; i++) {
                        double xi = x[base + i];
                        xw[i] += w * xi;
                        xfd[i] += fd * xi;
                    }
                }
                double dObs = s2 * sumW + 1.0;
                double dFisher = s2 * sumF + 1.0;
                double sc = 1.0 / Math.sqrt(dFisher);
                modes[c] = u;
                scales[c] = sc;
                // Nodes: log integrand a_k = log w_k + z_k^2/2 + sum_t log f - u_k^2/2.
                double amax = Double.NEGATIVE_INFINITY;
                for (int kk = 0; kk < q; kk++) {
                    double uk = u + sc * z[kk];
                    nodeU[kk] = uk;
                    double su = sigma * uk;
                    double lf = 0.0;
                    double rs = 0.0;
                    double ws = 0.0;
                    if (logit) {
                        // One exponential and one logarithm per row: e = exp(-|eta|),
                        // log f = y eta - max(eta, 0) - log(1 + e), p = 1/(1 + e) or e/(1 + e).
                        for (int t = 0; t < rows; t++) {
                            double eta = eta0[a + t] + su;
                            double yt = y[a + t];
                            double e = Math.exp(-Math.abs(eta));
                            double inv = 1.0 / (1.0 + e);
                            lf += yt * eta - Math.max(eta, 0.0) - log1pUnit(e);
                            double r = yt - (eta >= 0.0 ? inv : e * inv);
                            res[t * q + kk] = r;
                            rs += r;
                            if (hessian) {
                                double w = e * inv * inv;
                                wts[t * q + kk] = w;
                                ws += w;
                            }
                        }
                    } else {
                        for (int t = 0; t < rows; t++) {
                            double eta = eta0[a + t] + su;
                            double yt = y[a + t];
                            lf += logDensity(yt, eta, false);
                            double r = score(yt, eta, false);
                            res[t * q + kk] = r;
                            rs += r;
                            if (hessian) {
                                double w = weight(yt, eta, false);
                                wts[t * q + kk] = w;
                                ws += w;
                            }
                        }
                    }
                    nodeR[kk] = rs;
                    nodeW[kk] = ws;
                    double ak = logW[kk] + 0.5 * z[kk] * z[kk] + lf - 0.5 * uk * uk;
                    nodeA[kk] = ak;
                    amax = Math.max(amax, ak);
                }
                if (!Double.isFinite(amax)) {
                    return null;
                }
                double sum = 0.0;
                for (int kk = 0; kk < q; kk++) {
                    sum += Math.exp(nodeA[kk] - amax);
                }
                double lse = amax + Math.log(sum);
                logLik += Math.log(sc) + lse;
                // Posterior node weights (nodeA now holds them) and posterior means over the nodes.
                double gSigma = 0.0;
                double hSigma = 0.0;
                double h1 = 0.0;
                double h2 = 0.0;
                for (int kk = 0; kk < q; kk++) {
                    double pk = Math.exp(nodeA[kk] - lse);
                    nodeA[kk] = pk;
                    double uk = nodeU[kk];
                    gSigma += pk * uk * nodeR[kk];
                    hSigma += pk * uk * uk * nodeW[kk];
                    double hPrime = sigma * nodeR[kk] - uk;
                    h1 += pk * hPrime;
                    h2 += pk * z[kk] * hPrime;
                }
                Arrays.fill(gbar, 0.0);
                if (hessian) {
                    Arrays.fill(gk, 0.0);
                }
                for (int t = 0; t < rows; t++) {
                    double rb = 0.0;
                    int cell = t * q;
                    for (int kk = 0; kk < q; kk++) {
                        rb += nodeA[kk] * res[cell + kk];
                    }
                    int base = (a + t) * k;
                    for (int i = 0; i < k; i++) {
                        gbar[i] += x[base + i] * rb;
                    }
                    if (!hessian) {
                        continue;
                    }
                    double wb = 0.0;
                    double wu = 0.0;
                    for (int kk = 0; kk < q; kk++) {
                        double pw = nodeA[kk] * wts[cell + kk];
                        wb += pw;
                        wu += pw * nodeU[kk];
                    }
                    for (int i = 0; i < k; i++) {
                        double xi = x[base + i];
                        int row = i * m;
                        double wxi = wb * xi;
                        for (int j = i; j < k; j++) {
                            info[row + j] += wxi * x[base + j];
                        }
                        info[row + k] += wu * xi;
                        // Complete-data scores at every node: G[i][kk] = sum_t x_ti r_t,kk.
                        int gRow = i * q;
                        for (int kk = 0; kk < q; kk++) {
                            gk[gRow + kk] += xi * res[cell + kk];
                        }
                    }
                }
                // Gradient: posterior mean of the complete-data score plus the terms from the
                // dependence of the mode and the scale on the parameters.
                double scaleTerm = 1.0 / sc + h2;
                double dsFactor = -0.5 * sc / dFisher;
                for (int i = 0; i < k; i++) {
                    double du = -sigma * xw[i] / dObs;
                    double dd = s2 * (xfd[i] + sigma * sumFd * du);
                    grad[i] += gbar[i] + du * h1 + dsFactor * dd * scaleTerm;
                }
                double duSigma = (sumR - sigma * u * sumW) / dObs;
                double ddSigma = 2.0 * sigma * sumF + s2 * sumFd * (u + sigma * duSigma);
                grad[k] += gSigma + duSigma * h1 + dsFactor * ddSigma * scaleTerm;
                if (!hessian) {
                    continue;
                }
                info[k * m + k] += hSigma;
                // Minus the posterior variance of the complete-data score (Louis's identity).
                for (int kk = 0; kk < q; kk++) {
                    double pk = nodeA[kk];
                    if (!(pk > NEGLIGIBLE_WEIGHT)) {
                        continue;
                    }
                    for (int i = 0; i < k; i++) {
                        dev[i] = gk[i * q + kk] - gbar[i];
                    }
                    dev[k] = nodeU[kk] * nodeR[kk] - gSigma;
                    for (int i = 0; i < m; i++) {
                        double pdi = pk * dev[i];
                        int row = i * m;
                        for (int j = i; j < m; j++) {
                            info[row + j] -= pdi * dev[j];
                        }
                    }
                }
            }
            if (!Double.isFinite(logLik)) {
                return null;
            }
            for (double gi : grad) {
                if (!Double.isFinite(gi)) {
                    return null;
                }
            }
            System.arraycopy(modes, 0, warm, 0, modes.length);
            State s = new State();
            s.theta = theta;
            s.logLik = logLik;
            s.gradient = grad;
            s.modes = modes;
            s.scales = scales;
            if (!hessian) {
                return s;
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    info[i * m + j] = info[j * m + i];
                }
            }
            for (double v : info) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            s.chol = Dense.cholesky(info, m, 1e-14);
            double[] factor = s.chol;
            if (factor == null) {
                // Levenberg: add lambda * (largest diagonal entry) until positive definite.
                double maxDiag = 0.0;
                for (int i = 0; i < m; i++) {
                    maxDiag = Math.max(maxDiag, Math.abs(info[i * m + i]));
                }
                double lambda = 1e-8 * Math.max(maxDiag, 1.0);
                while (factor == null && lambda < 1e30) {
                    double[] reg = info.clone();
                    for (int i = 0; i < m; i++) {
                        reg[i * m + i] += lambda;
                    }
                    factor = Dense.cholesky(reg, m, 1e-14);
                    lambda *= 10.0;
                }
                if (factor == null) {
                    return null;
                }
            }
            s.step = Dense.solve(factor, m, grad);
            double dec = 0.0;
            for (int i = 0; i < m; i++) {
                dec += s.step[i] * grad[i];
            }
            s.decrement = dec;
            return Double.isFinite(dec) ? s : null;
        }

        /** Replaces the state's step by the Newton step with the numerical information, if PD. */
        private void numericalStep(State s) {
            int m = k + 1;
            double[] info = numericalInformation(s.theta);
            double[] ch = info == null ? null : Dense.cholesky(info, m, 1e-14);
            if (ch == null) {
                return;
            }
            double[] step = Dense.solve(ch, m, s.gradient);
            double dec = 0.0;
            for (int i = 0; i < m; i++) {
                dec += step[i] * s.gradient[i];
            }
            if (Double.isFinite(dec)) {
                s.chol = ch;
                s.step = step;
                s.decrement = dec;
            }
        }

        /**
         * The observed information (negative Hessian of the approximate marginal log-likelihood) by
         * central differences of the exact gradient, symmetrised; null if a gradient is not finite.
         * Steps of 5e-6 (1 + |theta_j|) in the standardised parameters balance truncation (about
         * 1e-11 relative) against rounding.
         */
        private double[] numericalInformation(double[] theta) {
            int m = k + 1;
            double[] saved = warm.clone();
            double[] h = new double[m * m];
            for (int j = 0; j < m; j++) {
                double step = 5e-6 * (1.0 + Math.abs(theta[j]));
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += step;
                minus[j] -= step;
                System.arraycopy(saved, 0, warm, 0, saved.length);
                State sp = evaluate(plus, false);
                System.arraycopy(saved, 0, warm, 0, saved.length);
                State sm = evaluate(minus, false);
                if (sp == null || sm == null) {
                    System.arraycopy(saved, 0, warm, 0, saved.length);
                    return null;
                }
                // Exact steps: plus[j] - minus[j] may differ from 2 * step by rounding.
                double width = plus[j] - minus[j];
                for (int i = 0; i < m; i++) {
                    h[i * m + j] = -(sp.gradient[i] - sm.gradient[i]) / width;
                }
            }
            System.arraycopy(saved, 0, warm, 0, saved.length);
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    double v = 0.5 * (h[i * m + j] + h[j * m + i]);
                    h[i * m + j] = v;
                    h[j * m + i] = v;
                }
            }
            return h;
        }

        // ---- results --------------------------------------------------------------------------------

        private List<String> allNames() {
            List<String> names = new ArrayList<>();
            if (intercept) {
                names.add(HazardProblem.INTERCEPT);
            }
            names.addAll(problem.names());
            names.add("sd(" + HazardProblem.INTERCEPT + "|" + problem.clusterName() + ")");
            return names;
        }

        private void commonDiagnostics() {
            if (groups.count < FEW_CLUSTERS) {
                diagnostics.add(String.format(
                        Locale.ROOT,
                        "only %d %s clusters: the frailty sd rests on" + " %d values and is poorly determined",
                        groups.count,
                        problem.clusterName(),
                        groups.count));
            }
        }

        /** The boundary: sigma = 0, the ordinary logit model. */
        private FrailtyEstimate boundary(int iterations, boolean converged) {
            List<String> names = allNames();
            int full = names.size();
            int p = full - 1;
            double[] est = new double[full];
            double[] se = new double[full];
            double[][] cov = new double[full][full];
            double[] coef = start.coefficients();
            double[] coefSe = start.standardErrors();
            double[][] coefCov = start.covariance();
            for (int i = 0; i < p; i++) {
                est[i] = coef[i];
                se[i] = coefSe[i];
                System.arraycopy(coefCov[i], 0, cov[i], 0, p);
                cov[i][p] = Double.NaN;
                cov[p][i] = Double.NaN;
            }
            est[p] = 0.0;
            se[p] = Double.NaN;
            cov[p][p] = Double.NaN;
            diagnostics.add("the frailty variance is estimated at zero: no unobserved heterogeneity"
                    + " beyond the covariates; the fixed effects, their standard errors and the"
                    + " log-likelihood are those of the ordinary logit model, and the standard error of"
                    + " the sd is not defined on the boundary");
            commonDiagnostics();
            return new FrailtyEstimate(
                    names,
                    est,
                    se,
                    cov,
                    start.logLikelihood(),
                    n,
                    problem.events(),
                    groups.count,
                    k + 1,
                    q,
                    iterations,
                    converged,
                    true,
                    problem.link(),
                    intercept,
                    problem.clusterName(),
                    groups.ids,
                    new double[groups.count],
                    new double[groups.count],
                    diagnostics,
                    start.separation());
        }

        private FrailtyEstimate report(State fin, int iterations, boolean converged) {
            int m = k + 1;
            int off = intercept ? 1 : 0;
            double sigma = fin.theta[k];
            // (beta, sigma) = T (beta~, sigma); T maps the standardised parameters to column units.
            double[] t = new double[m * m];
            if (intercept) {
                t[0] = 1.0;
            }
            for (int a = 0; a < active.length; a++) {
                int j = a + off;
                t[j * m + j] = 1.0 / scale[a];
                if (intercept) {
                    t[j] = -center[a] / scale[a];
                }
            }
            t[k * m + k] = 1.0;
            double[] params = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0.0;
                for (int j = 0; j < m; j++) {
                    s += t[i * m + j] * fin.theta[j];
                }
                params[i] = s;
            }
            double[] cov;
            double[] information = numericalInformation(fin.theta);
            double[] chol = information == null ? null : Dense.cholesky(information, m, 1e-14);
            if (chol != null) {
                double[] inv = Dense.inverse(chol, m);
                // T V T', then log sigma: row and column k divided by sigma.
                double[] tv = Dense.multiply(t, inv, m);
                cov = new double[m * m];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        double s = 0.0;
                        for (int p = 0; p < m; p++) {
                            s += tv[i * m + p] * t[j * m + p];
                        }
                        cov[i * m + j] = s;
                    }
                }
                for (int i = 0; i < m; i++) {
                    cov[i * m + k] /= sigma;
                    cov[k * m + i] /= sigma;
                }
            } else {
                cov = new double[m * m];
                Arrays.fill(cov, Double.NaN);
                diagnostics.add("the observed information is not positive definite at the estimate:"
                        + " the standard errors are not available (NaN)");
            }
            List<String> names = allNames();
            int full = names.size();
            int[] pos = new int[m];
            if (intercept) {
                pos[0] = 0;
            }
            for (int a = 0; a < active.length; a++) {
                pos[a + off] = active[a] + off;
            }
            pos[k] = full - 1;
            double[] est = new double[full];
            double[] se = new double[full];
            double[][] covFull = new double[full][full];
            Arrays.fill(est, Double.NaN);
            Arrays.fill(se, Double.NaN);
            for (double[] row : covFull) {
                Arrays.fill(row, Double.NaN);
            }
            for (int i = 0; i < m; i++) {
                est[pos[i]] = params[i];
                se[pos[i]] = Math.sqrt(cov[i * m + i]);
                for (int j = 0; j < m; j++) {
                    covFull[pos[i]][pos[j]] = cov[i * m + j];
                }
            }
            // SE of sigma: delta method from log sigma.
            se[full - 1] = sigma * Math.sqrt(cov[k * m + k]);
            double[] modes = new double[groups.count];
            double[] sds = new double[groups.count];
            for (int c = 0; c < groups.count; c++) {
                modes[c] = sigma * fin.modes[c];
                sds[c] = sigma * fin.scales[c];
            }
            if (sigma > LARGE_SD) {
                diagnostics.add(String.format(
                        Locale.ROOT,
                        "the frailty sd is very large (%.3g on the"
                                + " logit scale): the %s frailty nearly determines the outcome (e.g. %ss that never"
                                + " or always have the event); the likelihood is flat in the sd and its standard"
                                + " error unreliable",
                        sigma,
                        problem.clusterName(),
                        problem.clusterName()));
            }
            commonDiagnostics();
            return new FrailtyEstimate(
                    names,
                    est,
                    se,
                    covFull,
                    fin.logLik,
                    n,
                    problem.events(),
                    groups.count,
                    m,
                    q,
                    iterations,
                    converged,
                    false,
                    problem.link(),
                    intercept,
                    problem.clusterName(),
                    groups.ids,
                    modes,
                    sds,
                    diagnostics,
                    start.separation());
        }
    }
}
