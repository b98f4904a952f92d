package org.normlab.sim;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The summary of an ensemble that every output reads: per simulated year the mean and the 5, 25,
 * 50, 75 and 95 % quantiles (type 7, {@link Quantiles#interpolated}) of a count over replicates.
 * {@code simulate}'s curve and difference files ({@link EnsembleWriter}) and the study's replay and
 * counterfactuals are all written from it, so that a number means the same thing in each. Each
 * state's probability of being party or withdrawn by a year is read from
 * {@link EnsembleResult#partyProbability} and {@link EnsembleResult#withdrawnProbability}.
 * Immutable; arrays are copies.
 *
 * @param years     the simulated years
 * @param inSystem  states in the system each year
 * @param mean      mean count each year (over replicates)
 * @param quantiles the quantiles each year, one row per level of {@link #LEVELS}
 */
public record EnsembleSummary(int[] years, int[] inSystem, double[] mean, double[][] quantiles) {
    /** The quantile levels, in the order of the rows of {@link #quantiles()}. */
    public static final List<Double> LEVELS = List.of(0.05, 0.25, 0.50, 0.75, 0.95);

    /** What is counted. */
    public enum Count {
        /** Parties at the end of the year. */
        PARTIES,
        /** States whose withdrawal has taken effect by the end of the year. */
        WITHDRAWN
    }

    public EnsembleSummary {
        years = years.clone();
        inSystem = inSystem.clone();
        mean = mean.clone();
        double[][] q = new double[quantiles.length][];
        for (int i = 0; i < q.length; i++) {
            q[i] = quantiles[i].clone();
        }
        quantiles = q;
        if (quantiles.length != LEVELS.size()) {
            throw new IllegalArgumentException("one row of quantiles per level is needed");
        }
    }

    /** The summary of a count of one ensemble. */
    public static EnsembleSummary of(EnsembleResult r, Count count) {
        return summarise(r, k -> count == Count.PARTIES ? r.parties(k) : r.withdrawn(k));
    }

    /** The summary of the paired differences (scenario − baseline) of a count. */
    public static EnsembleSummary difference(Comparison c, Count count) {
        return summarise(c.scenario(), k -> count == Count.PARTIES ? c.partiesDifference(k) : c.withdrawnDifference(k));
    }

    private static EnsembleSummary summarise(EnsembleResult r, IntFunction<CountHistogram> of) {
        int k = r.yearCount();
        int[] years = new int[k];
        int[] in = new int[k];
        double[] mean = new double[k];
        double[][] q = new double[LEVELS.size()][k];
        for (int j = 0; j < k; j++) {
            years[j] = r.year(j);
            in[j] = r.inSystem(j);
            CountHistogram h = of.apply(j);
            mean[j] = (double) h.sum() / r.replicates();
            for (int l = 0; l < LEVELS.size(); l++) {
                q[l][j] = h.interpolated(LEVELS.get(l));
            }
        }
        return new EnsembleSummary(years, in, mean, q);
    }

    /** The quantile at {@code level} (one of {@link #LEVELS}) in year index {@code k}. */
    public double quantile(double level, int k) {
        int l = LEVELS.indexOf(level);
        if (l < 0) {
            throw new IllegalArgumentException("level " + level + " is not one of " + LEVELS);
        }
        return quantiles[l][k];
    }

    /** The quantiles at {@code level} (one of {@link #LEVELS}), one per year (a copy). */
    public double[] quantiles(double level) {
        double[] row = new double[years.length];
        for (int k = 0; k < years.length; k++) {
            row[k] = quantile(level, k);
        }
        return row;
    }

    @Override
    public int[] years() {
        return years.clone();
    }

    @Override
    public int[] inSystem() {
        return inSystem.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] quantiles() {
        double[][] q = new double[quantiles.length][];
        for (int i = 0; i < q.length; i++) {
            q[i] = quantiles[i].clone();
        }
        return q;
    }
}
