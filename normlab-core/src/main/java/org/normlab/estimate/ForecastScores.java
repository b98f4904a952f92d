package org.normlab.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Out-of-sample scores of predicted event probabilities against observed 0/1 outcomes.
 *
 * <ul>
 *   <li>mean log score: mean of log p<sub>i</sub> (event) or log(1&minus;p<sub>i</sub>) (no
 *       event); at most 0, higher is better, &minus;&infin; if an event was given probability 0;
 *   <li>Brier score: mean of (p<sub>i</sub>&minus;y<sub>i</sub>)&sup2;, in [0, 1], lower is
 *       better;
 *   <li>AUC: probability that a random event row has a higher prediction than a random non-event
 *       row, ties counting one half (the Mann&ndash;Whitney statistic); NaN unless both outcomes
 *       occur;
 *   <li>calibration: rows sorted by prediction and cut into equal-count bins (deciles by
 *       default; ties are split by row order so bin sizes differ by at most one).
 * </ul>
 *
 * @param n number of rows
 * @param events rows with an event
 * @param meanLogScore mean log predictive probability of the outcome
 * @param brierScore mean squared error of the probabilities
 * @param auc area under the ROC curve
 * @param calibration non-empty bins in increasing order of prediction
 */
public record ForecastScores(
        int n, int events, double meanLogScore, double brierScore, double auc, List<CalibrationBin> calibration) {

    /** Default number of calibration bins. */
    public static final int DECILES = 10;

    /** Copies the bins. */
    public ForecastScores {
        calibration = List.copyOf(calibration);
    }

    /** Scores with decile calibration bins. */
    public static ForecastScores of(double[] predicted, double[] observed) {
        return of(predicted, observed, DECILES);
    }

    /**
     * Scores with {@code bins} calibration bins.
     *
     * @param predicted probabilities in [0, 1]
     * @param observed outcomes, each 0 or 1, same length
     * @param bins number of equal-count bins, &ge; 1 (fewer when there are fewer rows)
     */
    public static ForecastScores of(double[] predicted, double[] observed, int bins) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(observed, "observed");
        int n = predicted.length;
        if (n == 0 || observed.length != n) {
            throw new EstimationException(n + " predictions but " + observed.length
                    + " outcomes: give one prediction per outcome (at least one)");
        }
        if (bins < 1) {
            throw new EstimationException("the calibration table needs at least 1 bin, got " + bins);
        }
        int events = 0;
        double logScore = 0.0;
        double brier = 0.0;
        for (int i = 0; i < n; i++) {
            double p = predicted[i];
            double y = observed[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new EstimationException("prediction " + p + " in row " + i + " is not a probability in [0, 1]");
            }
            if (y != 0.0 && y != 1.0) {
                throw new EstimationException("outcome " + y + " in row " + i + " must be 0 or 1");
            }
            if (y == 1.0) {
                events++;
                logScore += Math.log(p);
            } else {
                logScore += Math.log1p(-p);
            }
            brier += (p - y) * (p - y);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Stable sort: ties keep row order, which makes the bins reproducible.
        java.util.Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
        double auc = auc(predicted, observed, order, events);
        List<CalibrationBin> table = new ArrayList<>();
        int used = Math.min(bins, n);
        for (int b = 0; b < used; b++) {
            int from = (int) ((long) b * n / used);
            int to = (int) ((long) (b + 1) * n / used);
            double sumP = 0.0;
            int ev = 0;
            for (int r = from; r < to; r++) {
                sumP += predicted[order[r]];
                ev += observed[order[r]] == 1.0 ? 1 : 0;
            }
            int m = to - from;
            table.add(new CalibrationBin(
                    b + 1, m, sumP / m, (double) ev / m, predicted[order[from]], predicted[order[to - 1]]));
        }
        return new ForecastScores(n, events, logScore / n, brier / n, auc, table);
    }

    /** Mann-Whitney AUC from mid-ranks; O(n log n) after sorting. */
    private static double auc(double[] p, double[] y, Integer[] order, int events) {
        int n = p.length;
        int nonEvents = n - events;
        if (events == 0 || nonEvents == 0) {
            return Double.NaN;
        }
        double rankSum = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double midRank = 0.5 * (i + j) + 1.0;
            for (int r = i; r <= j; r++) {
                if (y[order[r]] == 1.0) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - events * (events + 1.0) / 2.0) / ((double) events * nonEvents);
    }
}
