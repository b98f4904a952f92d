package org.normlab.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A spell of a state's membership of the state system (Gleditsch–Ward list). Immutable.
 *
 * @param iso3   ISO3 code of the state (successor states share their predecessor's code)
 * @param gwcode Gleditsch–Ward numeric code
 * @param name   Gleditsch–Ward name
 * @param start  first day in the system
 * @param end    last day in the system, or null if still in it at the end of the list
 */
public record SystemSpell(String iso3, int gwcode, String name, LocalDate start, LocalDate end) {
    public SystemSpell {
        Objects.requireNonNull(iso3, "iso3");
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException(iso3 + ": system spell ends before it starts");
        }
    }

    public boolean aliveOn(LocalDate date) {
        return !start.isAfter(date) && (end == null || !end.isBefore(date));
    }

    /** True when the spell overlaps any day of the calendar year. */
    public boolean aliveIn(int year) {
        return start.getYear() <= year && (end == null || end.getYear() >= year);
    }
}
