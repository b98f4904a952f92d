package org.normlab.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * A series of consecutive years of participation counts, the input of {@link LifeCycle#of}.
 * Immutable.
 *
 * @param rows one row per year, consecutive and ascending, at least one
 */
public record YearlySeries(List<YearCounts> rows) {

    public YearlySeries {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a yearly series needs at least one year");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).year() != rows.get(i - 1).year() + 1) {
                throw new IllegalArgumentException(
                        "years must be consecutive: " + rows.get(i - 1).year() + " is followed by "
                                + rows.get(i).year());
            }
        }
    }

    /** A series from rows. */
    public static YearlySeries of(List<YearCounts> rows) {
        return new YearlySeries(rows);
    }

    /**
     * A series from parallel arrays, one entry per year starting at {@code firstYear}.
     *
     * @throws IllegalArgumentException if the arrays differ in length or hold invalid counts
     */
    public static YearlySeries of(int firstYear, int[] inSystem, int[] parties, int[] newParties, int[] withdrawals) {
        int n = inSystem.length;
        if (parties.length != n || newParties.length != n || withdrawals.length != n) {
            throw new IllegalArgumentException("the count arrays must have the same length");
        }
        List<YearCounts> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new YearCounts(firstYear + i, inSystem[i], parties[i], newParties[i], withdrawals[i]));
        }
        return new YearlySeries(rows);
    }

    /** First year of the series. */
    public int firstYear() {
        return rows.get(0).year();
    }

    /** Last year of the series. */
    public int lastYear() {
        return rows.get(rows.size() - 1).year();
    }

    /** This series followed by {@code later}, which must start the year after this one ends. */
    public YearlySeries followedBy(YearlySeries later) {
        List<YearCounts> all = new ArrayList<>(rows.size() + later.rows.size());
        all.addAll(rows);
        all.addAll(later.rows);
        return new YearlySeries(all);
    }
}
