package org.normlab.estimate;

import org.hipparchus.special.Erf;

/** Wald statistics, two-sided normal p-values and information criteria, shared by the estimates. */
final class Wald {
    private Wald() {}

    /** &beta;/SE for the first {@code count} terms. */
    static double[] z(double[] estimates, double[] standardErrors, int count) {
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = estimates[i] / standardErrors[i];
        }
        return z;
    }

    /** P(|Z| &gt; |z|) = erfc(|z|/&radic;2), accurate far into the tail; NaN stays NaN. */
    static double[] p(double[] z) {
        double[] p = new double[z.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Double.isNaN(z[i]) ? Double.NaN : Erf.erfc(Math.abs(z[i]) / Math.sqrt(2.0));
        }
        return p;
    }

    /** &minus;2&middot;loglik + 2k. */
    static double aic(double logLikelihood, int k) {
        return -2.0 * logLikelihood + 2.0 * k;
    }

    /** &minus;2&middot;loglik + k&middot;log n. */
    static double bic(double logLikelihood, int k, int n) {
        return -2.0 * logLikelihood + k * Math.log(n);
    }
}
