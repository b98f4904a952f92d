package org.normlab.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A change of a stored network in a scenario, e.g. "Russia's neighbour joins the CSTO in 2028":
 * ties of kind {@code kind} added between pairs of states, or the ties between pairs cut, over
 * some years. Years are those in which the ties are in force: as for stored ties, a tie in force in
 * year Y counts in the exposure {@code share_ties_K} of risk-year Y + 1. Added ties have weight 1; a
 * cut removes every tie of the kind between the pair in those years, whatever its weight. Cuts are
 * applied before additions. Immutable.
 *
 * @param kind   the network's kind K, as in {@code share_ties_K}
 * @param add    pairs of ISO3 codes to tie, each two different states
 * @param remove pairs of ISO3 codes whose ties are cut
 * @param years  the years the change holds
 */
public record TieChange(String kind, List<List<String>> add, List<List<String>> remove, YearRange years) {

    public TieChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(years, "years");
        add = add.stream().map(List::copyOf).toList();
        remove = remove.stream().map(List::copyOf).toList();
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("a change of ties adds or removes at least one pair");
        }
        for (List<String> p : add) {
            check(p);
        }
        for (List<String> p : remove) {
            check(p);
        }
    }

    private static void check(List<String> pair) {
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
            throw new IllegalArgumentException("a tie joins two different states, got " + pair);
        }
    }
}
