package org.normlab.sim;

/**
 * The one definition of the international exposures (see {@link Exposure}), used by the panel
 * builder on observed data and, through the incremental counts of {@link Snapshot}, by the
 * simulation. Every denominator counts only states in the system; a share with an empty
 * denominator is 0. Each share is computed as {@code (double) count / denominator}, and
 * {@link Snapshot} reports the very same doubles.
 */
public final class Exposures {

    private Exposures() {}

    /**
     * Computes the four exposures of every state for year t from the world of year t−1.
     *
     * @param partyLastYear    per state: party at the end of year t−1 (withdrawn states are not party)
     * @param inSystemLastYear per state: in the state system in year t−1
     * @param neighbours       per state: indices of its land neighbours (undirected)
     * @param subregion        per state: subregion id, 0 or more
     * @param allyLastYear     per state: alliance member in year t−1
     * @param outGlobal        receives share_global (the same for every state)
     * @param outBorder        receives share_border
     * @param outSubregion     receives share_subregion (the state itself excluded)
     * @param outAllies        receives share_allies (the state itself excluded; 0 for non-members)
     * @throws IllegalArgumentException if the arrays do not all have one entry per state
     */
    public static void compute(
            boolean[] partyLastYear,
            boolean[] inSystemLastYear,
            int[][] neighbours,
            int[] subregion,
            boolean[] allyLastYear,
            double[] outGlobal,
            double[] outBorder,
            double[] outSubregion,
            double[] outAllies) {
        int n = partyLastYear.length;
        if (inSystemLastYear.length != n
                || neighbours.length != n
                || subregion.length != n
                || allyLastYear.length != n
                || outGlobal.length != n
                || outBorder.length != n
                || outSubregion.length != n
                || outAllies.length != n) {
            throw new IllegalArgumentException("all arrays must have one entry per state (" + n + ")");
        }
        int groups = 0;
        for (int g : subregion) {
            if (g < 0) {
                throw new IllegalArgumentException("subregion ids must not be negative: " + g);
            }
            groups = Math.max(groups, g + 1);
        }
        int[] subIn = new int[groups];
        int[] subParty = new int[groups];
        int in = 0;
        int parties = 0;
        int allyIn = 0;
        int allyParty = 0;
        for (int s = 0; s < n; s++) {
            if (!inSystemLastYear[s]) {
                continue;
            }
            boolean p = partyLastYear[s];
            in++;
            subIn[subregion[s]]++;
            if (p) {
                parties++;
                subParty[subregion[s]]++;
            }
            if (allyLastYear[s]) {
                allyIn++;
                if (p) {
                    allyParty++;
                }
            }
        }
        double global = share(parties, in);
        for (int s = 0; s < n; s++) {
            int self = inSystemLastYear[s] ? 1 : 0;
            int selfParty = inSystemLastYear[s] && partyLastYear[s] ? 1 : 0;
            int count = 0;
            int denominator = 0;
            for (int m : neighbours[s]) {
                if (inSystemLastYear[m]) {
                    denominator++;
                    if (partyLastYear[m]) {
                        count++;
                    }
                }
            }
            outGlobal[s] = global;
            outBorder[s] = share(count, denominator);
            int g = subregion[s];
            outSubregion[s] = share(subParty[g] - selfParty, subIn[g] - self);
            outAllies[s] = allyLastYear[s] ? share(allyParty - selfParty, allyIn - self) : 0.0;
        }
    }

    /** {@code count / denominator}, or 0 for an empty denominator: the one rounding of every share. */
    static double share(int count, int denominator) {
        return denominator == 0 ? 0.0 : (double) count / denominator;
    }
}
