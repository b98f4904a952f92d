package org.normlab.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.normlab.data.CountryYearData;
import org.normlab.data.InputException;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.VariableNames;
import org.normlab.store.IndicatorSummary;

/** The variables normlab can put into a panel: computed ones, indicators and other instruments. */
public final class Variables {
    public static final String LOG_DURATION = VariableNames.LOG_DURATION;
    public static final String OPENING_YEAR = VariableNames.OPENING_YEAR;
    public static final List<String> EXPOSURES = List.of("share_global", "share_border", "share_subregion",
            "share_allies");
    /** Incentive-type state variables: membership of clubs whose entry can be made conditional. */
    public static final Set<String> INCENTIVES = Set.of("eu_member", "nato_member");

    private Variables() {
    }

    /** Every variable available for the data, documented. */
    public static List<VariableInfo> list(CountryYearData data) {
        List<VariableInfo> out = new ArrayList<>();
        out.add(new VariableInfo(LOG_DURATION, "ln(t - opening year + 1): time since the instrument opened, "
                + "0 in the opening year", "computed", "any", "baseline"));
        out.add(new VariableInfo(OPENING_YEAR, "1 in the year after the instrument opened (1998 for mine-ban), "
                + "the coordinated wave of consents after an opening conference, else 0", "computed", "any", "baseline"));
        out.add(new VariableInfo("year_YYYY", "1 in calendar year YYYY, else 0 (e.g. year_1999)", "computed", "any",
                "baseline"));
        out.add(new VariableInfo("share_global", "share of the states in the system that are party, at the end of "
                + "the previous year", "computed from participation", "any", "international"));
        out.add(new VariableInfo("share_border", "share of the state's land neighbours (in the system) that are "
                + "party, previous year; 0 without neighbours", "computed; borders from countries.csv", "any",
                "international"));
        out.add(new VariableInfo("share_subregion", "share of the other states of the state's subregion that are "
                + "party, previous year", "computed; subregions from countries.csv", "any", "international"));
        out.add(new VariableInfo("share_allies", "for a NATO member, share of the other NATO members that are "
                + "party, previous year; 0 for non-members", "computed; memberships.csv", "any", "international"));
        for (Instrument i : data.instruments().values()) {
            out.add(new VariableInfo(VariableNames.PARTY_PREFIX + i.variableSuffix(), "1 if party to " + i.id()
                    + " at the end of the lagged year, else 0", i.source(), "any", "domestic"));
        }
        for (Map.Entry<String, IndicatorSummary> e : data.indicators().entrySet()) {
            IndicatorSummary s = e.getValue();
            out.add(new VariableInfo(e.getKey(), s.info().definition()
                    + ("zero".equals(s.info().missing()) ? " (no record = 0)" : ""),
                    s.info().source(), s.firstYear() + "-" + s.lastYear(), "domestic"));
        }
        return out;
    }

    /** Which level a variable belongs to (see {@link VariableInfo#level()}). */
    public static String level(String name) {
        if (name.equals(LOG_DURATION) || name.equals(OPENING_YEAR) || name.startsWith(VariableNames.YEAR_PREFIX)
                || name.equals(VariableNames.INTERCEPT)) {
            return "baseline";
        }
        return EXPOSURES.contains(name) ? "international" : "domestic";
    }

    /** Throws naming the closest known variables when {@code name} is not one. */
    static void check(CountryYearData data, String instrument, String name) {
        if (name.equals(LOG_DURATION) || name.equals(OPENING_YEAR) || EXPOSURES.contains(name)
                || data.indicators().containsKey(name)) {
            return;
        }
        if (VariableNames.isYearDummy(name)) {
            return;
        }
        if (name.startsWith(VariableNames.PARTY_PREFIX)) {
            String suffix = name.substring(VariableNames.PARTY_PREFIX.length());
            for (Instrument i : data.instruments().values()) {
                if (i.variableSuffix().equals(suffix)) {
                    if (i.id().equals(instrument)) {
                        throw new InputException(name + " is the instrument being modelled; it cannot explain itself");
                    }
                    return;
                }
            }
        }
        throw new InputException("unknown variable '" + name + "'; see normlab panel --list-variables");
    }
}
