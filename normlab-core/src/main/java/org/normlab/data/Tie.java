package org.normlab.data;

import java.util.Objects;

/**
 * An undirected relation between two states that carries peer pressure (a land border, an
 * alliance), valid from one year to another inclusive ({@code toYear} null = still in force), with
 * a weight (1 unless the tie file gives one): in an exposure {@code share_ties_K} each partner
 * counts with the weight of its tie. Immutable.
 *
 * @param weight finite and &gt; 0
 */
public record Tie(String iso3A, String iso3B, String kind, int fromYear, Integer toYear, double weight) {
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
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(
                    "tie " + iso3A + "-" + iso3B + ": weight must be finite and > 0, got " + weight);
        }
    }

    /** An unweighted tie (weight 1). */
    public Tie(String iso3A, String iso3B, String kind, int fromYear, Integer toYear) {
        this(iso3A, iso3B, kind, fromYear, toYear, 1.0);
    }

    public boolean activeIn(int year) {
        return fromYear <= year && (toYear == null || year <= toYear);
    }
}
