package org.normlab.lifecycle;

/**
 * The rules of {@link LifeCycleRules} applied to a yearly series held in primitive arrays, without
 * building rows or stages: what an ensemble needs to date every replicate's life cycle as it is
 * simulated (millions of series) in constant memory. {@link LifeCycle#of} finds the tipping and slow
 * years with the same methods, so both date every series alike.
 *
 * <p>The arrays hold one entry per year from the first year of the series; only the first
 * {@code n} entries are read. Stateless.
 */
public final class LifeCycleDater {
    /** Index of the tipping year in {@link #date}'s output. */
    public static final int TIPPING = 0;
    /** Index of the bit set of stages in progress in the last year in {@link #date}'s output. */
    public static final int AT_LAST_YEAR = 1 + StageName.values().length;
    /** Length of {@link #date}'s output. */
    public static final int SIZE = AT_LAST_YEAR + 1;

    private LifeCycleDater() {}

    /** Index of the tipping year: the first year with parties at least the tipping share of the system; −1 if none. */
    public static int tippingIndex(int[] inSystem, int[] parties, int n, LifeCycleRules rules) {
        for (int i = 0; i < n; i++) {
            if (inSystem[i] > 0 && YearCounts.share(parties[i], inSystem[i]) >= rules.tippingShare()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first year after the tipping year {@code tip} in which new parties fall below the
     * cascade rate of the system; −1 if none (or no tipping year).
     */
    public static int slowIndex(int[] inSystem, int[] newParties, int tip, int n, LifeCycleRules rules) {
        if (tip < 0) {
            return -1;
        }
        for (int i = tip + 1; i < n; i++) {
            if (YearCounts.share(newParties[i], inSystem[i]) < rules.cascadeRate()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a year regresses: withdrawals taking effect outnumber new parties. */
    public static boolean regressing(int newParties, int withdrawals) {
        return withdrawals > newParties;
    }

    /**
     * Dates a series into {@code out} (length at least {@link #SIZE}): at {@link #TIPPING} the tipping
     * year, at {@code 1 + stage.ordinal()} the first start year of each stage, 0 where the series does
     * not reach it, and at {@link #AT_LAST_YEAR} a bit set, bit {@code stage.ordinal()} set for each
     * stage in progress in the series' last year. The same as {@link LifeCycle#of}'s
     * {@code tippingYear()}, {@code start(stage)} and its stages that end in the last year.
     *
     * @param firstYear calendar year of entry 0
     * @param n         number of years, at least 1
     */
    public static void date(
            int firstYear,
            int[] inSystem,
            int[] parties,
            int[] newParties,
            int[] withdrawals,
            int n,
            LifeCycleRules rules,
            int[] out) {
        int tip = tippingIndex(inSystem, parties, n, rules);
        int slow = slowIndex(inSystem, newParties, tip, n, rules);
        int last = n - 1;
        int atLast = 0;
        out[TIPPING] = tip < 0 ? 0 : firstYear + tip;
        out[1 + StageName.EMERGENCE.ordinal()] = tip != 0 ? firstYear : 0;
        out[1 + StageName.CASCADE.ordinal()] = tip < 0 ? 0 : firstYear + tip;
        out[1 + StageName.INTERNALIZATION.ordinal()] = slow < 0 ? 0 : firstYear + slow;
        if (tip < 0) {
            atLast |= 1 << StageName.EMERGENCE.ordinal();
        } else if (slow < 0) {
            atLast |= 1 << StageName.CASCADE.ordinal();
        } else {
            atLast |= 1 << StageName.INTERNALIZATION.ordinal();
        }
        int regression = 0;
        for (int i = 0; i < n && regression == 0; i++) {
            if (regressing(newParties[i], withdrawals[i])) {
                regression = firstYear + i;
            }
        }
        out[1 + StageName.REGRESSION.ordinal()] = regression;
        if (regressing(newParties[last], withdrawals[last])) {
            atLast |= 1 << StageName.REGRESSION.ordinal();
        }
        out[AT_LAST_YEAR] = atLast;
    }
}
