package org.normlab.analysis;

import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;

/**
 * Fits a model on the training rows of one cross-validation fold. Whatever the fitter tunes (a
 * ridge penalty, say) it tunes on those rows only, so that the held-out rows stay unseen.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface FoldFitter {

    /**
     * Fits the training rows.
     *
     * @param training the training rows, clustered by state
     * @param seed     a seed for any random choice the fitter makes (e.g. inner folds), derived
     *                 from the comparison's seed
     * @return the estimate
     */
    HazardEstimate fit(HazardProblem training, long seed);

    /** Fits every fold with the same estimator (its penalty, if any, fixed in advance). */
    static FoldFitter of(HazardEstimator estimator) {
        return (training, seed) -> estimator.fit(training);
    }
}
