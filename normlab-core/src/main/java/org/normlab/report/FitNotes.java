package org.normlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.Separation;

/**
 * What a reader must know before reading a fit's coefficients, in the same words wherever a fit is
 * printed ({@code fit}, {@code compare}, {@code explain}, regression tables, JSON): which terms are
 * separated, that their estimates diverged (no stars, no p), what to do about it, and whether the
 * model has too few events per parameter to be more than exploratory. Stateless and thread-safe.
 */
public final class FitNotes {
    /** The mark of a term whose estimate diverged, in text tables and Markdown. */
    public static final String DAGGER = "\u2020";

    /** The footnote of {@link #DAGGER}. */
    public static final String DAGGER_NOTE =
            DAGGER + " separated: the estimate diverges; its SE and p are meaningless (no stars are shown).";

    private static final String DIVERGE = ". The maximum-likelihood estimates of these terms diverge: their standard"
            + " errors (model-based, robust or cluster-robust alike) and p values are meaningless and no stars are"
            + " shown. Refit with Firth's penalty (normlab fit --firth) for finite, penalised estimates.";

    private FitNotes() {}

    /**
     * The visible lines for one fit, empty when there is nothing to say: one for separation, one
     * for too few events per parameter.
     *
     * @param model the model's name, as its table or heading shows it
     */
    public static List<String> lines(String model, HazardEstimate e) {
        return lines(separation(model, e), exploratory(model, e));
    }

    /** The visible lines of a shared-frailty fit, as {@link #lines(String, HazardEstimate)}. */
    public static List<String> lines(String model, FrailtyEstimate e) {
        String sep = "";
        Separation s = e.separation();
        if (s.detected()) {
            sep = DAGGER + " " + s.kind().label() + " separation in model " + model + ": " + s.describe() + DIVERGE;
        }
        String epp = e.exploratory()
                ? exploratory(
                        model, Math.min(e.events(), e.n() - e.events()), e.slopeParameters(), e.eventsPerParameter())
                : "";
        return lines(sep, epp);
    }

    private static List<String> lines(String sep, String epp) {
        List<String> out = new ArrayList<>();
        if (!sep.isEmpty()) {
            out.add(sep);
        }
        if (!epp.isEmpty()) {
            out.add(epp);
        }
        return out;
    }

    /** The separation line, or "" when the design is not separated. */
    public static String separation(String model, HazardEstimate e) {
        Separation s = e.separation();
        if (!s.detected()) {
            return "";
        }
        String where = s.kind().label() + " separation in model " + model + ": " + s.describe();
        if (!e.divergedTerms().isEmpty()) {
            return DAGGER + " " + where + DIVERGE;
        }
        return where + ". The penalised estimates (" + e.method() + ") stay finite, but how large they are depends"
                + " on the penalty; read them with care.";
    }

    /** The exploratory line, or "" when the model has enough events per parameter. */
    public static String exploratory(String model, HazardEstimate e) {
        if (!e.exploratory()) {
            return "";
        }
        return exploratory(
                model, Math.min(e.events(), e.n() - e.events()), e.slopeParameters(), e.eventsPerParameter());
    }

    private static String exploratory(String model, int events, int parameters, double epp) {
        return String.format(
                Locale.ROOT,
                "exploratory (%d %s for %d %s): model %s has %.1f events per parameter, below the %.0f the common rule"
                        + " asks for; its estimates describe these data and should not be read as established effects.",
                events,
                events == 1 ? "event" : "events",
                parameters,
                parameters == 1 ? "parameter" : "parameters",
                model,
                epp,
                HazardEstimate.MIN_EVENTS_PER_PARAMETER);
    }

    /** {@code {detected, kind, terms: [{name, direction, diverged}]}}. */
    public static Map<String, Object> separationJson(Separation s, List<String> diverged) {
        Map<String, Object> sep = new LinkedHashMap<>();
        sep.put("detected", s.detected());
        sep.put("kind", s.kind().label());
        List<Map<String, Object>> terms = new ArrayList<>();
        for (Separation.Term t : s.terms()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", t.name());
            o.put("direction", t.direction().label());
            o.put("diverged", diverged.contains(t.name()));
            terms.add(o);
        }
        sep.put("terms", terms);
        return sep;
    }

    /**
     * The JSON fields of a fit's quality: {@code separation: {detected, kind, terms: [{name,
     * direction}]}}, {@code events_per_parameter} (null without covariates) and {@code
     * exploratory}, and the visible {@code notes}.
     */
    public static Map<String, Object> json(String model, HazardEstimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("separation", separationJson(e.separation(), e.divergedTerms()));
        m.put("events_per_parameter", JsonViews.finite(e.eventsPerParameter()));
        m.put("min_events_per_parameter", HazardEstimate.MIN_EVENTS_PER_PARAMETER);
        m.put("exploratory", e.exploratory());
        m.put("notes", lines(model, e));
        return m;
    }
}
