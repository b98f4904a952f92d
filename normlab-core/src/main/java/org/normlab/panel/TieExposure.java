package org.normlab.panel;

import java.util.List;
import org.normlab.data.Tie;

/**
 * The exposure of a state to a stored network ({@code share_ties_K}): the share of its partners
 * in ties of kind K, in force and in the state system in a year, that are party at the end of that
 * year; 0 for a state without partners (as {@code share_border} for a state without land
 * neighbours). Ties are undirected and unweighted. Stateless and thread safe.
 */
final class TieExposure {
    private TieExposure() {}

    static double share(List<Tie> ties, WorldHistory history, String state, int year) {
        int partners = 0;
        int parties = 0;
        for (Tie t : ties) {
            if (!t.activeIn(year) || !(t.iso3A().equals(state) || t.iso3B().equals(state))) {
                continue;
            }
            String other = t.iso3A().equals(state) ? t.iso3B() : t.iso3A();
            int o = java.util.Collections.binarySearch(history.states(), other);
            if (o < 0 || year < history.firstYear() || year > history.lastYear() || !history.inSystem(o, year)) {
                continue;
            }
            partners++;
            parties += history.party(o, year) ? 1 : 0;
        }
        return partners == 0 ? 0.0 : (double) parties / partners;
    }
}
