package org.normlab.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardProblem;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;

/**
 * Average marginal effects of each variable of a formula on the per-year event probability, with
 * delta-method standard errors, as R's {@code marginaleffects::avg_slopes} defines them: for a
 * numeric variable the mean over the risk set of the derivative of the probability (a centred
 * difference with step 1e-5 &middot; max(1, |x|), through every term the variable enters:
 * interactions, transformations, polynomials); for a variable entered only through
 * {@code factor()} the mean difference of the probability between each level and the reference.
 * The gradient in the coefficients is exact (d p / d &beta; = &mu;'(&eta;) x), the covariance the
 * fit's own (model-based or cluster-robust). Stateless and thread safe.
 */
public final class MarginalEffects {
    private MarginalEffects() {}

    /**
     * The average marginal effects of the variables of {@code matrix} on the rows of {@code raw}
     * (the panel of the formula's variables the estimate was fitted on, through {@code matrix}).
     */
    public static List<MarginalEffect> average(ModelMatrix matrix, Panel raw, HazardEstimate e) {
        List<String> vars = matrix.formula().variables();
        Map<String, double[]> categorical = matrix.categorical();
        int n = raw.rows();
        int p = e.size();
        List<MarginalEffect> out = new ArrayList<>();
        for (String v : vars) {
            if (categorical.containsKey(v)) {
                continue;
            }
            double[] col = raw.column(v);
            double sum = 0;
            double[] grad = new double[p];
            for (int i = 0; i < n; i++) {
                double h = 1e-5 * Math.max(1, Math.abs(col[i]));
                double[] xu = row(matrix, raw, e, i, v, col[i] + h);
                double[] xd = row(matrix, raw, e, i, v, col[i] - h);
                double eu = Intervals.dot(xu, e.coefficients());
                double ed = Intervals.dot(xd, e.coefficients());
                sum += (e.link().probability(eu) - e.link().probability(ed)) / (2 * h);
                double mu = Intervals.muEta(e.link(), eu);
                double md = Intervals.muEta(e.link(), ed);
                for (int j = 0; j < p; j++) {
                    grad[j] += (mu * xu[j] - md * xd[j]) / (2 * h);
                }
            }
            out.add(effect(v, sum / n, grad, n, e));
        }
        for (Map.Entry<String, double[]> c : categorical.entrySet()) {
            String v = c.getKey();
            double[] levels = c.getValue();
            for (int l = 1; l < levels.length; l++) {
                double sum = 0;
                double[] grad = new double[p];
                for (int i = 0; i < n; i++) {
                    double[] xa = row(matrix, raw, e, i, v, levels[l]);
                    double[] xb = row(matrix, raw, e, i, v, levels[0]);
                    double ea = Intervals.dot(xa, e.coefficients());
                    double eb = Intervals.dot(xb, e.coefficients());
                    sum += e.link().probability(ea) - e.link().probability(eb);
                    double ma = Intervals.muEta(e.link(), ea);
                    double mb = Intervals.muEta(e.link(), eb);
                    for (int j = 0; j < p; j++) {
                        grad[j] += ma * xa[j] - mb * xb[j];
                    }
                }
                out.add(effect(
                        v + "=" + matrix.levelName(v, levels[l]) + " vs " + matrix.levelName(v, levels[0]),
                        sum / n,
                        grad,
                        n,
                        e));
            }
        }
        return out;
    }

    private static MarginalEffect effect(String term, double value, double[] gradSum, int n, HazardEstimate e) {
        double[] g = new double[gradSum.length];
        for (int j = 0; j < g.length; j++) {
            g[j] = gradSum[j] / n;
        }
        double var = 0;
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                var += g[a] * e.covariance(a, b) * g[b];
            }
        }
        return new MarginalEffect(term, value, Math.sqrt(var));
    }

    /** The estimate's terms on row {@code i} with variable {@code v} set to {@code value}. */
    static double[] row(ModelMatrix matrix, Panel raw, HazardEstimate e, int i, String v, double value) {
        Function<String, Double> lookup = name -> name.equals(v) ? value : raw.column(name)[i];
        return terms(matrix, raw, e, i, lookup);
    }

    /** The estimate's terms for a profile: the intercept, the matrix's columns, other columns from the panel's row. */
    static double[] terms(ModelMatrix matrix, Panel raw, HazardEstimate e, int i, Function<String, Double> lookup) {
        double[] m = matrix.row(lookup);
        double[] x = new double[e.size()];
        for (int j = 0; j < x.length; j++) {
            String name = e.names().get(j);
            int k = matrix.names().indexOf(name);
            x[j] = name.equals(HazardProblem.INTERCEPT) ? 1 : k >= 0 ? m[k] : raw.column(name)[i];
        }
        return x;
    }
}
