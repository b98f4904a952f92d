package org.normlab.sim;

import java.util.Optional;

/**
 * The international exposures of a state in year t, all computed from the world at the end of year
 * t−1 by {@link Exposures#compute}: shares of the parties among the states in the system, in the
 * whole system, among land neighbours, in the subregion and among allies. Each is in [0, 1].
 */
public enum Exposure {
    /** Parties among all states in the system; the same for every state. */
    GLOBAL("share_global"),
    /** Parties among the state's land neighbours in the system; 0 without any. */
    BORDER("share_border"),
    /** Parties among the other states of its subregion in the system; 0 without any. */
    SUBREGION("share_subregion"),
    /** For an alliance member, parties among the other members in the system; 0 for non-members. */
    ALLIES("share_allies");

    private final String term;

    Exposure(String term) {
        this.term = term;
    }

    /** The term name under which the exposure enters a model, e.g. {@code share_border}. */
    public String term() {
        return term;
    }

    /** The exposure of a term name, if it names one. */
    public static Optional<Exposure> ofTerm(String term) {
        for (Exposure e : values()) {
            if (e.term.equals(term)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
