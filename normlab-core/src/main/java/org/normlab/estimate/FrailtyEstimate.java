package org.normlab.estimate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted discrete-time hazard model with a shared frailty, as returned by {@link
 * FrailtyEstimator#fit(HazardProblem)}: the random-intercept model &eta;<sub>it</sub> =
 * x<sub>it</sub>'&beta; + b<sub>i</sub>, b<sub>i</sub> ~ N(0, &sigma;&sup2;), one b<sub>i</sub> per
 * cluster (state).
 *
 * <p>{@link #names()} and {@link #estimates()} list the fixed effects &beta; first
 * ({@value HazardProblem#INTERCEPT} first when the model has one, then the covariates in problem
 * order) and the frailty standard deviation &sigma; last, under the name {@code
 * sd((Intercept)|state)} (the cluster name of the problem in place of "state"), as lme4 labels
 * it. A covariate dropped as constant or collinear has estimate, standard error and covariance
 * entries {@code NaN} and is explained in {@link #diagnostics()}.
 *
 * <p>Standard errors come from the observed information (the negative Hessian of the marginal
 * log-likelihood) at the estimate. {@link #covariance()} is the inverse observed information in
 * the parameterisation (&beta;, log &sigma;): its last row and column refer to log &sigma;, the
 * scale on which the likelihood is closer to quadratic and draws stay positive; the standard
 * error of &sigma; is the delta-method value &sigma;&middot;SE(log &sigma;). On the boundary
 * ({@link #boundary()}: &sigma; estimated at 0) the model reduces to the ordinary logit model:
 * the fixed effects, their standard errors and the log-likelihood are those of {@link
 * HazardEstimator}, and the standard error of &sigma; and the log &sigma; row and column of the
 * covariance are {@code NaN}.
 *
 * @param names fixed-effect names, then the name of the frailty standard deviation
 * @param estimates &beta; then &sigma;, one per name
 * @param standardErrors standard errors, one per name (&sigma;'s by the delta method)
 * @param covariance inverse observed information of (&beta;, log &sigma;), (p+1) x (p+1)
 * @param logLikelihood marginal log-likelihood at the estimate (adaptive Gauss-Hermite
 *     approximation with {@link #quadraturePoints()} points; R's {@code logLik} of {@code glmer})
 * @param n number of rows
 * @param events number of rows with an event
 * @param clusters number of clusters
 * @param rank number of estimated parameters, fixed effects plus &sigma; (k in the AIC and BIC)
 * @param quadraturePoints Gauss-Hermite points per cluster
 * @param iterations Newton steps taken
 * @param converged whether the convergence criterion was met
 * @param boundary whether &sigma; was estimated at 0
 * @param link the link
 * @param intercept whether the first fixed effect is the intercept
 * @param clusterName what a cluster is ("state")
 * @param clusterIds the problem's cluster ids in order of first appearance
 * @param posteriorModes per cluster (same order): the posterior mode of b<sub>i</sub> at the
 *     estimate, the empirical Bayes prediction of the state's frailty (lme4's {@code ranef})
 * @param posteriorSds per cluster: the posterior standard deviation of b<sub>i</sub> in the
 *     normal approximation at the mode (lme4's {@code condVar})
 * @param diagnostics problems found, in plain words; empty when none
 * @param separation separation of the fixed-effects design and the outcome ({@link
 *     Separation#detect}); the fixed effects it names diverge, the frailty cannot absorb them
 */
public record FrailtyEstimate(
        List<String> names,
        double[] estimates,
        double[] standardErrors,
        double[][] covariance,
        double logLikelihood,
        int n,
        int events,
        int clusters,
        int rank,
        int quadraturePoints,
        int iterations,
        boolean converged,
        boolean boundary,
        Link link,
        boolean intercept,
        String clusterName,
        int[] clusterIds,
        double[] posteriorModes,
        double[] posteriorSds,
        List<String> diagnostics,
        Separation separation) {

    /** Validates shapes and counts and takes defensive copies. */
    public FrailtyEstimate {
        names = List.copyOf(names);
        int k = names.size();
        if (k < 1 || estimates.length != k || standardErrors.length != k || covariance.length != k) {
            throw new EstimationException("frailty estimate arrays do not match the " + k + " names");
        }
        estimates = estimates.clone();
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
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterIds.length != clusters || posteriorModes.length != clusters || posteriorSds.length != clusters) {
            throw new EstimationException(
                    "expected one cluster id, posterior mode and posterior sd" + " per cluster (" + clusters + ")");
        }
        clusterIds = clusterIds.clone();
        posteriorModes = posteriorModes.clone();
        posteriorSds = posteriorSds.clone();
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(separation, "separation");
        if (n < 1
                || events < 0
                || events > n
                || clusters < 1
                || rank < 1
                || rank > k
                || quadraturePoints < 1
                || iterations < 0) {
            throw new EstimationException("inconsistent counts: n=" + n + ", events=" + events
                    + ", clusters=" + clusters + ", rank=" + rank + ", quadraturePoints="
                    + quadraturePoints + ", iterations=" + iterations);
        }
        if (!(estimates[k - 1] >= 0.0)) {
            throw new EstimationException("the frailty sd " + estimates[k - 1] + " is invalid: it must be >= 0");
        }
    }

    @Override
    public double[] estimates() {
        return estimates.clone();
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

    /** Covariance of terms i and j; index {@code p} (the sd's) refers to log &sigma;. */
    public double covariance(int i, int j) {
        return covariance[i][j];
    }

    @Override
    public int[] clusterIds() {
        return clusterIds.clone();
    }

    @Override
    public double[] posteriorModes() {
        return posteriorModes.clone();
    }

    @Override
    public double[] posteriorSds() {
        return posteriorSds.clone();
    }

    /** Number of fixed effects (including dropped ones), p. */
    public int fixedEffects() {
        return names.size() - 1;
    }

    /** The fixed-effect names, without the frailty sd. */
    public List<String> coefficientNames() {
        return names.subList(0, names.size() - 1);
    }

    /** The fixed effects &beta; (without &sigma;). */
    public double[] coefficients() {
        return Arrays.copyOf(estimates, names.size() - 1);
    }

    /** Standard errors of the fixed effects (without &sigma;'s). */
    public double[] coefficientStandardErrors() {
        return Arrays.copyOf(standardErrors, names.size() - 1);
    }

    /** Name of the frailty standard deviation, e.g. "sd((Intercept)|state)". */
    public String sigmaName() {
        return names.get(names.size() - 1);
    }

    /** The frailty standard deviation &sigma; (0 on the boundary). */
    public double sigma() {
        return estimates[estimates.length - 1];
    }

    /** Standard error of &sigma; by the delta method from log &sigma;; NaN on the boundary. */
    public double sigmaStandardError() {
        return standardErrors[standardErrors.length - 1];
    }

    /** Position of {@code name} in {@link #names()}. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new EstimationException("no term named '" + name + "'; terms: " + names);
        }
        return i;
    }

    /** Estimate of term {@code name} (a fixed effect or the frailty sd). */
    public double estimate(String name) {
        return estimates[index(name)];
    }

    /** Standard error of term {@code name}. */
    public double standardError(String name) {
        return standardErrors[index(name)];
    }

    /** Wald statistics &beta;/SE of the fixed effects. */
    public double[] zValues() {
        return Wald.z(estimates, standardErrors, fixedEffects());
    }

    /**
     * Two-sided p-values of {@link #zValues()} under the standard normal; NaN for a fixed effect
     * that {@link #separation() separation} makes diverge.
     */
    public double[] pValues() {
        double[] p = Wald.p(zValues());
        List<String> names = coefficientNames();
        for (int i = 0; i < p.length && i < names.size(); i++) {
            if (separation.separated(names.get(i))) {
                p[i] = Double.NaN;
            }
        }
        return p;
    }

    /** The fixed effects whose estimates diverge under separation, in model order. */
    public List<String> divergedTerms() {
        return separation.names();
    }

    /**
     * Events per parameter as {@link HazardEstimate#eventsPerParameter()} counts them: events (the
     * rarer outcome) per estimated fixed effect other than the intercept; NaN without any.
     */
    public double eventsPerParameter() {
        int k = slopeParameters();
        return k == 0 ? Double.NaN : (double) Math.min(events, n - events) / k;
    }

    /** Estimated fixed effects other than the intercept. */
    public int slopeParameters() {
        int k = 0;
        for (int i = intercept ? 1 : 0; i < fixedEffects(); i++) {
            k += Double.isNaN(estimates[i]) ? 0 : 1;
        }
        return k;
    }

    /** Whether {@link #eventsPerParameter()} is below {@link HazardEstimate#MIN_EVENTS_PER_PARAMETER}. */
    public boolean exploratory() {
        return eventsPerParameter() < HazardEstimate.MIN_EVENTS_PER_PARAMETER;
    }

    /** Akaike information criterion &minus;2&middot;loglik + 2k, k = {@link #rank()}. */
    public double aic() {
        return Wald.aic(logLikelihood, rank);
    }

    /** Bayesian information criterion &minus;2&middot;loglik + k&middot;log n. */
    public double bic() {
        return Wald.bic(logLikelihood, rank, n);
    }

    /** The posterior modes by cluster id, in order of first appearance. */
    public Map<Integer, Double> posteriorModeMap() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int g = 0; g < clusterIds.length; g++) {
            m.put(clusterIds[g], posteriorModes[g]);
        }
        return m;
    }

    /** The posterior mode (empirical Bayes prediction) of the frailty of cluster {@code id}. */
    public double posteriorMode(int id) {
        for (int g = 0; g < clusterIds.length; g++) {
            if (clusterIds[g] == id) {
                return posteriorModes[g];
            }
        }
        throw new EstimationException("no " + clusterName + " with id " + id + " in the fitted"
                + " data; use FrailtyEstimator.posteriorModes(estimate, problem) for other data");
    }

    /**
     * Linear predictor x'&beta; + b for a new row.
     *
     * @param frailty the state's b (0 for a typical state, {@link #posteriorMode(int)} for a
     *     fitted one)
     * @param covariates values in the order of the problem's covariates (without the intercept);
     *     dropped covariates are ignored
     */
    public double linearPredictor(double frailty, double... covariates) {
        int off = intercept ? 1 : 0;
        int p = fixedEffects();
        if (covariates.length != p - off) {
            throw new EstimationException("expected " + (p - off) + " covariate values " + names.subList(off, p)
                    + ", got " + covariates.length);
        }
        double eta = (intercept ? estimates[0] : 0.0) + frailty;
        for (int j = 0; j < covariates.length; j++) {
            double b = estimates[j + off];
            if (!Double.isNaN(b)) {
                eta += b * covariates[j];
            }
        }
        return eta;
    }

    /** Event probability of a new row given the state's frailty b (conditional on b). */
    public double probability(double frailty, double... covariates) {
        return link.probability(linearPredictor(frailty, covariates));
    }

    /** A table in the style of R's {@code summary()} of a {@code glmer} fit. */
    public String summaryTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "shared frailty (random intercept by %s), maximum"
                        + " marginal likelihood, adaptive Gauss-Hermite with %d points, %s link; n=%d,"
                        + " events=%d, %s=%d%n",
                clusterName,
                quadraturePoints,
                link.label(),
                n,
                events,
                clusterName,
                clusters));
        sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %8s %10s%n", "term", "estimate", "std.error", "z", "p"));
        double[] z = zValues();
        double[] pv = pValues();
        for (int i = 0; i < fixedEffects(); i++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-28s %12.6g %12.6g %8.3f %10.4g%n",
                    names.get(i),
                    estimates[i],
                    standardErrors[i],
                    z[i],
                    pv[i]));
        }
        sb.append(String.format(Locale.ROOT, "%-28s %12.6g %12.6g%n", sigmaName(), sigma(), sigmaStandardError()));
        sb.append(String.format(
                Locale.ROOT, "marginal log-likelihood %.6f, AIC %.4f, BIC %.4f%n", logLikelihood, aic(), bic()));
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
        if (!(o instanceof FrailtyEstimate)) {
            return false;
        }
        FrailtyEstimate e = (FrailtyEstimate) o;
        return names.equals(e.names)
                && Arrays.equals(estimates, e.estimates)
                && Arrays.equals(standardErrors, e.standardErrors)
                && Arrays.deepEquals(covariance, e.covariance)
                && Double.compare(logLikelihood, e.logLikelihood) == 0
                && n == e.n
                && events == e.events
                && clusters == e.clusters
                && rank == e.rank
                && quadraturePoints == e.quadraturePoints
                && iterations == e.iterations
                && converged == e.converged
                && boundary == e.boundary
                && link == e.link
                && intercept == e.intercept
                && clusterName.equals(e.clusterName)
                && Arrays.equals(clusterIds, e.clusterIds)
                && Arrays.equals(posteriorModes, e.posteriorModes)
                && Arrays.equals(posteriorSds, e.posteriorSds)
                && diagnostics.equals(e.diagnostics)
                && separation.equals(e.separation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(estimates), logLikelihood, n, iterations);
    }

    @Override
    public String toString() {
        return summaryTable();
    }
}
