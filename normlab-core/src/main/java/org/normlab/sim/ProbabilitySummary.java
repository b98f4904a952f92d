package org.normlab.sim;

/**
 * The distribution over replicates of a per-replicate probability (or of a paired difference of
 * two): its mean and its 5 %, 50 % and 95 % quantiles. The mean is exact to about 10⁻¹⁰; the
 * quantiles are type 7 quantiles of the values rounded to 0.001,
 * so they are exact to half that. The 5 %–95 % range is the 90 % interval of the value across
 * replicates: with parameter and frailty draws it carries the uncertainty of the estimates and of the
 * states' unobserved dispositions.
 *
 * @param mean       mean over replicates
 * @param q05        5 % quantile
 * @param q50        median
 * @param q95        95 % quantile
 * @param replicates number of replicates
 */
public record ProbabilitySummary(double mean, double q05, double q50, double q95, long replicates) {}
