package org.normlab.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.estimate.HazardEstimate;
import org.normlab.panel.Panel;
import org.normlab.panel.Transition;
import org.normlab.panel.Variables;

/**
 * Why a state is where it is: its modelled hazard in a year, the linear predictor split into
 * each variable's contribution against a reference (the mean of the risk set that year),
 * grouped into international and domestic, its cumulative probability of having made the
 * transition, and its adherence level and place in the perception-vs-pressure typology.
 * Immutable.
 *
 * @param iso3          state
 * @param name          state name
 * @param year          the risk year explained
 * @param note          why this year was chosen, when it differs from the one asked for (else "")
 * @param transition    transition modelled
 * @param status        the state's status at the end of the year
 * @param hazard        modelled probability of the transition in the year
 * @param referenceHazard hazard of the reference (risk-set mean covariates that year)
 * @param cumulative    probability of having made the transition by the end of the year, from
 *                      the state's first year at risk, under the model
 * @param contributions per variable: value, reference, coefficient, contribution to the linear predictor
 * @param international sum of international contributions
 * @param domestic      sum of domestic contributions (incentives included)
 * @param adherence     adherence level and partial measures
 * @param type          place in the typology
 * @param reference     how the reference was formed
 */
public record Explanation(String iso3, String name, int year, String note, Transition transition, Status status,
                          double hazard, double referenceHazard, double cumulative, List<Contribution> contributions,
                          double international, double domestic, Adherence adherence, Typology type,
                          String reference) {

    /** One variable's part in the linear predictor. */
    public record Contribution(String variable, String level, double value, double reference, double coefficient,
                               double contribution) {
    }

    /** Threshold on the domestic contribution (logit units) that counts as strong domestic pressure. */
    public static final double PRESSURE_THRESHOLD = 0.25;

    public static Explanation of(CountryYearData data, ModelFit fit, String iso3, Integer askedYear) {
        Panel panel = fit.panel();
        HazardEstimate est = fit.estimate();
        if (!data.countries().containsKey(iso3)) {
            throw new NormlabException("unknown country code " + iso3);
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < panel.rows(); i++) {
            if (panel.iso3()[i].equals(iso3)) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new NormlabException(iso3 + " is never at risk of " + panel.spec().transition().code() + " of "
                    + panel.spec().instrument() + " in " + panel.spec().firstYear() + "-" + panel.spec().lastYear()
                    + " (or its covariates are missing); nothing to explain");
        }
        int row = rows.get(rows.size() - 1);
        String note = "";
        if (askedYear != null) {
            int best = -1;
            for (int i : rows) {
                if (panel.year()[i] <= askedYear) {
                    best = i;
                }
            }
            if (best < 0) {
                best = rows.get(0);
            }
            row = best;
            if (panel.year()[row] != askedYear) {
                note = iso3 + " is not at risk in " + askedYear + "; explaining " + panel.year()[row]
                        + ", the nearest earlier year at risk";
            }
        }
        int year = panel.year()[row];
        List<String> vars = fit.variables();
        int off = est.intercept() ? 1 : 0;
        double[] mean = new double[vars.size()];
        int count = 0;
        for (int i = 0; i < panel.rows(); i++) {
            if (panel.year()[i] == year) {
                count++;
                for (int j = 0; j < vars.size(); j++) {
                    mean[j] += panel.column(vars.get(j))[i];
                }
            }
        }
        List<Contribution> contributions = new ArrayList<>();
        double international = 0;
        double domestic = 0;
        double[] x = new double[vars.size()];
        for (int j = 0; j < vars.size(); j++) {
            mean[j] /= count;
            x[j] = panel.column(vars.get(j))[row];
            double beta = est.coefficients()[j + off];
            double c = Double.isNaN(beta) ? 0 : beta * (x[j] - mean[j]);
            String level = Variables.level(vars.get(j));
            contributions.add(new Contribution(vars.get(j), level, x[j], mean[j], beta, c));
            if (level.equals("international")) {
                international += c;
            } else if (level.equals("domestic")) {
                domestic += c;
            }
        }
        double hazard = est.probability(x);
        double referenceHazard = est.probability(mean);
        double survive = 1;
        for (int i : rows) {
            if (panel.year()[i] > year) {
                break;
            }
            double[] xi = new double[vars.size()];
            for (int j = 0; j < vars.size(); j++) {
                xi[j] = panel.column(vars.get(j))[i];
            }
            survive *= 1 - est.probability(xi);
        }
        Instrument inst = data.instrument(panel.spec().instrument());
        Participation p = data.participation(inst.id()).get(iso3);
        Status status = p == null ? Status.NONE : p.statusOn(LocalDate.of(year, 12, 31));
        Adherence adherence = Adherence.of(data, inst.id(), iso3, year);
        Typology type = Typology.classify(panel.spec().transition(), status, adherence, domestic);
        String reference = "the mean of the " + count + " states at risk in " + year;
        return new Explanation(iso3, data.countries().get(iso3).name(), year, note, panel.spec().transition(), status,
                hazard, referenceHazard, 1 - survive, contributions, international, domestic, adherence, type,
                reference);
    }

    /** The contributions as a map variable → contribution, for reports. */
    public Map<String, Double> contributionMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        contributions.forEach(c -> m.put(c.variable(), c.contribution()));
        return m;
    }

    /** A plain-words summary. */
    public String sentence() {
        String verb = transition == Transition.WITHDRAWAL ? "withdrawing" : "joining";
        String intl = String.format(Locale.ROOT, "international factors %s its odds of %s by a factor %.2f",
                international >= 0 ? "raise" : "lower", verb, Math.exp(international));
        String dom = String.format(Locale.ROOT, "domestic factors %s them by a factor %.2f", domestic >= 0 ? "raise" : "lower",
                Math.exp(domestic));
        return String.format(Locale.ROOT, "%s (%s), %d: modelled probability of %s that year %.3f against %.3f for the "
                        + "average state at risk; %s, %s (against %s). Adherence: %s. Type: %s — %s", name, iso3, year,
                verb, hazard, referenceHazard, intl, dom, reference, adherence.describe(), type.label(),
                type.meaning());
    }

}
