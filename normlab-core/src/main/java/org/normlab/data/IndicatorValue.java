package org.normlab.data;

import java.util.Objects;

/**
 * One country-year value of a named indicator, with its source. Immutable.
 *
 * @param name   indicator name (a valid variable name)
 * @param iso3   state code
 * @param year   calendar year the value describes
 * @param value  the value (finite)
 * @param source where it comes from
 */
public record IndicatorValue(String name, String iso3, int year, double value, String source) {
    public IndicatorValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iso3, "iso3");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " " + iso3 + " " + year + ": value must be finite");
        }
        source = source == null ? "" : source;
    }

    public static IndicatorValue of(String name, String iso3, int year, double value, String source) {
        return new IndicatorValue(name, iso3, year, value, source);
    }
}
