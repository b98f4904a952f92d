package org.normlab.sim;

/**
 * Histograms of per-replicate probabilities (values in [0, 1]) or of paired differences of two (in
 * [−1, 1]), one per cell (focus state and year), accumulated as replicates finish: memory does not
 * grow with replicates. Values are counted rounded to 1/{@value #RESOLUTION}; their sum is kept in
 * fixed point (2⁻³⁶), so that merging the tallies of several threads gives the same result in any
 * order. Not thread-safe: one per worker thread.
 */
final class ProbabilityTally {
    /** Histogram bins per unit. */
    static final int RESOLUTION = 1000;
    /** The rounding of the histogram, for documentation. */
    static final String RESOLUTION_TEXT = "0.001";

    private static final double SCALE = 0x1.0p36;

    final int cells;
    final int min;
    final int width;
    final int[] counts;
    final long[] sums;

    /** @param signed whether values are differences in [−1, 1] rather than probabilities in [0, 1] */
    ProbabilityTally(int cells, boolean signed) {
        this.cells = cells;
        this.min = signed ? -RESOLUTION : 0;
        this.width = RESOLUTION - min + 1;
        this.counts = new int[cells * width];
        this.sums = new long[cells];
    }

    void add(int cell, double v) {
        counts[cell * width + (int) Math.round(v * RESOLUTION) - min]++;
        sums[cell] += Math.round(v * SCALE);
    }

    /** Counts {@code n} replicates with value 0 in every cell. */
    void addZeros(long n) {
        for (int c = 0; c < cells; c++) {
            counts[c * width - min] += (int) n;
        }
    }

    void merge(ProbabilityTally o) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += o.sums[i];
        }
    }

    ProbabilitySummary summary(int cell) {
        CountHistogram h = new CountHistogram(min, counts, cell * width, width);
        long n = h.count();
        return new ProbabilitySummary(
                sums[cell] / SCALE / n,
                h.interpolated(0.05) / RESOLUTION,
                h.interpolated(0.50) / RESOLUTION,
                h.interpolated(0.95) / RESOLUTION,
                n);
    }
}
