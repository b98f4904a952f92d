package org.normlab.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A fitted discrete-time hazard model, as returned by {@link HazardEstimator#fit(HazardProblem)}.
 *
 * <p>Coefficients are on the link scale (log-odds for {@link Link#LOGIT}, log hazard ratios for
 * {@link Link#CLOGLOG}), in the order of {@link #names()}: {@value HazardProblem#INTERCEPT} first
 * when the model has an intercept, then the covariates in problem order. A covariate dropped as
 * constant or collinear has coefficient, standard error and covariance entries {@code NaN} (R
 * reports {@code NA}) and is explained in {@link #diagnostics()}; {@link #rank()} counts the
 * estimated coefficients only.
 *
 * @param names term names, intercept first if present
 * @param coefficients estimates, one per name
 * @param standardErrors square roots of the covariance diagonal ({@link #seType()})
 * @param covariance covariance matrix of the coefficients, k x k
 * @param logLikelihood log-likelihood of the data at the estimate, without any penalty (R's
 *     {@code logLik()}, also for Firth and ridge fits)
 * @param penalizedLogLikelihood the maximised objective when it is not the log-likelihood:
 *     l&minus;&lambda;/2&middot;&Sigma;&beta;<sub>j</sub>&sup2; for ridge, l+&frac12;log|I(&beta;)|
 *     for Firth with the logit link; empty for plain maximum likelihood and for Firth with the
 *     cloglog link, whose adjusted score equations are not the gradient of any objective
 * @param n number of rows
 * @param events number of rows with an event
 * @param rank number of estimated coefficients (k in the AIC and BIC)
 * @param iterations Newton/Fisher-scoring steps taken
 * @param converged whether the convergence criterion was met
 * @param link the link
 * @param seType how the standard errors were computed
 * @param seDescription the standard-error correction in words, e.g. "cluster-robust by state
 *     (HC0 with G/(G-1), G=150)"
 * @param firth whether the fit used Firth/mean-bias reduction
 * @param ridge the ridge penalty &lambda; (0 for none)
 * @param intercept whether the first term is the intercept
 * @param diagnostics problems found, in plain words; empty when none
 * @param separation complete or quasi-complete separation of the design and the outcome, from
 *     {@link Separation#detect}: a property of the data, so it is recorded for penalised fits
 *     too, whose estimates stay finite (see {@link #diverged(String)})
 * @param ridgeScope what the ridge penalty applies to, in words (empty without one), e.g.
 *     "non-intercept coefficients"
 */
public record HazardEstimate(
        List<String> names,
        double[] coefficients,
        double[] standardErrors,
        double[][] covariance,
        double logLikelihood,
        OptionalDouble penalizedLogLikelihood,
        int n,
        int events,
        int rank,
        int iterations,
        boolean converged,
        Link link,
        SeType seType,
        String seDescription,
        boolean firth,
        double ridge,
        boolean intercept,
        List<String> diagnostics,
        Separation separation,
        String ridgeScope) {

    /**
     * The events-per-parameter rule of thumb: a model with fewer events per estimated
     * coefficient than this (Peduzzi et al. 1996) is reported as exploratory.
     */
    public static final double MIN_EVENTS_PER_PARAMETER = 10.0;

    /** Validates shapes and takes defensive copies. */
    public HazardEstimate {
        names = List.copyOf(names);
        int k = names.size();
        if (coefficients.length != k || standardErrors.length != k || covariance.length != k) {
            throw new EstimationException("estimate arrays do not match the " + k + " term names");
        }
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
        double[][] cov = new double[k][];
        for (int i = 0; i < k; i++) {
            if (covariance[i].length != k) {
                throw new EstimationException(
                        "covariance row " + i + " has " + covariance[i].length + " entries, expected " + k);
            }
            cov[i] = covariance[i].clone();
        }
        covariance = cov;
        Objects.requireNonNull(penalizedLogLikelihood, "penalizedLogLikelihood");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(seType, "seType");
        Objects.requireNonNull(seDescription, "seDescription");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(separation, "separation");
        Objects.requireNonNull(ridgeScope, "ridgeScope");
        if (n < 1 || events < 0 || events > n || rank < 0 || rank > k || iterations < 0) {
            throw new EstimationException("inconsistent counts: n=" + n + ", events=" + events + ", rank=" + rank
                    + ", iterations=" + iterations);
        }
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** The estimation method in words, e.g. "maximum likelihood". */
    public String method() {
        String base = firth
                ? "Firth bias reduction (mean-bias-reducing adjusted score, as brglm2" + " AS_mean)"
                : "maximum likelihood";
        if (ridge > 0) {
            base += String.format(Locale.ROOT, " with ridge penalty lambda=%.6g on %s", ridge, ridgeScope);
        }
        return base;
    }

    /** Whether this is a plain maximum-likelihood fit (no Firth adjustment, no penalty). */
    public boolean maximumLikelihood() {
        return !firth && ridge == 0.0;
    }

    /** Covariance of terms i and j. */
    /**
     * Parameter draws from the estimate's approximate sampling distribution, a multivariate normal
     * with mean {@link #coefficients()} and covariance {@link #covariance()}, for propagating the
     * estimates' uncertainty into derived quantities. Aliased (NaN) coefficients stay NaN in every
     * draw. Deterministic for a seed (algorithm L64X128MixRandom).
     *
     * @return {@code draws} rows of {@link #size()} coefficients
     */
    public double[][] parameterDraws(int draws, long seed) {
        int k = size();
        double[] beta = coefficients();
        int[] free = java.util.stream.IntStream.range(0, k)
                .filter(i -> Double.isFinite(beta[i]) && Double.isFinite(covariance(i, i)))
                .toArray();
        int m = free.length;
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i * m + j] = covariance(free[i], free[j]);
            }
        }
        double[] l = Dense.cholesky(a, m, 1e-13);
        java.util.random.RandomGenerator rng =
                java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        double[][] out = new double[draws][];
        double[] z = new double[m];
        for (int d = 0; d < draws; d++) {
            double[] b = beta.clone();
            for (int i = 0; i < m; i++) {
                z[i] = rng.nextGaussian();
            }
            for (int i = 0; i < m; i++) {
                double s = 0;
                if (l != null) {
                    for (int j = 0; j <= i; j++) {
                        s += l[i * m + j] * z[j];
                    }
                } else {
                    s = Math.sqrt(Math.max(0, a[i * m + i])) * z[i]; // not positive definite: independent draws
                }
                b[free[i]] += s;
            }
            out[d] = b;
        }
        return out;
    }

    public double covariance(int i, int j) {
        return covariance[i][j];
    }

    /** Number of terms, including dropped ones. */
    public int size() {
        return names.size();
    }

    /** Position of term {@code name}. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new EstimationException("no term named '" + name + "'; terms: " + names);
        }
        return i;
    }

    /** Coefficient of term {@code name}. */
    public double coefficient(String name) {
        return coefficients[index(name)];
    }

    /** Standard error of term {@code name}. */
    public double standardError(String name) {
        return standardErrors[index(name)];
    }

    /** Wald statistics &beta;/SE. */
    public double[] zValues() {
        return Wald.z(coefficients, standardErrors, coefficients.length);
    }

    /**
     * Two-sided p-values of the Wald statistics under the standard normal; NaN for a term whose
     * estimate {@link #diverged(String) diverged}, whose Wald test means nothing (its standard
     * error, model-based or sandwich, is that of an arbitrary point on the way to infinity).
     */
    public double[] pValues() {
        double[] p = Wald.p(zValues());
        for (int i = 0; i < p.length; i++) {
            if (diverged(names.get(i))) {
                p[i] = Double.NaN;
            }
        }
        return p;
    }

    /**
     * Whether the estimate of term {@code name} diverged: the design is separated in this term
     * and the fit is plain maximum likelihood, whose estimate is then infinite (what is reported
     * is where the iteration stopped). Firth and ridge estimates stay finite, so nothing diverges
     * in them.
     */
    public boolean diverged(String name) {
        return maximumLikelihood() && separation.separated(name);
    }

    /** The terms whose estimates {@link #diverged(String) diverged}, in model order. */
    public List<String> divergedTerms() {
        return maximumLikelihood() ? separation.names() : List.of();
    }

    /**
     * Events per parameter: the number of rows in the rarer outcome (the events, in every hazard
     * model of rare transitions) divided by the number of estimated coefficients other than the
     * intercept ({@link #rank()} minus one when the model has an intercept). NaN for a model
     * without covariates.
     */
    public double eventsPerParameter() {
        int k = rank - (intercept ? 1 : 0);
        return k == 0 ? Double.NaN : (double) Math.min(events, n - events) / k;
    }

    /** Number of estimated coefficients other than the intercept, the divisor of {@link #eventsPerParameter()}. */
    public int slopeParameters() {
        return rank - (intercept ? 1 : 0);
    }

    /** Whether {@link #eventsPerParameter()} is below {@link #MIN_EVENTS_PER_PARAMETER}. */
    public boolean exploratory() {
        return eventsPerParameter() < MIN_EVENTS_PER_PARAMETER;
    }

    /** Akaike information criterion &minus;2&middot;loglik + 2k, k = {@link #rank()}. */
    public double aic() {
        return Wald.aic(logLikelihood, rank);
    }

    /** Bayesian information criterion &minus;2&middot;loglik + k&middot;log n. */
    public double bic() {
        return Wald.bic(logLikelihood, rank, n);
    }

    /** Number of covariates a new row must supply (terms without the intercept). */
    public int covariateCount() {
        return names.size() - (intercept ? 1 : 0);
    }

    /**
     * Linear predictor &eta; for a new row.
     *
     * @param covariates values in the order of the problem's covariates (without the intercept);
     *     dropped covariates are ignored, as R's {@code predict} does
     */
    public double linearPredictor(double... covariates) {
        int off = intercept ? 1 : 0;
        if (covariates.length != names.size() - off) {
            throw new EstimationException("expected " + (names.size() - off) + " covariate values "
                    + names.subList(off, names.size()) + ", got " + covariates.length);
        }
        double eta = intercept ? coefficients[0] : 0.0;
        for (int j = 0; j < covariates.length; j++) {
            double b = coefficients[j + off];
            if (!Double.isNaN(b)) {
                eta += b * covariates[j];
            }
        }
        return eta;
    }

    /** Fitted event probability for a new row; see {@link #linearPredictor(double...)}. */
    public double probability(double... covariates) {
        return link.probability(linearPredictor(covariates));
    }

    /**
     * Fitted event probabilities for many rows given column-major like {@link HazardProblem}.
     *
     * @param columns one array per covariate, all of the same length
     */
    public double[] probabilities(double[][] columns) {
        int off = intercept ? 1 : 0;
        if (columns.length != names.size() - off) {
            throw new EstimationException("expected " + (names.size() - off) + " covariate columns "
                    + names.subList(off, names.size()) + ", got " + columns.length);
        }
        int rows = columns.length == 0 ? 0 : columns[0].length;
        double[] eta = new double[rows];
        Arrays.fill(eta, intercept ? coefficients[0] : 0.0);
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != rows) {
                throw new EstimationException("covariate column " + names.get(j + off) + " has " + columns[j].length
                        + " rows, expected " + rows);
            }
            double b = coefficients[j + off];
            if (Double.isNaN(b)) {
                continue;
            }
            double[] x = columns[j];
            for (int i = 0; i < rows; i++) {
                eta[i] += b * x[i];
            }
        }
        for (int i = 0; i < rows; i++) {
            eta[i] = link.probability(eta[i]);
        }
        return eta;
    }

    /**
     * Probabilities for the rows of a problem with the same covariates, for example a held-out
     * fold.
     */
    public double[] probabilities(HazardProblem problem) {
        List<String> covariates = names.subList(intercept ? 1 : 0, names.size());
        if (!problem.names().equals(covariates)) {
            throw new EstimationException(
                    "the problem's covariates " + problem.names() + " differ from the estimate's " + covariates);
        }
        return probabilities(problem.columnsView());
    }

    /** A coefficient table in the style of R's {@code summary()}, for logs and the CLI. */
    public String summaryTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s link; n=%d, events=%d%n", method(), link.label(), n, events));
        sb.append(String.format(Locale.ROOT, "%-20s %12s %12s %8s %10s%n", "term", "estimate", "std.error", "z", "p"));
        double[] z = zValues();
        double[] p = pValues();
        for (int i = 0; i < names.size(); i++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-20s %12.6g %12.6g %8.3f %10.4g%n",
                    names.get(i),
                    coefficients[i],
                    standardErrors[i],
                    z[i],
                    p[i]));
        }
        sb.append(String.format(Locale.ROOT, "standard errors: %s%n", seDescription));
        sb.append(String.format(Locale.ROOT, "log-likelihood %.6f, AIC %.4f, BIC %.4f%n", logLikelihood, aic(), bic()));
        penalizedLogLikelihood.ifPresent(
                v -> sb.append(String.format(Locale.ROOT, "penalised log-likelihood %.6f%n", v)));
        sb.append(
                        converged
                                ? "converged in " + iterations + " iterations"
                                : "NOT converged after " + iterations + " iterations")
                .append(System.lineSeparator());
        for (String d : diagnostics) {
            sb.append("note: ").append(d).append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HazardEstimate)) {
            return false;
        }
        HazardEstimate e = (HazardEstimate) o;
        return names.equals(e.names)
                && Arrays.equals(coefficients, e.coefficients)
                && Arrays.equals(standardErrors, e.standardErrors)
                && Arrays.deepEquals(covariance, e.covariance)
                && Double.compare(logLikelihood, e.logLikelihood) == 0
                && penalizedLogLikelihood.equals(e.penalizedLogLikelihood)
                && n == e.n
                && events == e.events
                && rank == e.rank
                && iterations == e.iterations
                && converged == e.converged
                && link == e.link
                && seType == e.seType
                && seDescription.equals(e.seDescription)
                && firth == e.firth
                && Double.compare(ridge, e.ridge) == 0
                && intercept == e.intercept
                && diagnostics.equals(e.diagnostics)
                && separation.equals(e.separation)
                && ridgeScope.equals(e.ridgeScope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(coefficients), logLikelihood, n, iterations);
    }

    @Override
    public String toString() {
        return summaryTable();
    }
}
