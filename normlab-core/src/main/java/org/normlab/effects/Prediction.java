package org.normlab.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.normlab.data.NormlabException;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardProblem;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;

/**
 * Predicted probabilities for a covariate profile ("a democracy with a secessionist war"): for
 * each year of a span the probability of the event in that year, and the cumulative probability of
 * the event by that year for a state at risk from the first year, each with a delta-method interval
 * (per year: on the linear predictor, then transformed; cumulative: on the logit of the cumulative
 * probability). Variables the profile does not set take their mean over the states at risk that
 * year, so time-varying baselines (log time, the opening year, year dummies, the global exposure)
 * follow the calendar. Stateless and thread safe.
 */
public final class Prediction {
    private Prediction() {}

    /**
     * One year of a profile's prediction. Immutable.
     *
     * @param year            the risk year
     * @param probability     probability of the event in that year, given at risk
     * @param lower           lower limit of its interval
     * @param upper           upper limit
     * @param cumulative      probability of the event by the end of that year, at risk from the span's start
     * @param cumulativeLower lower limit of its interval
     * @param cumulativeUpper upper limit
     */
    public record Year(
            int year,
            double probability,
            double lower,
            double upper,
            double cumulative,
            double cumulativeLower,
            double cumulativeUpper) {}

    /**
     * Predicts the profile {@code at} (variable to value) for the years {@code from} to {@code to}.
     *
     * @param matrix the fitted model matrix
     * @param raw    the panel of the formula's variables the estimate was fitted on
     * @param e      the estimate (its covariance gives the intervals)
     * @throws NormlabException if a year has no state at risk, a variable set is not in the model, or
     *                          a categorical variable is not set
     */
    public static List<Year> of(
            ModelMatrix matrix, Panel raw, HazardEstimate e, Map<String, Double> at, int from, int to, double level) {
        List<String> vars = matrix.formula().variables();
        for (String v : at.keySet()) {
            if (!vars.contains(v)) {
                throw new NormlabException("--at " + v + ": not a variable of the model; its variables are " + vars);
            }
        }
        for (String v : matrix.categorical().keySet()) {
            if (!at.containsKey(v)) {
                throw new NormlabException("--at: give a value for " + v + ", which enters as a factor (a "
                        + "categorical variable has no mean)");
            }
        }
        if (to < from) {
            throw new NormlabException("the years " + from + "-" + to + " are empty");
        }
        double z = Intervals.z(level);
        int p = e.size();
        double survival = 1;
        double[] cumGrad = new double[p];
        List<Year> out = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < raw.rows(); i++) {
                if (raw.year()[i] == t) {
                    rows.add(i);
                }
            }
            if (rows.isEmpty()) {
                throw new NormlabException("no state is at risk in " + t + " (the risk set covers "
                        + raw.spec().firstYear() + "-" + raw.spec().lastYear() + "); choose years within it");
            }
            double[] m = matrix.row(v -> at.containsKey(v) ? at.get(v) : mean(raw.column(v), rows));
            double[] x = new double[p];
            for (int j = 0; j < p; j++) {
                String name = e.names().get(j);
                int k = matrix.names().indexOf(name);
                x[j] = name.equals(HazardProblem.INTERCEPT) ? 1 : k >= 0 ? m[k] : mean(raw.column(name), rows);
            }
            double eta = Intervals.dot(x, e.coefficients());
            double seEta = Math.sqrt(quad(x, e));
            double prob = e.link().probability(eta);
            double d = Intervals.muEta(e.link(), eta);
            for (int j = 0; j < p; j++) {
                // d/d beta of 1 - prod(1 - p_s): the product rule, accumulated year by year
                cumGrad[j] = cumGrad[j] * (1 - prob) + survival * d * x[j];
            }
            survival *= 1 - prob;
            double cum = 1 - survival;
            double seCum = Math.sqrt(quad(cumGrad, e));
            double logit = Math.log(cum / (1 - cum));
            double half = z * seCum / (cum * (1 - cum));
            out.add(new Year(
                    t,
                    prob,
                    e.link().probability(eta - z * seEta),
                    e.link().probability(eta + z * seEta),
                    cum,
                    1 / (1 + Math.exp(-(logit - half))),
                    1 / (1 + Math.exp(-(logit + half)))));
        }
        return out;
    }

    private static double mean(double[] column, List<Integer> rows) {
        double s = 0;
        for (int i : rows) {
            s += column[i];
        }
        return s / rows.size();
    }

    private static double quad(double[] g, HazardEstimate e) {
        double v = 0;
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                v += g[a] * e.covariance(a, b) * g[b];
            }
        }
        return v;
    }
}
