package org.normlab.effects;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * An average marginal effect on the per-year event probability. Immutable.
 *
 * @param term     the variable, or {@code variable=level vs reference} for a categorical one
 * @param estimate for a numeric variable the mean over the risk set of d p / d x; for a level of a
 *                 categorical variable the mean difference of p between that level and the reference
 * @param se       delta-method standard error (with the fit's covariance, model-based or clustered)
 */
public record MarginalEffect(String term, double estimate, double se) {
    /** The z statistic. */
    public double z() {
        return estimate / se;
    }

    /** The two-sided p-value of the z statistic. */
    public double p() {
        return 2 * new NormalDistribution(0, 1).cumulativeProbability(-Math.abs(z()));
    }

    /** The Wald interval of the effect. */
    public Interval interval(double level) {
        double z = Intervals.z(level);
        return new Interval(term, estimate - z * se, estimate + z * se);
    }
}
