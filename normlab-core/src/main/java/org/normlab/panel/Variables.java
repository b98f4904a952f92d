package org.normlab.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    public static final List<String> EXPOSURES =
            List.of("share_global", "share_border", "share_subregion", "share_allies");
    /** Prefix of the exposure to a stored network of kind K: {@code share_ties_K}. */
    public static final String TIES_PREFIX = org.normlab.sim.Terms.TIES_PREFIX;
    /** Incentive-type state variables: membership of clubs whose entry can be made conditional. */
    public static final Set<String> INCENTIVES = Set.of("eu_member", "nato_member");
    /** 1 if any measure concerning the instrument that shares its norm (scope not none) is in force. */
    public static final String MEASURES_IN_FORCE = VariableNames.MEASURES_IN_FORCE;
    /** {@code measure_<name>}: 1 if a measure of that name concerning the instrument is in force. */
    public static final String MEASURE_PREFIX = VariableNames.MEASURE_PREFIX;
    /** {@code <indicator>_past<N>}: 1 if the indicator was positive in any of the N years before. */
    public static final java.util.regex.Pattern PAST = VariableNames.PAST;

    /** The four blocks of the paper's argument, and the time baseline. */
    public static final String BASELINE = "baseline";

    public static final String INTERNATIONAL = "international";
    public static final String PERCEPTION = "perception";
    public static final String DOMESTIC = "domestic";
    public static final String INCENTIVES_BLOCK = "incentives";
    /** Blocks in the order tables print them. */
    public static final List<String> BLOCKS = List.of(INTERNATIONAL, PERCEPTION, DOMESTIC, INCENTIVES_BLOCK);

    /** Bundled indicators that measure what a state does about a norm (its perception of it). */
    private static final Set<String> PERCEPTION_INDICATORS = Set.of(
            "unga_yes", "unga_abstain", "unga_absent", "unga_no", "unga_vote", "ap_producer", "ap_use_government");

    private Variables() {}

    /** Every variable available for the data, documented, with its block. */
    public static List<VariableInfo> list(CountryYearData data) {
        List<VariableInfo> out = new ArrayList<>();
        out.add(new VariableInfo(
                LOG_DURATION,
                "ln(t - opening year + 1): time since the instrument opened, " + "0 in the opening year",
                "computed",
                "any",
                BASELINE));
        out.add(new VariableInfo(
                OPENING_YEAR,
                "1 in the year after the instrument opened (1998 for mine-ban), "
                        + "the coordinated wave of consents after an opening conference, else 0",
                "computed",
                "any",
                BASELINE));
        out.add(new VariableInfo(
                "year_YYYY", "1 in calendar year YYYY, else 0 (e.g. year_1999)", "computed", "any", BASELINE));
        out.add(new VariableInfo(
                "share_global",
                "share of the states that can deposit (in the system) that are "
                        + "party, at the end of the previous year",
                "computed from participation",
                "any",
                INTERNATIONAL));
        out.add(new VariableInfo(
                "share_border",
                "share of the state's land neighbours (in the system) that are "
                        + "party, previous year; 0 without neighbours",
                "computed; borders from countries.csv",
                "any",
                INTERNATIONAL));
        out.add(new VariableInfo(
                "share_subregion",
                "share of the other states of the state's subregion that are " + "party, previous year",
                "computed; subregions from countries.csv",
                "any",
                INTERNATIONAL));
        out.add(new VariableInfo(
                "share_allies",
                "for a NATO member, share of the other NATO members that are "
                        + "party, previous year; 0 for non-members",
                "computed; memberships.csv",
                "any",
                INTERNATIONAL));
        for (String kind : data.tieKinds()) {
            out.add(new VariableInfo(
                    TIES_PREFIX + kind,
                    "share of the state's partners in the '" + kind + "' ties "
                            + "(in force and in the system that year) that are party, previous year; 0 without partners; "
                            + "with tie weights (the tie file's weight column), the weighted share "
                            + "sum(w * party) / sum(w); in simulations computed from the simulated world",
                    "computed; ties of kind " + kind
                            + (kind.equals("border") || kind.equals("nato")
                                    ? " (bundled)"
                                    : " (imported with data import --kind ties)"),
                    "any",
                    INTERNATIONAL));
        }
        for (Instrument i : data.instruments().values()) {
            out.add(new VariableInfo(
                    VariableNames.PARTY_PREFIX + i.variableSuffix(),
                    "1 if party to " + i.id()
                            + " at the end of the lagged year, else 0; in the perception block: membership of a weaker "
                            + "related regime (Amended Protocol II for the Mine Ban Convention) shows how a state perceives "
                            + "the stronger regime's norm",
                    i.source(),
                    "any",
                    PERCEPTION));
        }
        out.add(new VariableInfo(
                MEASURES_IN_FORCE,
                "1 if at least one measure concerning the instrument modelled "
                        + "that shares its norm in deeds (a production halt, export moratorium or destroyed stockpile of any "
                        + "scope but 'none') is in force in the lagged year, else 0; an instrument without measures has 0",
                "the measure table (bundled: policy/adherence_spells.csv; or data import --kind measures)",
                "any",
                PERCEPTION));
        TreeSet<String> names = new TreeSet<>();
        data.measures().forEach(m -> names.add(m.measure()));
        for (String m : names) {
            out.add(new VariableInfo(
                    MEASURE_PREFIX + m,
                    "1 if a '" + m + "' measure concerning the instrument "
                            + "modelled is in force in the lagged year (any scope), else 0",
                    "the measure table",
                    "any",
                    PERCEPTION));
        }
        out.add(new VariableInfo(
                "<indicator>_pastNN",
                "1 if the indicator was positive in any of the N years "
                        + "(1-99) before the lagged year, else 0: e.g. conflict_territorial_past10, a secessionist war "
                        + "within the last ten years (the fear that it resumes)",
                "computed from the indicator",
                "any",
                DOMESTIC));
        for (Map.Entry<String, IndicatorSummary> e : data.indicators().entrySet()) {
            IndicatorSummary s = e.getValue();
            List<String> categories = data.levels(e.getKey());
            out.add(new VariableInfo(
                    e.getKey(),
                    s.info().definition()
                            + ("zero".equals(s.info().missing()) ? " (no record = 0)" : "")
                            + (categories.isEmpty()
                                    ? ""
                                    : "; text categories " + String.join(", ", categories)
                                            + ": enters a formula as factor(" + e.getKey() + ") or on its own, as a "
                                            + "factor against its first category"),
                    s.info().source(),
                    s.firstYear() + "-" + s.lastYear(),
                    level(e.getKey())));
        }
        return out;
    }

    /**
     * The block a variable belongs to: {@code baseline} (time), {@code international} (exposures,
     * including those to stored networks), {@code perception} (what the state does about the norm:
     * measures, a weaker related regime, UN votes, production listings and use), {@code incentives}
     * (EU, NATO) or {@code domestic} (domestic pressure: conflicts and their memory, war next door,
     * regime; also any imported indicator). A model-matrix column of a formula
     * ({@code log(share_border + 0.01)}, {@code poly(share_global, 2)1},
     * {@code conflict_territorial:polyarchy}) has the block of the variables it reads when they share
     * one, else domestic.
     */
    public static String level(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*") && !name.equals(VariableNames.INTERCEPT)) {
            java.util.Set<String> levels = new java.util.HashSet<>();
            // the variables a column reads: names not called as functions, outside strings, not argument names
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "(?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_.]*(?!\\s*[(=A-Za-z0-9_.])")
                    .matcher(name.replaceAll("\"[^\"]*\"", "\"\""));
            while (m.find()) {
                String v = m.group();
                if (!v.equals("TRUE") && !v.equals("FALSE")) {
                    levels.add(level(v));
                }
            }
            return levels.size() == 1 ? levels.iterator().next() : DOMESTIC;
        }
        if (name.equals(LOG_DURATION)
                || name.equals(OPENING_YEAR)
                || name.startsWith(VariableNames.YEAR_PREFIX)
                || name.equals(VariableNames.INTERCEPT)) {
            return BASELINE;
        }
        String base = name.endsWith("_missing") ? name.substring(0, name.length() - "_missing".length()) : name;
        if (EXPOSURES.contains(base) || base.startsWith(TIES_PREFIX)) {
            return INTERNATIONAL;
        }
        if (INCENTIVES.contains(base)) {
            return INCENTIVES_BLOCK;
        }
        if (base.equals(MEASURES_IN_FORCE)
                || base.startsWith(MEASURE_PREFIX)
                || base.startsWith("party_")
                || PERCEPTION_INDICATORS.contains(base)) {
            return PERCEPTION;
        }
        return DOMESTIC;
    }

    /** Short labels of the variables normlab computes or bundles, for tables and charts. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(VariableNames.INTERCEPT, "Intercept"),
            Map.entry(LOG_DURATION, "Time since opening (log years)"),
            Map.entry(OPENING_YEAR, "Year after the opening"),
            Map.entry("share_global", "Share of all states party"),
            Map.entry("share_border", "Share of land neighbours party"),
            Map.entry("share_subregion", "Share of the subregion party"),
            Map.entry("share_allies", "Share of NATO allies party"),
            Map.entry(MEASURES_IN_FORCE, "A unilateral measure in force"),
            Map.entry("conflict_intrastate", "Intrastate conflict"),
            Map.entry("conflict_territorial", "Secessionist (territorial) conflict"),
            Map.entry("conflict_interstate", "Interstate conflict"),
            Map.entry("conflict_interstate_war", "Interstate war"),
            Map.entry("conflict_intensity", "Conflict intensity (0-2)"),
            Map.entry(VariableNames.BORDER_WAR, "War next door (a neighbour at war)"),
            Map.entry(VariableNames.BORDER_CONFLICT, "Armed conflict next door"),
            Map.entry("euds", "Democracy (extended UDS)"),
            Map.entry("polyarchy", "Electoral democracy (V-Dem)"),
            Map.entry("polity2", "Polity score (-10 to 10)"),
            Map.entry("eu_member", "EU member"),
            Map.entry("nato_member", "NATO member"),
            Map.entry("ap_producer", "Listed as a mine producer"),
            Map.entry("ap_use_government", "New mine use by government forces"),
            Map.entry("stockpile_mmines", "Mine stockpile (millions)"),
            Map.entry("unga_vote", "Latest UN vote (1 yes, 0.5 abstain, 0 no)"),
            Map.entry("unga_yes", "Latest UN vote: yes"),
            Map.entry("unga_abstain", "Latest UN vote: abstain"),
            Map.entry("unga_absent", "Latest UN vote: absent"),
            Map.entry("unga_no", "Latest UN vote: no"));

    /**
     * A short label for a variable or model-matrix column, for tables and charts: computed and
     * bundled variables by what they measure, the families ({@code share_ties_K},
     * {@code party_X}, {@code measure_X}, {@code X_pastN}, {@code X_missing}, {@code year_YYYY})
     * from their parts, an interaction {@code a:b} as "label(a) × label(b)"; any other name (an
     * imported indicator, a transformed column) is its own label.
     */
    public static String label(String name) {
        String known = LABELS.get(name);
        if (known != null) {
            return known;
        }
        if (name.contains(":") && !name.contains("(")) {
            return String.join(
                    " \u00d7 ",
                    java.util.Arrays.stream(name.split(":"))
                            .map(Variables::label)
                            .toList());
        }
        if (name.endsWith(VariableNames.MISSING_SUFFIX) && name.length() > VariableNames.MISSING_SUFFIX.length()) {
            return label(name.substring(0, name.length() - VariableNames.MISSING_SUFFIX.length())) + ": missing";
        }
        java.util.regex.Matcher past = PAST.matcher(name);
        if (past.matches()) {
            int n = Integer.parseInt(past.group(2));
            return label(past.group(1)) + ", in the past " + n + (n == 1 ? " year" : " years");
        }
        if (name.startsWith(TIES_PREFIX) && name.length() > TIES_PREFIX.length()) {
            return "Share of '" + name.substring(TIES_PREFIX.length()) + "' partners party";
        }
        if (VariableNames.isYearDummy(name)) {
            return "Year " + name.substring(VariableNames.YEAR_PREFIX.length());
        }
        if (name.startsWith(VariableNames.PARTY_PREFIX) && name.length() > VariableNames.PARTY_PREFIX.length()) {
            return "Party to " + name.substring(VariableNames.PARTY_PREFIX.length());
        }
        if (name.startsWith(MEASURE_PREFIX) && name.length() > MEASURE_PREFIX.length()) {
            return "Measure in force: "
                    + name.substring(MEASURE_PREFIX.length()).replace('_', ' ');
        }
        return name;
    }

    /** {@link #label} of each name, in order, for {@code RegressionTable.withLabels}. */
    public static Map<String, String> labels(java.util.Collection<String> names) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, label(n)));
        return out;
    }

    /** Throws naming the closest known variables when {@code name} is not one. */
    static void check(CountryYearData data, String instrument, String name) {
        if (name.equals(LOG_DURATION)
                || name.equals(OPENING_YEAR)
                || EXPOSURES.contains(name)
                || data.indicators().containsKey(name)) {
            return;
        }
        if (VariableNames.isYearDummy(name) || name.equals(MEASURES_IN_FORCE)) {
            return;
        }
        if (name.startsWith(MEASURE_PREFIX)
                && data.measures().stream().anyMatch(m -> name.equals(MEASURE_PREFIX + m.measure()))) {
            return;
        }
        java.util.regex.Matcher past = PAST.matcher(name);
        if (past.matches() && data.indicators().containsKey(past.group(1)) && Integer.parseInt(past.group(2)) > 0) {
            if (!data.levels(past.group(1)).isEmpty()) {
                throw new InputException(name + ": " + past.group(1) + " holds text categories, and _pastN "
                        + "counts years with a positive number; import a 0/1 indicator instead");
            }
            return;
        }
        if (name.startsWith(TIES_PREFIX)) {
            if (data.tieKinds().contains(name.substring(TIES_PREFIX.length()))) {
                return;
            }
            throw new NormlabException("unknown variable '" + name + "': no ties of kind '"
                    + name.substring(TIES_PREFIX.length()) + "' are stored (kinds: "
                    + String.join(", ", data.tieKinds())
                    + "); import them with data import --kind ties");
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
