package org.normlab.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy incentive, e.g. "an EU-style incentive to RUS from 2027": a new variable {@code name},
 * 1 for the selected states in the selected years and 0 elsewhere, entering the adoption index
 * with {@code coefficient} (for the threshold model, lowering the threshold by it). Immutable.
 *
 * @param name        the variable's name; must not be a covariate of the world or a built-in term
 * @param coefficient its coefficient, finite
 * @param states      the states it is offered to; not empty
 * @param years       the years it is offered in
 * @param like        a term of the adoption model whose coefficient the incentive takes, in every
 *                    replicate (drawn with it under parameter uncertainty); {@code coefficient} is then 0
 */
public record Incentive(
        String name, double coefficient, List<StateSelector> states, YearRange years, Optional<String> like) {

    /** An incentive with a given coefficient. */
    public Incentive(String name, double coefficient, List<StateSelector> states, YearRange years) {
        this(name, coefficient, states, years, Optional.empty());
    }

    public Incentive {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("coefficient must be finite");
        }
        states = List.copyOf(states);
        if (states.isEmpty()) {
            throw new IllegalArgumentException("an incentive needs states");
        }
        Objects.requireNonNull(years, "years");
        Objects.requireNonNull(like, "like");
    }
}
