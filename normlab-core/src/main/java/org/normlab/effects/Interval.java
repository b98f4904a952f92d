package org.normlab.effects;

/**
 * A confidence interval of one coefficient, on the coefficient's (log-odds or log-hazard) scale.
 * Immutable.
 *
 * @param term  the coefficient's name
 * @param lower lower limit (may be -infinity when the likelihood does not fall far enough)
 * @param upper upper limit (may be +infinity)
 */
public record Interval(String term, double lower, double upper) {
    /** The interval of {@code exp(coefficient)}: an odds ratio (logit) or hazard ratio (cloglog). */
    public Interval exp() {
        return new Interval(term, Math.exp(lower), Math.exp(upper));
    }
}
