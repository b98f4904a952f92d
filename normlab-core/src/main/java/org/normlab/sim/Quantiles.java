package org.normlab.sim;

import java.util.function.IntUnaryOperator;

/**
 * The two quantile definitions of the outputs: Hyndman and Fan's type 7 (linear interpolation
 * between order statistics, the default of R and NumPy) for counts, and type 1 (the inverse of the
 * empirical distribution function, always an observed value) for years. Each is defined once on the
 * order statistics, whether they come from sorted values or from a {@link CountHistogram}.
 */
public final class Quantiles {

    private Quantiles() {}

    /** Type 7 quantile of sorted values, p in [0, 1]. */
    public static double interpolated(int[] sorted, double p) {
        return interpolated(i -> sorted[i], sorted.length, p);
    }

    /** Type 1 quantile of sorted values: the smallest value whose empirical CDF reaches p. */
    public static int observed(int[] sorted, double p) {
        return observed(i -> sorted[i], sorted.length, p);
    }

    /**
     * Type 7 quantile of n values given by their order statistics ({@code orderStatistic.applyAsInt(i)} is
     * the i-th smallest, from 0), p in [0, 1], n at least 1.
     */
    public static double interpolated(IntUnaryOperator orderStatistic, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return orderStatistic.applyAsInt(n - 1);
        }
        double frac = h - lo;
        int a = orderStatistic.applyAsInt(lo);
        int b = orderStatistic.applyAsInt(lo + 1);
        return a + frac * (b - a);
    }

    /** Type 1 quantile of n values given by their order statistics, p in [0, 1], n at least 1. */
    public static int observed(IntUnaryOperator orderStatistic, int n, double p) {
        int i = (int) Math.ceil(p * n - 1e-9) - 1;
        return orderStatistic.applyAsInt(Math.max(0, Math.min(n - 1, i)));
    }
}
