package org.normlab.sim;

/**
 * The two quantile definitions of the outputs: Hyndman and Fan's type 7 (linear interpolation
 * between order statistics, the default of R and NumPy) for counts, and type 1 (the inverse of the
 * empirical distribution function, always an observed value) for years.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /** Type 7 quantile of sorted values, p in [0, 1]. */
    public static double interpolated(int[] sorted, double p) {
        int n = sorted.length;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double frac = h - lo;
        return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /** Type 1 quantile of sorted values: the smallest value whose empirical CDF reaches p. */
    public static int observed(int[] sorted, double p) {
        int n = sorted.length;
        int i = (int) Math.ceil(p * n - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))];
    }
}
