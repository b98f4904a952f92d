package org.normlab.panel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.normlab.data.InputException;

/**
 * Named model specifications built on the four blocks of the paper's argument: international
 * (exposures), perception (what the state does about the norm), domestic pressure and incentives.
 * Each variable sits in one block ({@link Variables#level}). Stateless.
 */
public final class Specs {
    /** Time baseline shared by all specifications: log time and the opening conference. */
    public static final List<String> BASELINE = List.of(Variables.LOG_DURATION, Variables.OPENING_YEAR);
    /** Peer pressure from other states. */
    public static final List<String> INTERNATIONAL = List.of("share_global", "share_border", "share_subregion");
    /**
     * Domestic pressure: a secessionist war now and within the last ten years (the fear that it
     * resumes), interstate war, war next door, and the regime through which domestic pressure acts.
     */
    public static final List<String> DOMESTIC =
            List.of("conflict_territorial", "conflict_territorial_past10", "conflict_interstate", "border_war", "euds");
    /** Memberships whose entry can be made conditional on a norm. */
    public static final List<String> INCENTIVES = List.of("eu_member", "nato_member");

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(
                "international",
                "baseline (log_duration, opening_year) + the international block, "
                        + "exposures to other states' participation (share_global, share_border, share_subregion): the norm "
                        + "life-cycle view that looks only at the international level");
        DESCRIPTIONS.put(
                "domestic",
                "baseline + the domestic-pressure block (conflict_territorial, "
                        + "conflict_territorial_past10, conflict_interstate, border_war, euds)");
        DESCRIPTIONS.put(
                "perception-pressure",
                "baseline + the perception block (measures_in_force, membership of "
                        + "a weaker related regime such as party_ccw_apii, the latest UN vote unga_yes/unga_abstain/"
                        + "unga_absent where bundled) + the domestic-pressure block: the paper's state level, two forces");
        DESCRIPTIONS.put(
                "two-level",
                "baseline + international + perception + domestic pressure + incentives "
                        + "(eu_member, nato_member): the paper's thesis that the state level decides, and incentives can "
                        + "outweigh domestic opposition");
        DESCRIPTIONS.put(
                "two-level-yearly",
                "two-level with a year-specific baseline instead of log time: a dummy "
                        + "for every risk year but the last (so later years keep the last year's level) in place of "
                        + "log_duration, opening_year and share_global, which is the same for all states in a year; "
                        + "for replays and projections. Years without events need a penalised fit (--firth)");
    }

    private Specs() {}

    public static Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }

    /**
     * The variables of a named specification for an instrument whose risk years run from
     * {@code firstYear} to {@code lastYear}.
     *
     * @param perception the instrument's perception block (see
     *                   {@link #perception(org.normlab.data.CountryYearData, String)})
     */
    public static List<String> variables(String name, List<String> perception, int firstYear, int lastYear) {
        List<String> vars = new ArrayList<>(BASELINE);
        switch (name) {
            case "international" -> vars.addAll(INTERNATIONAL);
            case "domestic" -> vars.addAll(DOMESTIC);
            case "perception-pressure" -> {
                vars.addAll(perception);
                vars.addAll(DOMESTIC);
            }
            case "two-level" -> {
                vars.addAll(INTERNATIONAL);
                vars.addAll(perception);
                vars.addAll(DOMESTIC);
                vars.addAll(INCENTIVES);
            }
            case "two-level-yearly" -> {
                vars.clear();
                for (int y = firstYear; y < lastYear; y++) {
                    vars.add("year_" + y);
                }
                vars.addAll(INTERNATIONAL.subList(1, INTERNATIONAL.size()));
                vars.addAll(perception);
                vars.addAll(DOMESTIC);
                vars.addAll(INCENTIVES);
            }
            default ->
                throw new InputException(
                        "unknown specification '" + name + "'; known: " + String.join(", ", DESCRIPTIONS.keySet()));
        }
        return vars;
    }

    /**
     * The perception block for an instrument: {@code measures_in_force} when any measure concerns
     * it, membership of its weaker related regimes, and the stored indicators that record the
     * state's stance on it (for the Mine Ban Convention, the UN votes). An imported instrument has
     * none of the landmine ones.
     */
    public static List<String> perception(org.normlab.data.CountryYearData data, String instrument) {
        List<String> out = new ArrayList<>();
        if (data.hasMeasures(instrument)) {
            out.add(Variables.MEASURES_IN_FORCE);
        }
        for (String id : data.relatedInstruments(instrument)) {
            out.add("party_" + data.instrument(id).variableSuffix());
        }
        out.addAll(data.perceptionIndicators(instrument));
        return out;
    }

    /** The variables of each block of a specification, in {@link Variables#BLOCKS} order; empty blocks left out. */
    public static Map<String, List<String>> blocks(List<String> variables) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String b : Variables.BLOCKS) {
            List<String> vs =
                    variables.stream().filter(v -> Variables.level(v).equals(b)).toList();
            if (!vs.isEmpty()) {
                out.put(b, vs);
            }
        }
        return out;
    }
}
