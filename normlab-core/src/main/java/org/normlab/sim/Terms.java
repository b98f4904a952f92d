package org.normlab.sim;

import java.util.regex.Pattern;

/**
 * The built-in term names of the linear-index language shared by the hazard and threshold models.
 * A term of a model is one of these or the name of an exogenous covariate of the world.
 *
 * <ul>
 *   <li>{@code (Intercept)} = 1;</li>
 *   <li>{@code log_duration} = ln(year − opening year + 1), 0 in the opening year;</li>
 *   <li>{@code opening_year} = 1 in the year after the opening year (the opening conference's
 *       wave of ratifications), else 0;</li>
 *   <li>{@code year_YYYY} = 1 in year YYYY, else 0;</li>
 *   <li>{@code share_global}, {@code share_border}, {@code share_subregion}, {@code share_allies}:
 *       the {@link Exposure exposures}, from the simulated world of the previous year;</li>
 *   <li>{@code share_ties_K}: the exposure to the stored network of kind K ({@link TieNetwork}),
 *       from the simulated world of the previous year.</li>
 * </ul>
 *
 * <p>This class and {@link Exposures}, {@link TieNetwork} hold the definitions of these terms; the
 * panels ({@code org.normlab.panel.PanelBuilder}) and the simulation ({@link RunFrame},
 * {@link Snapshot}) both evaluate them through these, so that a term has one meaning everywhere.
 */
public final class Terms {
    /** The constant term. */
    public static final String INTERCEPT = "(Intercept)";
    /** Log of the years since the opening, counting the opening year as 1. */
    public static final String LOG_DURATION = "log_duration";
    /** Indicator of the year after the opening year. */
    public static final String OPENING_YEAR = "opening_year";

    /** Prefix of the exposure to a stored network of kind K: {@code share_ties_K}. */
    public static final String TIES_PREFIX = "share_ties_";

    private static final Pattern YEAR_DUMMY = Pattern.compile("year_(\\d{4})");

    private Terms() {}

    /** True when {@code name} is a built-in term (including exposures and year dummies). */
    public static boolean isBuiltIn(String name) {
        return name.equals(INTERCEPT)
                || name.equals(LOG_DURATION)
                || name.equals(OPENING_YEAR)
                || Exposure.ofTerm(name).isPresent()
                || tieKind(name) != null
                || YEAR_DUMMY.matcher(name).matches();
    }

    /** The kind K of a {@code share_ties_K} term, or null when {@code name} is not one. */
    public static String tieKind(String name) {
        return name.startsWith(TIES_PREFIX) && name.length() > TIES_PREFIX.length()
                ? name.substring(TIES_PREFIX.length())
                : null;
    }

    /**
     * The value of a time term in risk-year {@code year} of an instrument opened in {@code opening}:
     * {@code (Intercept)} = 1, {@code log_duration} = ln(year − opening + 1) (0 in and before the
     * opening year), {@code opening_year} = 1 in the year after the opening, {@code year_YYYY} = 1 in
     * YYYY; NaN for any other name.
     */
    public static double timeValue(String name, int year, int opening) {
        if (name.equals(INTERCEPT)) {
            return 1.0;
        }
        if (name.equals(LOG_DURATION)) {
            return Math.log(Math.max(1, year - opening + 1));
        }
        if (name.equals(OPENING_YEAR)) {
            return year == opening + 1 ? 1.0 : 0.0;
        }
        int dummy = dummyYear(name);
        return dummy >= 0 ? (year == dummy ? 1.0 : 0.0) : Double.NaN;
    }

    /** The year of a {@code year_YYYY} dummy, or −1 when {@code name} is not one. */
    static int dummyYear(String name) {
        var m = YEAR_DUMMY.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A short list of the built-in terms for error messages. */
    public static String builtInList() {
        return INTERCEPT + ", " + LOG_DURATION + ", " + OPENING_YEAR + ", year_YYYY, share_global, share_border, "
                + "share_subregion, share_allies, share_ties_K";
    }
}
