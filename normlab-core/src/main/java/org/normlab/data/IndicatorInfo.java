package org.normlab.data;

import java.util.Objects;

/**
 * What an indicator measures. Immutable.
 *
 * @param name       variable name
 * @param definition what a value means, with its unit
 * @param source     where the values come from
 * @param missing    what a state-year without a value means: {@code zero} (nothing was recorded,
 *                   so the condition is taken as absent) or {@code na} (unknown)
 * @param type       {@code number}, or {@code text} for categories (which enter models only
 *                   through {@code factor()}; a missing category is unknown, never 0)
 */
public record IndicatorInfo(String name, String definition, String source, String missing, String type) {
    /** Type of an indicator of numbers. */
    public static final String NUMBER = "number";
    /** Type of an indicator of text categories. */
    public static final String TEXT = "text";

    public IndicatorInfo {
        Objects.requireNonNull(name, "name");
        definition = definition == null ? "" : definition;
        source = source == null ? "" : source;
        type = type == null ? NUMBER : type;
        if (!"zero".equals(missing) && !"na".equals(missing)) {
            throw new IllegalArgumentException("missing must be 'zero' or 'na': " + missing);
        }
        if (!NUMBER.equals(type) && !TEXT.equals(type)) {
            throw new IllegalArgumentException("type must be 'number' or 'text': " + type);
        }
        if (TEXT.equals(type) && !"na".equals(missing)) {
            throw new IllegalArgumentException(name + ": a missing category is unknown ('na'), never 0");
        }
    }

    /** An indicator of numbers. */
    public IndicatorInfo(String name, String definition, String source, String missing) {
        this(name, definition, source, missing, NUMBER);
    }

    /** Whether the indicator holds text categories. */
    public boolean isText() {
        return TEXT.equals(type);
    }
}
