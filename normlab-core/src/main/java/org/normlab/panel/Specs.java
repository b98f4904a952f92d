package org.normlab.panel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.normlab.data.InputException;

/**
 * Named model specifications: the paper's international-only view, the state-level view, and the
 * two-level model that joins them and adds incentives.
 */
public final class Specs {
    /** Time baseline shared by all specifications: log time and the opening conference. */
    public static final List<String> BASELINE = List.of(Variables.LOG_DURATION, Variables.OPENING_YEAR);
    /** Peer pressure from other states. */
    public static final List<String> INTERNATIONAL = List.of("share_global", "share_border", "share_subregion");
    /** The state's own situation: secessionist and interstate war, regime, related weaker commitments. */
    public static final List<String> DOMESTIC = List.of("conflict_territorial", "conflict_interstate", "polyarchy",
            "party_ccw_apii");
    /** Memberships whose entry can be made conditional on a norm. */
    public static final List<String> INCENTIVES = List.of("eu_member", "nato_member");

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("international", "baseline (log_duration, opening_year) + exposures to other states' "
                + "participation (share_global, share_border, share_subregion): the norm life-cycle view that "
                + "looks only at the international level");
        DESCRIPTIONS.put("domestic", "baseline + state-level covariates (conflict_territorial, conflict_interstate, "
                + "polyarchy, party_ccw_apii): the state's own pressures and its partial commitments");
        DESCRIPTIONS.put("two-level", "baseline + exposures + state-level covariates + incentives (eu_member, "
                + "nato_member): the paper's thesis that the state level decides, and incentives can outweigh "
                + "domestic opposition");
        DESCRIPTIONS.put("two-level-yearly", "two-level with a year-specific baseline instead of log time: a dummy "
                + "for every risk year but the last (so later years keep the last year's level) in place of "
                + "log_duration, opening_year and share_global, which is the same for all states in a year; "
                + "for replays and projections. Years without events need a penalised fit (--firth)");
    }

    private Specs() {
    }

    public static Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }

    /**
     * The variables of a named specification for an instrument whose risk years run from
     * {@code firstYear} to {@code lastYear}. {@code party_ccw_apii} is dropped
     * when the instrument modelled is Amended Protocol II itself or that instrument is not stored.
     */
    public static List<String> variables(String name, String instrument, java.util.Set<String> instrumentSuffixes,
                                         int firstYear, int lastYear) {
        List<String> vars = new ArrayList<>(BASELINE);
        switch (name) {
            case "international" -> vars.addAll(INTERNATIONAL);
            case "domestic" -> vars.addAll(DOMESTIC);
            case "two-level" -> {
                vars.addAll(INTERNATIONAL);
                vars.addAll(DOMESTIC);
                vars.addAll(INCENTIVES);
            }
            case "two-level-yearly" -> {
                vars.clear();
                for (int y = firstYear; y < lastYear; y++) {
                    vars.add("year_" + y);
                }
                vars.addAll(INTERNATIONAL.subList(1, INTERNATIONAL.size()));
                vars.addAll(DOMESTIC);
                vars.addAll(INCENTIVES);
            }
            default -> throw new InputException("unknown specification '" + name + "'; known: "
                    + String.join(", ", DESCRIPTIONS.keySet()));
        }
        vars.removeIf(v -> v.startsWith("party_") && (!instrumentSuffixes.contains(v.substring(6))
                || v.substring(6).equals(instrument.replace('-', '_'))));
        return vars;
    }
}
