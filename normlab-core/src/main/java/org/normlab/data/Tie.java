package org.normlab.data;

import java.util.Objects;

/**
 * An undirected relation between two states that carries peer pressure (a land border, an
 * alliance), valid from one year to another inclusive ({@code toYear} null = still in force).
 * Immutable.
 */
public record Tie(String iso3A, String iso3B, String kind, int fromYear, Integer toYear) {
    public Tie {
        Objects.requireNonNull(iso3A, "iso3A");
        Objects.requireNonNull(iso3B, "iso3B");
        Objects.requireNonNull(kind, "kind");
        if (iso3A.equals(iso3B)) {
            throw new IllegalArgumentException("a tie needs two different states: " + iso3A);
        }
        if (toYear != null && toYear < fromYear) {
            throw new IllegalArgumentException("tie " + iso3A + "-" + iso3B + ": to_year before from_year");
        }
    }

    public boolean activeIn(int year) {
        return fromYear <= year && (toYear == null || year <= toYear);
    }
}
