package org.normlab.store;

import org.normlab.data.IndicatorInfo;

/**
 * An indicator with its coverage in the database. Immutable.
 *
 * @param info      name, definition, source and missing-value meaning
 * @param firstYear first year with a value (0 when there is none)
 * @param lastYear  last year with a value (0 when there is none)
 * @param states    number of states with at least one value
 * @param values    number of country-year values
 */
public record IndicatorSummary(IndicatorInfo info, int firstYear, int lastYear, int states, long values) {}
