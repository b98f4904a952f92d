package org.normlab.sim;

import org.normlab.lifecycle.LifeCycleDater;
import org.normlab.lifecycle.StageName;

/**
 * The summaries of one simulation's replicates, accumulated as they finish: per simulated year a
 * histogram of parties, withdrawn states, new parties and withdrawals; per state and year the number
 * of replicates in which it adopted or withdrew; the life cycle's tipping year and stage starts as
 * histograms over the series' years and the stages in progress in the last year. Memory depends on
 * years and states, never on replicates. Sums of integers, so merging the tallies of several threads
 * gives the same result in any order. Not thread-safe: one per worker thread.
 */
final class Tallies {
    static final int STAGES = StageName.values().length;

    final int years;
    final int states;
    /** Width of a yearly histogram of counts 0..S. */
    final int width;

    final int[] parties;
    final int[] withdrawn;
    final int[] newParties;
    final int[] withdrawals;
    /** Per [s * K + k]: replicates in which s adopted (withdrew) in simulated year k. */
    final int[] adoptedIn;

    final int[] withdrewIn;
    /** First calendar year and length of the dated series (observed history, then the simulated years). */
    final int seriesFirst;

    final int seriesYears;
    /** Per [j * seriesYears + (year − seriesFirst)], j = 0 tipping, 1 + stage ordinal: replicates. */
    final int[] lifecycleStarts;
    /** Per stage ordinal: replicates in that stage in the last simulated year. */
    final long[] atLastYear = new long[STAGES];

    long replicates;
    long atRiskStateYears;

    Tallies(int years, int states, int seriesFirst, int seriesYears) {
        this.years = years;
        this.states = states;
        this.width = states + 1;
        this.parties = new int[years * width];
        this.withdrawn = new int[years * width];
        this.newParties = new int[years * width];
        this.withdrawals = new int[years * width];
        this.adoptedIn = new int[states * years];
        this.withdrewIn = new int[states * years];
        this.seriesFirst = seriesFirst;
        this.seriesYears = seriesYears;
        this.lifecycleStarts = new int[(1 + STAGES) * seriesYears];
    }

    /** Counts one replicate's yearly counts and its dated life cycle ({@link LifeCycleDater#date}'s output). */
    void add(ReplicatePath p, int[] dated) {
        for (int k = 0; k < years; k++) {
            int o = k * width;
            parties[o + p.parties[k]]++;
            withdrawn[o + p.withdrawn[k]]++;
            newParties[o + p.newParties[k]]++;
            withdrawals[o + p.withdrawals[k]]++;
        }
        for (int j = 0; j <= STAGES; j++) {
            int y = dated[j];
            if (y != 0) {
                lifecycleStarts[j * seriesYears + y - seriesFirst]++;
            }
        }
        int at = dated[LifeCycleDater.AT_LAST_YEAR];
        for (int j = 0; j < STAGES; j++) {
            if ((at & (1 << j)) != 0) {
                atLastYear[j]++;
            }
        }
        replicates++;
    }

    void merge(Tallies o) {
        add(parties, o.parties);
        add(withdrawn, o.withdrawn);
        add(newParties, o.newParties);
        add(withdrawals, o.withdrawals);
        add(adoptedIn, o.adoptedIn);
        add(withdrewIn, o.withdrewIn);
        add(lifecycleStarts, o.lifecycleStarts);
        for (int j = 0; j < STAGES; j++) {
            atLastYear[j] += o.atLastYear[j];
        }
        replicates += o.replicates;
        atRiskStateYears += o.atRiskStateYears;
    }

    private static void add(int[] into, int[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }
}
