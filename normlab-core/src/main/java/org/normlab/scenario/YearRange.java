package org.normlab.scenario;

/**
 * An inclusive range of years. Immutable.
 *
 * @param from first year
 * @param to   last year, not before {@code from}
 */
public record YearRange(int from, int to) {

    public YearRange {
        if (to < from) {
            throw new IllegalArgumentException(from + "-" + to + " is an empty range");
        }
    }

    /** The years {@code from..to}. */
    public static YearRange of(int from, int to) {
        return new YearRange(from, to);
    }

    /** Whether {@code year} is in the range. */
    public boolean contains(int year) {
        return year >= from && year <= to;
    }

    /** The range as written in scenarios: {@code 2009-2030}, or {@code 2009} for a single year. */
    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
