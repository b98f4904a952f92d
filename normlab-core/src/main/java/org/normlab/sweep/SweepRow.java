package org.normlab.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of a sweep's results: a statistic of one scenario at one design point, in one year for a
 * yearly statistic. Immutable.
 *
 * @param point     the design point's index, from 0
 * @param scenario  the scenario's name
 * @param statistic the statistic's name (listed in {@link Summaries#STATISTICS})
 * @param year      the calendar year of a yearly statistic, null for one without a year
 * @param value     its value
 */
public record SweepRow(int point, String scenario, String statistic, Integer year, double value)
        implements Serializable {

    public SweepRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(statistic, "statistic");
    }
}
