package org.normlab.scenario;

import java.util.List;
import java.util.Objects;

/**
 * An override of an exogenous covariate for some states over some years, e.g. "the North Caucasus
 * conflict ends in 2009": set {@code conflict_territorial} of RUS to 0 from 2009. Immutable.
 *
 * @param states   the states, as a union of selectors; not empty
 * @param variable the covariate
 * @param years    the years (risk-years, as the covariate is already lagged)
 * @param change   what happens to the values
 */
public record CovariateOverride(List<StateSelector> states, String variable, YearRange years, Change change) {

    public CovariateOverride {
        states = List.copyOf(states);
        if (states.isEmpty()) {
            throw new IllegalArgumentException("an override needs states");
        }
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(years, "years");
        Objects.requireNonNull(change, "change");
    }

    /** What an override does to each selected value. */
    public sealed interface Change {
        /** The new value given the old one. */
        double apply(double old);

        /** Replace the value. @param value the new value, finite */
        record SetTo(double value) implements Change {
            public SetTo {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("value must be finite");
                }
            }

            @Override
            public double apply(double old) {
                return value;
            }
        }

        /** Add to the value. @param delta the amount added, finite */
        record Shift(double delta) implements Change {
            public Shift {
                if (!Double.isFinite(delta)) {
                    throw new IllegalArgumentException("delta must be finite");
                }
            }

            @Override
            public double apply(double old) {
                return old + delta;
            }
        }
    }
}
