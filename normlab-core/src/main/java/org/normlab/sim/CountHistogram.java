package org.normlab.sim;

import java.util.Arrays;

/**
 * The distribution over replicates of an integer count in a small known range (parties in a year,
 * withdrawals, a paired difference, a calendar year): how many replicates had each value. Counts are
 * small integers, so the histogram is exact: its mean and quantiles equal those of the sorted
 * values, and it takes memory in the range of the values, not in the number of replicates. Built by
 * an {@link Ensemble} as replicates finish. Immutable and thread-safe.
 */
public final class CountHistogram {
    private final int min;
    /** cumulative[v - min]: values at most v. */
    private final long[] cumulative;

    private final long sum;

    CountHistogram(int min, int[] counts, int from, int width) {
        this.min = min;
        this.cumulative = new long[width];
        long c = 0;
        long s = 0;
        for (int i = 0; i < width; i++) {
            int f = counts[from + i];
            c += f;
            s += (long) f * (min + i);
            cumulative[i] = c;
        }
        this.sum = s;
    }

    /** A histogram of the given values (for tests and small samples). */
    public static CountHistogram of(int... values) {
        if (values.length == 0) {
            return new CountHistogram(0, new int[1], 0, 1);
        }
        int lo = Arrays.stream(values).min().getAsInt();
        int hi = Arrays.stream(values).max().getAsInt();
        int[] counts = new int[hi - lo + 1];
        for (int v : values) {
            counts[v - lo]++;
        }
        return new CountHistogram(lo, counts, 0, counts.length);
    }

    /** Number of values (replicates) counted. */
    public long count() {
        return cumulative[cumulative.length - 1];
    }

    /** Sum of the values. */
    public long sum() {
        return sum;
    }

    /** Mean of the values, the sum divided by the count; NaN when empty. */
    public double mean() {
        return (double) sum / count();
    }

    /** How many values equal {@code value}. */
    public long frequency(int value) {
        int i = value - min;
        if (i < 0 || i >= cumulative.length) {
            return 0;
        }
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    /**
     * The i-th smallest value, from 0.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 ≤ i < count}
     */
    public int orderStatistic(long i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("order statistic " + i + " of " + count() + " values");
        }
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > i) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return min + lo;
    }

    /** Type 7 quantile ({@link Quantiles#interpolated}), p in [0, 1]; needs at least one value. */
    public double interpolated(double p) {
        return Quantiles.interpolated(this::orderStatistic, size(), p);
    }

    /** Type 1 quantile ({@link Quantiles#observed}), p in [0, 1]; needs at least one value. */
    public int observed(double p) {
        return Quantiles.observed(this::orderStatistic, size(), p);
    }

    private int size() {
        long n = count();
        if (n == 0) {
            throw new IllegalStateException("no values counted");
        }
        return Math.toIntExact(n);
    }
}
