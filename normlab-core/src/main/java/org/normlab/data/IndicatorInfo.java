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
 */
public record IndicatorInfo(String name, String definition, String source, String missing) {
    public IndicatorInfo {
        Objects.requireNonNull(name, "name");
        definition = definition == null ? "" : definition;
        source = source == null ? "" : source;
        if (!"zero".equals(missing) && !"na".equals(missing)) {
            throw new IllegalArgumentException("missing must be 'zero' or 'na': " + missing);
        }
    }
}
