package org.normlab.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.normlab.analysis.ModelFit;
import org.normlab.estimate.HazardEstimate;
import org.normlab.panel.Panel;
import org.normlab.panel.Transition;
import org.normlab.panel.Variables;
import org.normlab.report.RegressionTable;

/**
 * A fitted model as the study reports it: its terms with stars only where inference stands, the
 * terms affected by separation, whether it is exploratory (too few events per parameter) and then
 * the pattern in the data shown descriptively, and a sentence in words. Stateless.
 */
final class ModelSections {
    /**
     * Below this many events per estimated parameter a model is reported as exploratory: its
     * coefficients are shown, but the study describes the pattern (who did and who did not) instead of
     * a causal sentence. The threshold is the estimator's ({@link HazardEstimate#MIN_EVENTS_PER_PARAMETER}).
     */
    static final double EVENTS_PER_PARAMETER = HazardEstimate.MIN_EVENTS_PER_PARAMETER;

    private ModelSections() {}

    /**
     * The terms separation affects: those the linear-programming check of the design
     * ({@link org.normlab.estimate.Separation#detect}, recorded on every fit, penalized or not) finds
     * separated, the intercept left out.
     */
    static Set<String> separated(HazardEstimate e) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : e.separation().names()) {
            if (!name.equals("(Intercept)")) {
                out.add(name);
            }
        }
        return out;
    }

    /** Events per estimated slope parameter, as the estimate counts them. */
    static double eventsPerParameter(HazardEstimate e) {
        return e.eventsPerParameter();
    }

    /** Whether the model is exploratory: fewer than {@link #EVENTS_PER_PARAMETER} events per parameter. */
    static boolean exploratory(HazardEstimate e) {
        return e.exploratory();
    }

    /**
     * The model's section.
     *
     * @param separatedBeforeFirth the terms the unpenalized fit found separated, when this fit is the
     *                             Firth refit because of them (empty otherwise)
     * @param extra                another sentence to append, or null
     */
    static StudyReport.ModelSection of(ModelFit f, Set<String> separatedBeforeFirth, String extra) {
        HazardEstimate e = f.estimate();
        Set<String> separated = new TreeSet<>(separated(e));
        separated.addAll(separatedBeforeFirth);
        boolean exploratory = exploratory(e);
        List<StudyReport.Term> terms = new ArrayList<>();
        double[] p = e.pValues();
        List<String> significant = new ArrayList<>();
        for (int i = 0; i < e.names().size(); i++) {
            String name = e.names().get(i);
            boolean flagged = separated.contains(name);
            terms.add(new StudyReport.Term(
                    name,
                    Variables.level(name),
                    e.coefficients()[i],
                    e.standardErrors()[i],
                    p[i],
                    flagged ? "" : RegressionTable.stars(p[i]),
                    flagged));
            if (!name.equals("(Intercept)") && !flagged && p[i] < 0.05) {
                significant.add(String.format(
                        Locale.ROOT,
                        "%s %s it (%.2f, p = %.3g)",
                        name,
                        e.coefficients()[i] > 0 ? "raises" : "lowers",
                        e.coefficients()[i],
                        p[i]));
            }
        }
        String what = f.panel().spec().transition() == Transition.WITHDRAWAL
                ? "the hazard of withdrawal"
                : "the hazard of joining";
        List<String> warnings = new ArrayList<>();
        if (!separated.isEmpty()) {
            warnings.add("Separation: " + String.join(", ", separated)
                    + (separated.size() == 1 ? " predicts" : " predict")
                    + (separatedBeforeFirth.isEmpty()
                            ? " the outcome perfectly or almost perfectly, so their estimates and standard "
                                    + "errors are not meaningful and carry no stars."
                            : " the outcome perfectly or almost perfectly in the maximum-likelihood fit, "
                                    + "which has no finite estimate; the model was refitted with Firth's penalized "
                                    + "likelihood, whose estimates are finite but depend on the penalty, so these "
                                    + "terms carry no stars."));
        }
        if (exploratory) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "Exploratory: %d event(s) for %d slope parameters (%.1f per parameter, fewer than %.0f), too few to "
                            + "read the coefficients as effects; the pattern is shown as counts instead.",
                    Math.min(e.events(), e.n() - e.events()),
                    e.slopeParameters(),
                    eventsPerParameter(e),
                    EVENTS_PER_PARAMETER));
        }
        String sentence;
        if (exploratory) {
            sentence = "The " + f.name() + " model of " + what + " is exploratory: too few events to say what "
                    + "drives them; the table of who did and who did not shows the pattern.";
        } else if (significant.isEmpty()) {
            sentence = "No covariate is significant at 5 % in the " + f.name() + " model of " + what + ".";
        } else {
            sentence = "In the " + f.name() + " model of " + what + ", " + String.join("; ", significant) + ".";
        }
        if (!e.diagnostics().isEmpty()) {
            sentence += " Diagnostics: " + String.join("; ", e.diagnostics());
        }
        if (extra != null) {
            sentence += " " + extra;
        }
        return new StudyReport.ModelSection(
                f.name(),
                terms,
                e.n(),
                e.events(),
                e.logLikelihood(),
                e.aic(),
                e.bic(),
                e.method() + "; standard errors " + e.seDescription(),
                sentence,
                warnings,
                exploratory,
                exploratory || !separated.isEmpty() ? pattern(f.panel(), e) : List.of());
    }

    /**
     * Who did and who did not, by the value of each binary term: state-years, events and the states
     * with an event, for each value 0 and 1 of every 0/1 term of the model.
     */
    static List<StudyReport.PatternRow> pattern(Panel panel, HazardEstimate e) {
        List<StudyReport.PatternRow> rows = new ArrayList<>();
        double[] event = panel.event();
        for (String name : e.names()) {
            if (name.equals("(Intercept)") || !panel.names().contains(name)) {
                continue;
            }
            double[] x = panel.column(name);
            boolean binary = true;
            for (double v : x) {
                if (v != 0 && v != 1) {
                    binary = false;
                    break;
                }
            }
            if (!binary || Variables.level(name).equals(Variables.BASELINE)) {
                continue;
            }
            for (int value = 1; value >= 0; value--) {
                int stateYears = 0;
                int events = 0;
                Map<String, Integer> who = new TreeMap<>();
                for (int i = 0; i < x.length; i++) {
                    if (x[i] == value) {
                        stateYears++;
                        if (event[i] > 0) {
                            events++;
                            who.merge(panel.iso3()[i], 1, Integer::sum);
                        }
                    }
                }
                rows.add(new StudyReport.PatternRow(name, value, stateYears, events, List.copyOf(who.keySet())));
            }
        }
        return rows;
    }
}
