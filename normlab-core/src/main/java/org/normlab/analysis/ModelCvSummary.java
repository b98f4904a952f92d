package org.normlab.analysis;

import java.util.List;
import org.normlab.estimate.ForecastScores;

/**
 * A model's held-out scores under one scheme, with their spread over repeats: the mean log score
 * per held-out state-year, the Brier score and the AUC of the rows pooled within each repeat,
 * averaged over repeats, with their standard deviation over repeats (NaN with one repeat). Immutable.
 *
 * @param model        the model
 * @param scheme       {@code states} or {@code rolling}
 * @param repeats      number of repeats
 * @param logScore     mean over repeats of the mean log score per state-year
 * @param logScoreSd   its standard deviation over repeats
 * @param brier        mean Brier score
 * @param brierSd      its standard deviation over repeats
 * @param auc          mean AUC (NaN when a repeat's held-out rows lack events or non-events)
 * @param aucSd        its standard deviation over repeats
 * @param medianLambda median ridge penalty chosen in the folds (NaN without a tuned penalty)
 */
public record ModelCvSummary(
        String model,
        String scheme,
        int repeats,
        double logScore,
        double logScoreSd,
        double brier,
        double brierSd,
        double auc,
        double aucSd,
        double medianLambda) {

    /** The summary of model {@code m} in {@code s}. */
    public static ModelCvSummary of(HeldOutScores s, int m) {
        List<ForecastScores> p = s.pooled().get(m);
        double[] ls = p.stream().mapToDouble(ForecastScores::meanLogScore).toArray();
        double[] br = p.stream().mapToDouble(ForecastScores::brierScore).toArray();
        double[] au = p.stream().mapToDouble(ForecastScores::auc).toArray();
        double[] lam = s.lambdas().get(m).stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        double median = lam.length == 0
                ? Double.NaN
                : lam.length % 2 == 1 ? lam[lam.length / 2] : 0.5 * (lam[lam.length / 2 - 1] + lam[lam.length / 2]);
        return new ModelCvSummary(
                s.models().get(m), s.scheme(), p.size(), mean(ls), sd(ls), mean(br), sd(br), mean(au), sd(au), median);
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0.0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
