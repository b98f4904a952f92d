package org.normlab.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted Bass diffusion model, as returned by {@link BassFit}.
 *
 * <p>m is the market potential (eventual number of adopters, in the units of the series), p the
 * coefficient of innovation and q the coefficient of imitation, both per period. Standard errors
 * are those of R's {@code nls}: &sigma;&sup2;(J'J)<sup>&minus;1</sup> with &sigma;&sup2; =
 * RSS/(T&minus;3) and J the Jacobian of the fitted values at the estimate.
 *
 * @param form how the model was matched to the series
 * @param m market potential
 * @param p coefficient of innovation
 * @param q coefficient of imitation
 * @param seM standard error of m
 * @param seP standard error of p
 * @param seQ standard error of q
 * @param covariance covariance matrix of (m, p, q)
 * @param rss residual sum of squares
 * @param sigma residual standard error sqrt(RSS/(T&minus;3))
 * @param periods number of periods T in the series
 * @param iterations Levenberg&ndash;Marquardt iterations of the accepted fit
 * @param evaluations model evaluations of the accepted fit
 * @param converged whether the optimiser met its convergence criteria
 * @param fitted fitted per-period values, t = 1..T
 * @param diagnostics problems found, in plain words
 */
public record BassEstimate(
        BassForm form,
        double m,
        double p,
        double q,
        double seM,
        double seP,
        double seQ,
        double[][] covariance,
        double rss,
        double sigma,
        int periods,
        int iterations,
        int evaluations,
        boolean converged,
        double[] fitted,
        List<String> diagnostics) {

    /** Validates and copies. */
    public BassEstimate {
        Objects.requireNonNull(form, "form");
        if (covariance.length != 3) {
            throw new EstimationException("the Bass covariance matrix must be 3 x 3");
        }
        double[][] c = new double[3][];
        for (int i = 0; i < 3; i++) {
            c[i] = covariance[i].clone();
        }
        covariance = c;
        fitted = fitted.clone();
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[3][];
        for (int i = 0; i < 3; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }

    /** Cumulative share F(t) of the market potential adopted by time t &ge; 0. */
    public double cumulativeShare(double t) {
        return BassFit.share(t, p, q);
    }

    /** Expected cumulative adoptions m&middot;F(t). */
    public double cumulative(double t) {
        return m * cumulativeShare(t);
    }

    /** Expected adoptions in period t (&ge; 1) under {@link #form()}. */
    public double adoptions(double t) {
        return form == BassForm.PERIOD
                ? m * (BassFit.share(t, p, q) - BassFit.share(t - 1, p, q))
                : m * BassFit.density(t, p, q);
    }

    /** Time of peak adoption rate, ln(q/p)/(p+q); 0 when q &le; p (no interior peak). */
    public double peakTime() {
        return q > p ? Math.log(q / p) / (p + q) : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BassEstimate)) {
            return false;
        }
        BassEstimate e = (BassEstimate) o;
        return form == e.form
                && Double.compare(m, e.m) == 0
                && Double.compare(p, e.p) == 0
                && Double.compare(q, e.q) == 0
                && Double.compare(rss, e.rss) == 0
                && Arrays.deepEquals(covariance, e.covariance)
                && Arrays.equals(fitted, e.fitted)
                && iterations == e.iterations
                && converged == e.converged
                && diagnostics.equals(e.diagnostics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, m, p, q, rss);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "Bass (%s form): m=%.6g (SE %.3g), p=%.6g (SE %.3g), q=%.6g (SE %.3g), sigma=%.4g",
                form,
                m,
                seM,
                p,
                seP,
                q,
                seQ,
                sigma);
    }
}
