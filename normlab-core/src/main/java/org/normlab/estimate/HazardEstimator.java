package org.normlab.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;

/**
 * Fits discrete-time hazard models (binary response, logit or cloglog link) by Fisher scoring,
 * optionally with Firth's bias reduction or a ridge penalty.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>Maximum likelihood by Fisher scoring (iteratively reweighted least squares; Newton's
 *       method for the logit link), as R's {@code glm.fit}.
 *   <li>{@link #firth()}: mean-bias reduction by the adjusted score U(&beta;) + A(&beta;) with
 *       A<sub>r</sub> = &frac12;&Sigma;<sub>i</sub> h<sub>i</sub>
 *       (d&sup2;&mu;<sub>i</sub>/d&eta;&sup2;)/(d&mu;<sub>i</sub>/d&eta;) x<sub>ir</sub>
 *       (Kosmidis &amp; Firth 2009), solved by quasi Fisher scoring; identical to R's {@code
 *       glm(..., method = "brglmFit", type = "AS_mean")} for both links. For the logit link this
 *       is Firth's (1993) Jeffreys-prior penalised likelihood; for cloglog it is not a penalised
 *       likelihood. Estimates stay finite under separation.
 *   <li>{@link #ridge()} &lambda; &ge; 0: maximises l(&beta;) &minus;
 *       &lambda;/2&middot;&Sigma;<sub>j</sub>&beta;<sub>j</sub>&sup2; over the non-intercept
 *       coefficients, in the units of the columns (standardise columns first if their scales
 *       differ). Standard errors then come from the inverse penalised information.
 *   <li>{@link #withStandardizedRidge(double, java.util.Collection)}: the same penalty on the
 *       coefficients of the columns standardised to unit standard deviation in the fitted rows
 *       (&lambda;/2&middot;&Sigma;<sub>j</sub>(&beta;<sub>j</sub>s<sub>j</sub>)&sup2;, s<sub>j</sub>
 *       the column's standard deviation, as {@code glmnet} with {@code alpha = 0} and
 *       {@code standardize = TRUE}), with the named columns (e.g. the time baseline) left
 *       unpenalised. Coefficients are still reported in the units of the columns.
 * </ul>
 *
 * <p>Iteration starts from the intercept-only fit (intercept = link(&#563;), slopes 0). Each
 * step's Newton decrement g'H<sup>&minus;1</sup>g predicts the deviance change it brings. For
 * the logit link, where Fisher scoring is Newton's method and converges quadratically, the fit
 * has converged once a step's decrement is below {@link #tolerance()}&middot;(|deviance| + 0.1),
 * glm's rule on the realised deviance change. For the cloglog link and Firth fits the iteration
 * converges only linearly, so the bound is squared, which gives the same accuracy of the
 * coefficients (and Firth fits have no deviance to monitor anyway); an iteration that stops
 * improving within the unsquared bound has reached rounding level and is also converged. Steps
 * that lower the (penalised) log-likelihood or overflow are halved.
 *
 * <p>Covariates are internally centred and scaled, which keeps the normal equations well
 * conditioned; results are reported in the original units. Constant columns and columns that
 * are linear combinations of earlier ones (R&sup2; &gt; 1 &minus; 10<sup>&minus;10</sup>) are
 * dropped with a diagnostic, like the {@code NA} coefficients of R.
 *
 * <h2>Performance and threads</h2>
 *
 * <p>Each iteration is one pass over the rows (two for Firth) accumulating X'WX and the score
 * with primitive arrays; rows are split into fixed blocks processed on a fork-join pool and
 * summed in block order, so estimates are bit-identical for any {@link #parallelism()}.
 * Estimators are immutable and thread-safe; concurrent fits share the default pool.
 *
 * @param seType standard-error type; cluster-robust types need cluster ids in the problem
 * @param firth whether to apply Firth/mean-bias reduction
 * @param ridge ridge penalty &lambda; &ge; 0 on the non-intercept coefficients; 0 for none
 * @param tolerance convergence tolerance on the relative deviance change, in (0, 0.1]
 * @param maxIterations maximum number of scoring steps, &ge; 1
 * @param parallelism worker threads: 0 = one per available processor (shared pool), 1 = the
 *     calling thread only, p &gt; 1 = a dedicated pool of p threads for each fit
 * @param standardizedRidge whether the ridge penalty is on standardised coefficients
 * @param unpenalized columns the ridge penalty leaves out (besides the intercept)
 */
public record HazardEstimator(
        SeType seType,
        boolean firth,
        double ridge,
        double tolerance,
        int maxIterations,
        int parallelism,
        boolean standardizedRidge,
        List<String> unpenalized) {

    /** Default {@link #tolerance()}. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default {@link #maxIterations()}. */
    public static final int DEFAULT_MAX_ITERATIONS = 50;

    /** Pivot threshold (1 &minus; R&sup2;) below which a column counts as collinear. */
    private static final double ALIAS_TOLERANCE = 1e-10;
    /** Step halvings tried before giving up on a step (brglm2's max_step_factor). */
    private static final int MAX_HALVINGS = 12;

    private static final int FEW_CLUSTERS = 30;

    /** Validates the options. */
    public HazardEstimator {
        Objects.requireNonNull(seType, "seType");
        unpenalized = List.copyOf(unpenalized);
        if (!(ridge >= 0.0) || Double.isInfinite(ridge)) {
            throw new EstimationException(
                    "ridge penalty " + ridge + " is invalid: use a finite lambda >= 0 (0 = no penalty)");
        }
        if (!(tolerance > 0.0 && tolerance <= 0.1)) {
            throw new EstimationException(
                    "tolerance " + tolerance + " is invalid: use a small positive number such as 1e-10");
        }
        if (maxIterations < 1) {
            throw new EstimationException("maxIterations " + maxIterations + " is invalid: use >= 1");
        }
        if (parallelism < 0) {
            throw new EstimationException("parallelism " + parallelism
                    + " is invalid: use 0 (all processors), 1 (no extra threads) or a thread count");
        }
    }

    /** Maximum likelihood, model-based errors, default tolerance and iterations, all processors. */
    public static HazardEstimator of() {
        return new HazardEstimator(
                SeType.MODEL, false, 0.0, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, 0, false, List.of());
    }

    /** This estimator with standard-error type {@code type}. */
    public HazardEstimator withSeType(SeType type) {
        return new HazardEstimator(
                type, firth, ridge, tolerance, maxIterations, parallelism, standardizedRidge, unpenalized);
    }

    /** This estimator with or without Firth/mean-bias reduction. */
    public HazardEstimator withFirth(boolean on) {
        return new HazardEstimator(
                seType, on, ridge, tolerance, maxIterations, parallelism, standardizedRidge, unpenalized);
    }

    /** This estimator with ridge penalty {@code lambda} (0 = none). */
    public HazardEstimator withRidge(double lambda) {
        return new HazardEstimator(seType, firth, lambda, tolerance, maxIterations, parallelism, false, List.of());
    }

    /**
     * This estimator with ridge penalty {@code lambda} on the standardised coefficients of every
     * column but the intercept and {@code unpenalized} (see the class description).
     */
    public HazardEstimator withStandardizedRidge(double lambda, java.util.Collection<String> unpenalized) {
        return new HazardEstimator(
                seType, firth, lambda, tolerance, maxIterations, parallelism, true, List.copyOf(unpenalized));
    }

    /** This estimator with convergence tolerance {@code tol}. */
    public HazardEstimator withTolerance(double tol) {
        return new HazardEstimator(
                seType, firth, ridge, tol, maxIterations, parallelism, standardizedRidge, unpenalized);
    }

    /** This estimator with at most {@code max} scoring steps. */
    public HazardEstimator withMaxIterations(int max) {
        return new HazardEstimator(seType, firth, ridge, tolerance, max, parallelism, standardizedRidge, unpenalized);
    }

    /** This estimator with {@code threads} worker threads (see {@link #parallelism()}). */
    public HazardEstimator withParallelism(int threads) {
        return new HazardEstimator(
                seType, firth, ridge, tolerance, maxIterations, threads, standardizedRidge, unpenalized);
    }

    /**
     * Fits the model.
     *
     * @return the estimate; convergence failures, separation and dropped columns are reported in
     *     {@link HazardEstimate#diagnostics()}, not thrown
     * @throws EstimationException if the options do not fit the problem (cluster-robust errors
     *     without cluster ids, maximum likelihood with no events) or the model cannot be fitted
     */
    public HazardEstimate fit(HazardProblem problem) {
        Objects.requireNonNull(problem, "problem");
        if (seType.clustered() && !problem.hasClusters()) {
            throw new EstimationException("standard errors " + seType
                    + " need cluster ids: add them with HazardProblem.withClusters(ids, \"state\")"
                    + " or use SeType.MODEL");
        }
        if (seType.clustered() && problem.clusterCount() < 2) {
            throw new EstimationException("cluster-robust standard errors need at least 2 clusters; the"
                    + " problem has " + problem.clusterCount());
        }
        int n = problem.n();
        int events = problem.events();
        if (!firth && (events == 0 || events == n)) {
            throw new EstimationException("the response " + problem.responseName() + " is "
                    + (events == 0 ? "0" : "1") + " in all " + n + " rows: maximum-likelihood estimates do"
                    + " not exist; use Firth's bias reduction (--firth) for finite estimates");
        }
        ForkJoinPool pool = poolFor(n);
        try {
            return new Fit(problem, pool).run();
        } finally {
            if (pool != null && parallelism > 1) {
                pool.shutdown();
            }
        }
    }

    private ForkJoinPool poolFor(int n) {
        if (parallelism == 1 || n <= HazardKernel.TASK_ROWS) {
            return null;
        }
        if (parallelism == 0) {
            return SharedPool.POOL;
        }
        return new ForkJoinPool(parallelism);
    }

    /** Lazily created pool, one thread per processor; its threads are daemons. */
    private static final class SharedPool {
        static final ForkJoinPool POOL = Runtime.getRuntime().availableProcessors() > 1
                ? new ForkJoinPool(Runtime.getRuntime().availableProcessors())
                : null;
    }

    /** One fit: the working state of the iteration. */
    private final class Fit {
        private final HazardProblem problem;
        private final ForkJoinPool pool;
        private final boolean intercept;
        private final Link link;
        private final List<String> diagnostics = new ArrayList<>();
        /** Problem column of each active covariate. */
        private int[] active;

        private double[] center;
        private double[] scale;
        private HazardKernel kernel;
        private int k;
        /** Ridge penalty on each standardised coefficient. */
        private double[] penalty;

        Fit(HazardProblem problem, ForkJoinPool pool) {
            this.problem = problem;
            this.pool = pool;
            this.intercept = problem.intercept();
            this.link = problem.link();
        }

        HazardEstimate run() {
            screenConstantColumns();
            double[] start = startValues();
            HazardKernel.Evaluation first = kernel.evaluate(start);
            if (dropCollinearColumns(first)) {
                start = startValues();
                first = kernel.evaluate(start);
            }
            State cur = first.finite() ? state(first) : null;
            if (cur == null) {
                throw new EstimationException("the Fisher information is singular at the starting values:"
                        + " check the covariates for near-collinearity or extreme values");
            }
            int iterations = 0;
            boolean converged = false;
            double lastDecrement = Double.POSITIVE_INFINITY;
            double previousDecrement = Double.POSITIVE_INFINITY;
            boolean quadratic = link == Link.LOGIT && !firth;
            double lastChange = Double.NaN;
            while (true) {
                double deviance = -2.0 * cur.eval.logLik;
                double bound = tolerance * (Math.abs(deviance) + 0.1);
                if (quadratic
                        ? lastDecrement <= bound
                        : lastDecrement <= bound * bound
                                || (lastDecrement <= bound && lastDecrement >= previousDecrement)) {
                    converged = true;
                    break;
                }
                if (iterations == maxIterations) {
                    break;
                }
                State next = null;
                double factor = 1.0;
                for (int h = 0; h <= MAX_HALVINGS; h++, factor *= 0.5) {
                    double[] beta = cur.eval.beta.clone();
                    for (int j = 0; j < k; j++) {
                        beta[j] += factor * cur.step[j];
                    }
                    HazardKernel.Evaluation ev = kernel.evaluate(beta);
                    State cand = ev.finite() ? state(ev) : null;
                    if (cand == null) {
                        continue;
                    }
                    boolean accept;
                    if (hasObjective()) {
                        double slack = 1e-10 * (Math.abs(cur.objective) + 1.0);
                        accept = cand.objective >= cur.objective - slack;
                    } else {
                        // No objective for cloglog AS_mean: as brglm2, halve while the step grows.
                        accept = iterations == 0 || cand.decrement <= cur.decrement || h == MAX_HALVINGS;
                    }
                    if (accept) {
                        next = cand;
                        break;
                    }
                }
                if (next == null) {
                    diagnostics.add(String.format(
                            Locale.ROOT,
                            "stopped at iteration %d: no step along the"
                                    + " scoring direction improved the fit after %d halvings (numerical trouble,"
                                    + " often separation or extreme covariate values)",
                            iterations,
                            MAX_HALVINGS));
                    break;
                }
                lastChange = hasObjective()
                        ? Math.abs(next.objective - cur.objective)
                        : Math.abs(next.eval.logLik - cur.eval.logLik);
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
                                "did not converge in %d iterations: the %s"
                                        + " was still changing by %.2g; raise the iteration limit or check for separation",
                                maxIterations,
                                hasObjective() && (firth || ridge > 0) ? "penalised log-likelihood" : "log-likelihood",
                                lastChange));
            }
            return report(cur, iterations, converged);
        }

        private boolean hasObjective() {
            return !firth || link == Link.LOGIT;
        }

        // ---- set-up -------------------------------------------------------------------------

        private void screenConstantColumns() {
            List<String> names = problem.names();
            List<Integer> keep = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                double m = problem.mean(j);
                double sd = problem.sd(j);
                if (intercept && !(sd > 1e-12 * Math.max(1.0, Math.abs(m)))) {
                    diagnostics.add(String.format(
                            Locale.ROOT,
                            "column %s is constant (every value is %s):"
                                    + " it cannot be told apart from the intercept; dropped (coefficient NaN)",
                            names.get(j),
                            fmt(problem.columnsView()[j][0])));
                } else if (!intercept && Math.sqrt(m * m + sd * sd) == 0.0) {
                    diagnostics.add("column " + names.get(j) + " is zero in every row; dropped (coefficient" + " NaN)");
                } else {
                    keep.add(j);
                }
            }
            if (keep.isEmpty() && !intercept) {
                throw new EstimationException(
                        "no covariate varies and there is no intercept: nothing to" + " estimate");
            }
            setActive(keep.stream().mapToInt(Integer::intValue).toArray());
        }

        private void setActive(int[] cols) {
            active = cols;
            center = new double[cols.length];
            scale = new double[cols.length];
            double[] inv = new double[cols.length];
            double[][] data = new double[cols.length][];
            double[][] all = problem.columnsView();
            for (int c = 0; c < cols.length; c++) {
                int j = cols[c];
                double m = problem.mean(j);
                double sd = problem.sd(j);
                center[c] = intercept ? m : 0.0;
                scale[c] = intercept ? sd : Math.sqrt(m * m + sd * sd);
                inv[c] = 1.0 / scale[c];
                data[c] = all[j];
            }
            kernel = new HazardKernel(problem.yView(), data, center, inv, intercept, link, pool);
            k = kernel.k();
            penalty = new double[k];
            int off = intercept ? 1 : 0;
            for (int c = 0; c < cols.length; c++) {
                if (unpenalized.contains(problem.names().get(cols[c]))) {
                    penalty[c + off] = 0.0;
                } else if (standardizedRidge) {
                    // lambda/2 * (beta_j * sd_j)^2 with beta_j = betaTilde_j / scale_j
                    double sd = problem.sd(cols[c]);
                    penalty[c + off] = ridge * sd * sd / (scale[c] * scale[c]);
                } else {
                    // lambda/2 * beta_j^2 with beta_j = betaTilde_j / scale_j
                    penalty[c + off] = ridge / (scale[c] * scale[c]);
                }
            }
        }

        private double[] startValues() {
            double[] beta = new double[k];
            if (intercept) {
                double ybar = (problem.events() + 0.5) / (problem.n() + 1.0);
                beta[0] = link.linearPredictor(ybar);
            }
            return beta;
        }

        /**
         * At the start all slopes are 0, so the weights are constant and the information is
         * proportional to X'X of the standardised design: a pivot of the ordered Cholesky below
         * {@link #ALIAS_TOLERANCE} marks a column that is a combination of earlier ones.
         */
        private boolean dropCollinearColumns(HazardKernel.Evaluation first) {
            double[] a = first.info;
            boolean[] aliased = new boolean[k];
            double[] l = new double[k * k];
            int off = intercept ? 1 : 0;
            boolean any = false;
            for (int j = 0; j < k; j++) {
                double d = a[j * k + j];
                for (int p = 0; p < j; p++) {
                    d -= l[j * k + p] * l[j * k + p];
                }
                if (!(d > ALIAS_TOLERANCE * a[j * k + j])) {
                    aliased[j] = true;
                    any = true;
                    continue;
                }
                double ljj = Math.sqrt(d);
                l[j * k + j] = ljj;
                for (int i = j + 1; i < k; i++) {
                    double s = a[i * k + j];
                    for (int p = 0; p < j; p++) {
                        s -= l[i * k + p] * l[j * k + p];
                    }
                    l[i * k + j] = s / ljj;
                }
            }
            if (!any) {
                return false;
            }
            if (intercept && aliased[0]) {
                throw new EstimationException("the intercept is not estimable: the design is degenerate");
            }
            List<String> names = problem.names();
            List<Integer> keep = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j < off) {
                    continue;
                }
                if (!aliased[j]) {
                    keep.add(active[j - off]);
                    continue;
                }
                // Which earlier kept columns reproduce column j: solve the normal equations on them.
                List<Integer> prev = new ArrayList<>();
                for (int p = 0; p < j; p++) {
                    if (!aliased[p]) {
                        prev.add(p);
                    }
                }
                int m = prev.size();
                double[] sub = new double[m * m];
                double[] rhs = new double[m];
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < m; c++) {
                        sub[r * m + c] = a[prev.get(r) * k + prev.get(c)];
                    }
                    rhs[r] = a[prev.get(r) * k + j];
                }
                double[] ch = Dense.cholesky(sub, m, 0.0);
                List<String> partners = new ArrayList<>();
                if (ch != null) {
                    double[] b = Dense.solve(ch, m, rhs);
                    for (int r = 0; r < m; r++) {
                        int p = prev.get(r);
                        if (Math.abs(b[r]) > 1e-6 && p >= off) {
                            partners.add(names.get(active[p - off]));
                        }
                    }
                }
                diagnostics.add("column " + names.get(active[j - off]) + " is collinear with "
                        + (partners.isEmpty() ? "earlier columns" : String.join(", ", partners))
                        + " (R-squared above 1 - 1e-10); dropped (coefficient NaN)");
            }
            setActive(keep.stream().mapToInt(Integer::intValue).toArray());
            return true;
        }

        // ---- iteration state ----------------------------------------------------------------

        /** Everything known at one coefficient vector. */
        private final class State {
            HazardKernel.Evaluation eval;
            double[] cholInfo;
            double[] cholPenalized;
            double[] step;
            double decrement;
            double objective;
        }

        /** Factorises, adjusts the score and computes the next step; null if F is singular. */
        private State state(HazardKernel.Evaluation ev) {
            double[] ch = Dense.cholesky(ev.info, k, 1e-14);
            if (ch == null) {
                return null;
            }
            State s = new State();
            s.eval = ev;
            s.cholInfo = ch;
            double[] g = ev.score.clone();
            double penaltySum = 0.0;
            double[] h = ev.info;
            if (ridge > 0) {
                h = ev.info.clone();
                for (int j = 0; j < k; j++) {
                    g[j] -= penalty[j] * ev.beta[j];
                    h[j * k + j] += penalty[j];
                    penaltySum += penalty[j] * ev.beta[j] * ev.beta[j];
                }
                s.cholPenalized = Dense.cholesky(h, k, 1e-14);
                if (s.cholPenalized == null) {
                    return null;
                }
            } else {
                s.cholPenalized = ch;
            }
            if (firth) {
                double[] a = kernel.biasAdjustment(ev.beta, ch);
                for (int j = 0; j < k; j++) {
                    g[j] += a[j];
                }
            }
            s.step = Dense.solve(s.cholPenalized, k, g);
            double d = 0.0;
            for (int j = 0; j < k; j++) {
                d += s.step[j] * g[j];
            }
            s.decrement = d;
            s.objective =
                    ev.logLik - 0.5 * penaltySum + (firth && link == Link.LOGIT ? 0.5 * Dense.logDet(ch, k) : 0.0);
            return Double.isFinite(d) && Double.isFinite(s.objective) ? s : null;
        }

        // ---- results ------------------------------------------------------------------------

        private HazardEstimate report(State fin, int iterations, boolean converged) {
            int off = intercept ? 1 : 0;
            int n = problem.n();
            // beta = T betaTilde; T maps the standardised parameters back to the column units.
            double[] t = new double[k * k];
            if (intercept) {
                t[0] = 1.0;
            }
            for (int c = 0; c < active.length; c++) {
                int j = c + off;
                t[j * k + j] = 1.0 / scale[c];
                if (intercept) {
                    t[j] = -center[c] / scale[c];
                }
            }
            double[] bt = fin.eval.beta;
            double[] beta = new double[k];
            for (int i = 0; i < k; i++) {
                double s = 0.0;
                for (int j = 0; j < k; j++) {
                    s += t[i * k + j] * bt[j];
                }
                beta[i] = s;
            }
            double[] bread = Dense.inverse(fin.cholPenalized, k);
            double[] modelCov = transform(t, bread);
            double[] cov;
            String seText;
            if (seType == SeType.MODEL) {
                cov = modelCov;
                seText = ridge > 0
                        ? "model-based (inverse penalised information)"
                        : "model-based (inverse Fisher information)";
            } else {
                int g = problem.clusterCount();
                double[] u = kernel.clusterScores(bt, problem.clusterIndexView(), g);
                double[] meat = new double[k * k];
                for (int c = 0; c < g; c++) {
                    int base = c * k;
                    for (int i = 0; i < k; i++) {
                        double ui = u[base + i];
                        for (int j = 0; j < k; j++) {
                            meat[i * k + j] += ui * u[base + j];
                        }
                    }
                }
                double adj = (double) g / (g - 1);
                if (seType == SeType.CLUSTER_HC1) {
                    if (n <= k) {
                        throw new EstimationException(
                                "HC1 needs more rows than coefficients (n=" + n + ", k=" + k + "); use SeType.CLUSTER");
                    }
                    adj *= (n - 1.0) / (n - k);
                    seText = String.format(
                            Locale.ROOT,
                            "cluster-robust by %s (HC1: G/(G-1)·(n-1)/(n-k)," + " G=%d)",
                            problem.clusterName(),
                            g);
                } else {
                    seText = String.format(
                            Locale.ROOT, "cluster-robust by %s (HC0 with G/(G-1), G=%d)", problem.clusterName(), g);
                }
                double[] sandwich = Dense.multiply(Dense.multiply(bread, meat, k), bread, k);
                for (int i = 0; i < sandwich.length; i++) {
                    sandwich[i] *= adj;
                }
                cov = transform(t, sandwich);
                if (g < FEW_CLUSTERS) {
                    diagnostics.add(String.format(
                            Locale.ROOT,
                            "only %d clusters: cluster-robust standard"
                                    + " errors are unreliable with fewer than about %d; compare with SeType.MODEL",
                            g,
                            FEW_CLUSTERS));
                }
            }
            // Expand to all problem columns, NaN for dropped ones.
            List<String> allNames = new ArrayList<>();
            if (intercept) {
                allNames.add(HazardProblem.INTERCEPT);
            }
            allNames.addAll(problem.names());
            int full = allNames.size();
            int[] pos = new int[k];
            if (intercept) {
                pos[0] = 0;
            }
            for (int c = 0; c < active.length; c++) {
                pos[c + off] = active[c] + off;
            }
            double[] coef = new double[full];
            double[] se = new double[full];
            double[][] covFull = new double[full][full];
            java.util.Arrays.fill(coef, Double.NaN);
            java.util.Arrays.fill(se, Double.NaN);
            for (double[] row : covFull) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            for (int i = 0; i < k; i++) {
                coef[pos[i]] = beta[i];
                se[pos[i]] = Math.sqrt(cov[i * k + i]);
                for (int j = 0; j < k; j++) {
                    covFull[pos[i]][pos[j]] = cov[i * k + j];
                }
            }
            OptionalDouble penalized = OptionalDouble.empty();
            if (ridge > 0 || (firth && link == Link.LOGIT)) {
                double v = fin.eval.logLik;
                if (ridge > 0) {
                    double s = 0.0;
                    for (int c = 0; c < active.length; c++) {
                        // penalty[] is on the internally scaled coefficient beta * scale
                        double scaled = beta[c + off] * scale[c];
                        s += penalty[c + off] * scaled * scaled;
                    }
                    v -= 0.5 * s;
                }
                if (firth) {
                    // log det I(beta) = log det I(betaTilde) + 2 sum log scale_j
                    double logDet = Dense.logDet(fin.cholInfo, k);
                    for (double s : scale) {
                        logDet += 2.0 * Math.log(s);
                    }
                    v += 0.5 * logDet;
                }
                penalized = OptionalDouble.of(v);
            }
            if (!firth) {
                boundaryDiagnostic(fin.eval.boundaryRows);
            }
            return new HazardEstimate(
                    allNames,
                    coef,
                    se,
                    covFull,
                    fin.eval.logLik,
                    penalized,
                    n,
                    problem.events(),
                    k,
                    iterations,
                    converged,
                    link,
                    seType,
                    seText,
                    firth,
                    ridge,
                    intercept,
                    diagnostics,
                    separation(coef, pos),
                    ridgeScope());
        }

        /** What the ridge penalty applies to, in words; empty without one. */
        private String ridgeScope() {
            if (ridge == 0) {
                return "";
            }
            if (!standardizedRidge) {
                return "non-intercept coefficients";
            }
            List<String> free =
                    unpenalized.stream().filter(problem.names()::contains).toList();
            return "coefficients of standardised columns"
                    + (free.isEmpty() ? "" : " (unpenalised: intercept, " + String.join(", ", free) + ")");
        }

        /** The separation check on the estimated columns (aliased ones are left out, as R does). */
        private Separation separation(double[] coef, int[] pos) {
            double[][] all = problem.columnsView();
            double[][] cols = new double[active.length][];
            List<String> names = new ArrayList<>();
            if (intercept) {
                names.add(HazardProblem.INTERCEPT);
            }
            for (int c = 0; c < active.length; c++) {
                cols[c] = all[active[c]];
                names.add(problem.names().get(active[c]));
            }
            double[] beta = new double[k];
            for (int i = 0; i < k; i++) {
                beta[i] = coef[pos[i]];
            }
            return Separation.ofColumns(names, cols, intercept, problem.yView(), null, beta, link);
        }

        private double[] transform(double[] t, double[] v) {
            // T V T'
            double[] tv = Dense.multiply(t, v, k);
            double[] out = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double s = 0.0;
                    for (int p = 0; p < k; p++) {
                        s += tv[i * k + p] * t[j * k + p];
                    }
                    out[i * k + j] = s;
                }
            }
            return out;
        }

        /**
         * R's glm warning when fitted probabilities reach 0 or 1; separation itself is detected
         * exactly by {@link Separation} and reported with the estimate.
         */
        private void boundaryDiagnostic(long boundaryRows) {
            if (boundaryRows > 0) {
                diagnostics.add(String.format(
                        Locale.ROOT, "fitted probabilities numerically 0 or 1" + " occurred in %d rows", boundaryRows));
            }
        }
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
