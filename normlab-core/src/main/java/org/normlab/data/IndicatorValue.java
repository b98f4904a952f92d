package org.normlab.data;

import java.util.Objects;

/**
 * One country-year value of a named indicator, with its source: a number, or for an indicator of
 * text categories (imported with {@code --text}) a category. Immutable.
 *
 * @param name   indicator name (a valid variable name)
 * @param iso3   state code
 * @param year   calendar year the value describes
 * @param value  the value (finite), or NaN for a category
 * @param source where it comes from
 * @param text   the category, or null for a number
 */
public record IndicatorValue(String name, String iso3, int year, double value, String source, String text) {
    public IndicatorValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iso3, "iso3");
        if (text == null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " " + iso3 + " " + year + ": value must be finite");
        }
        if (text != null && (text.isBlank() || !Double.isNaN(value))) {
            throw new IllegalArgumentException(
                    name + " " + iso3 + " " + year + ": a category is a non-blank text " + "and has no number");
        }
        source = source == null ? "" : source;
    }

    /** A number. */
    public IndicatorValue(String name, String iso3, int year, double value, String source) {
        this(name, iso3, year, value, source, null);
    }

    public static IndicatorValue of(String name, String iso3, int year, double value, String source) {
        return new IndicatorValue(name, iso3, year, value, source);
    }

    /** A category of an indicator of text categories. */
    public static IndicatorValue category(String name, String iso3, int year, String text, String source) {
        return new IndicatorValue(name, iso3, year, Double.NaN, source, Objects.requireNonNull(text, "text"));
    }

    /** Whether this is a category rather than a number. */
    public boolean isText() {
        return text != null;
    }
}
