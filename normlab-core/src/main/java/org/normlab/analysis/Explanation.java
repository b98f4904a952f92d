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
 * grouped into the four blocks (international, perception, domestic pressure, incentives), its
 * cumulative probability of having made the transition, its adherence level with every measure
 * (scope and years), and its place in the perception-vs-pressure typology with the probability,
 * under the estimates' uncertainty, that it lies in that cell. Immutable.
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
 * @param international sum of the international block's contributions (exposures)
 * @param domestic      sum of the domestic-pressure block's contributions (conflicts, war next door, regime)
 * @param perception    sum of the perception block's contributions (measures, weaker regime, UN votes)
 * @param incentives    sum of the incentives block's contributions (EU, NATO)
 * @param adherence     adherence level and every measure with scope and years
 * @param type          place in the typology (see {@link Typology} for the rules)
 * @param typeProbability for a cell of the perception x pressure table, the share of {@link #DRAWS}
 *                      parameter draws from the estimate's covariance under which the state's domestic
 *                      pressure falls on the same side of the threshold (perception is observed, not
 *                      estimated); NaN for the other labels
 * @param reference     how the reference was formed
 */
public record Explanation(
        String iso3,
        String name,
        int year,
        String note,
        Transition transition,
        Status status,
        double hazard,
        double referenceHazard,
        double cumulative,
        List<Contribution> contributions,
        double international,
        double domestic,
        double perception,
        double incentives,
        Adherence adherence,
        Typology type,
        double typeProbability,
        String reference) {

    /** One variable's part in the linear predictor; {@code level} is its block ({@link Variables#level}). */
    public record Contribution(
            String variable, String level, double value, double reference, double coefficient, double contribution) {}

    /** Parameter draws behind {@link #typeProbability()}. */
    public static final int DRAWS = 1000;
    /** Seed of those draws, fixed so that an explanation is the same on every run. */
    public static final long DRAW_SEED = 1L;

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
            throw new NormlabException(
                    iso3 + " is never at risk of " + panel.spec().transition().code() + " of "
                            + panel.spec().instrument() + " in " + panel.spec().firstYear() + "-"
                            + panel.spec().lastYear()
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
        double perception = 0;
        double incentives = 0;
        double[] x = new double[vars.size()];
        for (int j = 0; j < vars.size(); j++) {
            mean[j] /= count;
            x[j] = panel.column(vars.get(j))[row];
            double beta = est.coefficients()[j + off];
            double c = Double.isNaN(beta) ? 0 : beta * (x[j] - mean[j]);
            String level = Variables.level(vars.get(j));
            contributions.add(new Contribution(vars.get(j), level, x[j], mean[j], beta, c));
            switch (level) {
                case Variables.INTERNATIONAL -> international += c;
                case Variables.DOMESTIC -> domestic += c;
                case Variables.PERCEPTION -> perception += c;
                case Variables.INCENTIVES_BLOCK -> incentives += c;
                default -> {}
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
        boolean pressured = domestic < -PRESSURE_THRESHOLD;
        boolean notified = p != null
                && p.withdrawalNotified() != null
                && p.withdrawalNotified().getYear() <= year;
        Typology type = Typology.classify(panel.spec().transition(), status, notified, adherence.inDeeds(), pressured);
        double typeProbability = Double.NaN;
        if (type.isCell()) {
            int same = 0;
            for (double[] b : est.parameterDraws(DRAWS, DRAW_SEED)) {
                double d = 0;
                for (int j = 0; j < vars.size(); j++) {
                    if (Variables.level(vars.get(j)).equals(Variables.DOMESTIC) && Double.isFinite(b[j + off])) {
                        d += b[j + off] * (x[j] - mean[j]);
                    }
                }
                same += (d < -PRESSURE_THRESHOLD) == pressured ? 1 : 0;
            }
            typeProbability = (double) same / DRAWS;
        }
        String reference = "the mean of the " + count + " states at risk in " + year;
        return new Explanation(
                iso3,
                data.countries().get(iso3).name(),
                year,
                note,
                panel.spec().transition(),
                status,
                hazard,
                referenceHazard,
                1 - survive,
                contributions,
                international,
                domestic,
                perception,
                incentives,
                adherence,
                type,
                typeProbability,
                reference);
    }

    /** The sums of the four blocks, in {@link Variables#BLOCKS} order. */
    public Map<String, Double> blocks() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Variables.INTERNATIONAL, international);
        m.put(Variables.PERCEPTION, perception);
        m.put(Variables.DOMESTIC, domestic);
        m.put(Variables.INCENTIVES_BLOCK, incentives);
        return m;
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
        List<String> parts = new ArrayList<>();
        blocks().forEach((block, v) -> parts.add(String.format(
                Locale.ROOT,
                "%s %s them by a factor %.2f",
                block.equals(Variables.DOMESTIC) ? "domestic pressure" : block,
                v >= 0 ? "raises" : "lowers",
                Math.exp(v))));
        String cell = Double.isNaN(typeProbability)
                ? ""
                : String.format(
                        Locale.ROOT,
                        " (probability %.2f that it lies in this cell, from %d parameter draws)",
                        typeProbability,
                        DRAWS);
        return String.format(
                Locale.ROOT,
                "%s (%s), %d: modelled probability of %s that year %.3f against %.3f for the "
                        + "average state at risk; of its odds of %s, %s (against %s). Adherence: %s. Type: %s%s — %s",
                name,
                iso3,
                year,
                verb,
                hazard,
                referenceHazard,
                verb,
                String.join(", ", parts),
                reference,
                adherence.describe(),
                type.label(),
                cell,
                type.meaning());
    }
}
