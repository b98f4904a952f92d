package org.normlab.analysis;

import java.util.ArrayList;
import java.util.List;
import org.normlab.estimate.FoldAssignment;
import org.normlab.estimate.Folds;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.Split;
import org.normlab.panel.Variables;

/**
 * A ridge penalty chosen by cross-validation on the rows it is given: the penalty &lambda; of
 * {@link #GRID} whose {@value #INNER_FOLDS}-fold leave-states-out log score on those rows is
 * highest, applied to the covariates standardised to unit standard deviation, with the baseline
 * terms (intercept, duration, opening-year and year dummies: {@link Variables#BASELINE}) left
 * unpenalised ({@link HazardEstimator#withStandardizedRidge}). Used as a {@link FoldFitter}, it
 * chooses &lambda; afresh inside every training fold, so the held-out states never inform it.
 * Immutable and thread-safe.
 *
 * @param base the estimator to penalise (standard errors, tolerance; Firth is refused with it)
 */
public record TunedRidge(HazardEstimator base) implements FoldFitter {

    /** Candidate penalties, on the standardised scale, from none to strong. */
    public static final List<Double> GRID = List.of(0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0);

    /** Folds of the inner cross-validation. */
    public static final int INNER_FOLDS = 5;

    /** The penalty chosen on {@code rows}, with inner folds dealt by {@code seed}. */
    public double choose(HazardProblem rows, long seed) {
        int states = (int) java.util.Arrays.stream(rows.cluster()).distinct().count();
        FoldAssignment folds = Folds.byCluster(rows.cluster(), Math.min(INNER_FOLDS, states), seed);
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < folds.k(); f++) {
            splits.add(folds.split(f));
        }
        double[] y = rows.y();
        double best = Double.NEGATIVE_INFINITY;
        double chosen = GRID.get(0);
        for (double lambda : GRID) {
            HazardEstimator e = estimator(rows, lambda);
            double score = 0.0;
            for (Split s : splits) {
                HazardEstimate fit = e.fit(rows.select(s.train()));
                double[] p = fit.probabilities(rows.select(s.test()));
                int[] test = s.test();
                for (int i = 0; i < p.length; i++) {
                    score += y[test[i]] == 1.0 ? Math.log(p[i]) : Math.log1p(-p[i]);
                }
            }
            // ties keep the smaller penalty
            if (score > best) {
                best = score;
                chosen = lambda;
            }
        }
        return chosen;
    }

    @Override
    public HazardEstimate fit(HazardProblem training, long seed) {
        return estimator(training, choose(training, seed)).fit(training);
    }

    /** The estimator with penalty {@code lambda} on the standardised non-baseline columns of {@code rows}. */
    public HazardEstimator estimator(HazardProblem rows, double lambda) {
        List<String> baseline = rows.names().stream()
                .filter(n -> Variables.level(n).equals(Variables.BASELINE))
                .toList();
        return base.withFirth(false).withStandardizedRidge(lambda, baseline);
    }
}
