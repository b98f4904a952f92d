package org.normlab.estimate;

import java.util.HashSet;
import java.util.Set;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.special.Gamma;

/**
 * Likelihood-ratio test of a restricted model against a full model that nests it.
 *
 * <p>Statistic 2&middot;(l<sub>full</sub> &minus; l<sub>restricted</sub>), referred to a
 * &chi;&sup2; distribution with df = difference in the number of estimated coefficients; the
 * p-value is its upper tail. Valid for maximum-likelihood fits of the same rows; penalised fits
 * (Firth, ridge) are rejected because their log-likelihoods are not maximised.
 *
 * @param statistic the LR statistic, &ge; 0
 * @param df degrees of freedom, &ge; 1
 * @param pValue upper-tail probability of {@code statistic} under &chi;&sup2;(df)
 * @param restrictedLogLik log-likelihood of the restricted model
 * @param fullLogLik log-likelihood of the full model
 */
public record LikelihoodRatioTest(double statistic, int df, double pValue, double restrictedLogLik, double fullLogLik) {

    /** Validates ranges. */
    public LikelihoodRatioTest {
        if (df < 1) {
            throw new EstimationException("the LR test needs df >= 1, got " + df
                    + ": the full model must have more coefficients than the restricted one");
        }
        if (!(statistic >= 0.0) || !(pValue >= 0.0 && pValue <= 1.0)) {
            throw new EstimationException("invalid LR statistic " + statistic + " / p " + pValue);
        }
    }

    /**
     * The test from two log-likelihoods.
     *
     * @param restrictedLogLik log-likelihood of the nested (smaller) model
     * @param fullLogLik log-likelihood of the larger model
     * @param df number of restrictions
     * @throws EstimationException if the restricted model fits clearly better (not nested)
     */
    public static LikelihoodRatioTest of(double restrictedLogLik, double fullLogLik, int df) {
        double stat = 2.0 * (fullLogLik - restrictedLogLik);
        // Equal fits can differ by rounding; anything more means the models are not nested.
        double slack = 1e-8 * (Math.abs(fullLogLik) + 1.0);
        if (stat < -slack) {
            throw new EstimationException(String.format(
                    java.util.Locale.ROOT,
                    "the restricted model has the higher log-likelihood (%.6f > %.6f): the models are not"
                            + " nested or a fit did not converge",
                    restrictedLogLik,
                    fullLogLik));
        }
        stat = Math.max(stat, 0.0);
        return new LikelihoodRatioTest(stat, df, upperTail(stat, df), restrictedLogLik, fullLogLik);
    }

    /**
     * The test between two fitted models of the same rows.
     *
     * @throws EstimationException if the fits are not comparable: different rows or links,
     *     penalised fits, unconverged fits, or terms of the restricted model missing from the full
     */
    public static LikelihoodRatioTest of(HazardEstimate restricted, HazardEstimate full) {
        if (restricted.n() != full.n() || restricted.events() != full.events()) {
            throw new EstimationException("the models were fitted to different rows (n=" + restricted.n() + " vs "
                    + full.n() + "): an LR test needs the same data");
        }
        if (restricted.link() != full.link()) {
            throw new EstimationException("the models use different links ("
                    + restricted.link().label() + " vs " + full.link().label() + "): they are not nested");
        }
        if (!restricted.maximumLikelihood() || !full.maximumLikelihood()) {
            throw new EstimationException("LR tests need maximum-likelihood fits; refit without Firth"
                    + " or ridge (penalised log-likelihoods do not follow the chi-squared law)");
        }
        if (!restricted.converged() || !full.converged()) {
            throw new EstimationException("a model did not converge; the LR statistic would be"
                    + " meaningless (see the estimate's diagnostics)");
        }
        Set<String> fullNames = new HashSet<>(full.names());
        for (String name : restricted.names()) {
            if (!fullNames.contains(name)) {
                throw new EstimationException("term " + name + " of the restricted model is not in the"
                        + " full model: the models are not nested");
            }
        }
        return of(restricted.logLikelihood(), full.logLikelihood(), full.rank() - restricted.rank());
    }

    /** Upper tail of chi-squared(df); the regularised gamma Q keeps accuracy far in the tail. */
    private static double upperTail(double stat, int df) {
        ChiSquaredDistribution chi2 = new ChiSquaredDistribution(df);
        double cdf = chi2.cumulativeProbability(stat);
        return cdf < 0.5 ? 1.0 - cdf : Gamma.regularizedGammaQ(0.5 * df, 0.5 * stat);
    }
}
