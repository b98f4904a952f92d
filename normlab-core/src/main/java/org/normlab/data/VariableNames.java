package org.normlab.data;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names normlab gives to the variables it computes or derives, and the rule that keeps an
 * imported indicator from taking one of them. The panel's variable registry and the import checks
 * both read this class, so a name added here is at once computed by the one and refused by the
 * other. Stateless; thread safe.
 */
public final class VariableNames {
    /** ln(t - opening year + 1), the baseline duration term. */
    public static final String LOG_DURATION = "log_duration";
    /** 1 in the year after the opening year, else 0. */
    public static final String OPENING_YEAR = "opening_year";
    /** Derived: a land neighbour is a primary party to an interstate armed conflict at war intensity that year. */
    public static final String BORDER_WAR = "border_war";
    /** Derived: a land neighbour is a primary party to an interstate armed conflict of any intensity that year. */
    public static final String BORDER_CONFLICT = "border_conflict";
    /** Suffix of the flag column {@code panel --missing fill} adds for a variable with missing values. */
    public static final String MISSING_SUFFIX = "_missing";
    /** Prefix of the exposures ({@code share_global}, ...). */
    public static final String SHARE_PREFIX = "share_";
    /** Prefix of the year dummies ({@code year_1999}). */
    public static final String YEAR_PREFIX = "year_";
    /** Prefix of the membership of another instrument ({@code party_ccw_apii}). */
    public static final String PARTY_PREFIX = "party_";
    /** 1 if a measure sharing the instrument's norm is in force (computed from the measure table). */
    public static final String MEASURES_IN_FORCE = "measures_in_force";
    /** Prefix of the per-measure variables ({@code measure_production_halt}). */
    public static final String MEASURE_PREFIX = "measure_";
    /** The constant term of a model. */
    public static final String INTERCEPT = "(Intercept)";

    /** Names an indicator may not take: computed or derived variables and the panel's key columns. */
    public static final Set<String> RESERVED = Set.of(
            LOG_DURATION,
            OPENING_YEAR,
            BORDER_WAR,
            BORDER_CONFLICT,
            MEASURES_IN_FORCE,
            INTERCEPT,
            "iso3",
            "year",
            "event");
    /** Name prefixes an indicator may not start with: families of computed variables. */
    public static final List<String> RESERVED_PREFIXES =
            List.of(SHARE_PREFIX, YEAR_PREFIX, PARTY_PREFIX, MEASURE_PREFIX);
    /** Name suffixes an indicator may not end with. */
    public static final List<String> RESERVED_SUFFIXES = List.of(MISSING_SUFFIX);

    /** Names of the memory variables ({@code conflict_territorial_past10}): an indicator positive in the last N years. */
    public static final Pattern PAST = Pattern.compile("([a-z][a-z0-9_]*?)_past(\\d{1,2})");

    private static final Pattern YEAR_DUMMY = Pattern.compile(Pattern.quote(YEAR_PREFIX) + "\\d{4}");

    private VariableNames() {}

    /** Why {@code name} is reserved, in words, or empty when an indicator may use it. */
    public static Optional<String> reservedReason(String name) {
        if (RESERVED.contains(name)) {
            return Optional.of("name '" + name + "' is reserved for a variable normlab computes; rename it");
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                return Optional.of("name '" + name + "' is reserved: names starting with '" + p
                        + "' are variables normlab computes; rename it");
            }
        }
        if (PAST.matcher(name).matches()) {
            return Optional.of("name '" + name + "' is reserved: names ending in '_past' and a number of years are "
                    + "variables normlab computes from an indicator; rename it");
        }
        for (String s : RESERVED_SUFFIXES) {
            if (name.endsWith(s)) {
                return Optional.of("name '" + name + "' is reserved: names ending in '" + s
                        + "' are the flag columns of panel --missing fill; rename it");
            }
        }
        return Optional.empty();
    }

    /** True for a year dummy such as {@code year_1999}. */
    public static boolean isYearDummy(String name) {
        return YEAR_DUMMY.matcher(name).matches();
    }

    /** The flag column {@code panel --missing fill} adds for {@code variable}. */
    public static String missingFlag(String variable) {
        return variable + MISSING_SUFFIX;
    }
}
