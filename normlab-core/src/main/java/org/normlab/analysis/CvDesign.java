package org.normlab.analysis;

import org.normlab.data.InputException;

/**
 * How {@link Comparison} scores models on held-out data with their noise: R repeats of K-fold
 * leave-states-out cross-validation, the rolling-origin one-year-ahead forecasts, and whether the
 * ridge penalty is chosen inside each training fold ({@link TunedRidge}). Immutable.
 *
 * @param folds     K, at least 2
 * @param repeats   R, at least 1
 * @param rolling   whether to run the rolling-origin scheme too
 * @param tuneRidge whether the ridge penalty is chosen by inner cross-validation in every fit
 */
public record CvDesign(int folds, int repeats, boolean rolling, boolean tuneRidge) {

    /** The default number of repeats. */
    public static final int DEFAULT_REPEATS = 20;

    /** Validates. */
    public CvDesign {
        if (folds < 2) {
            throw new InputException("--folds needs K >= 2, got " + folds);
        }
        if (repeats < 1 || repeats > 1000) {
            throw new InputException("--repeats must be between 1 and 1000, got " + repeats);
        }
    }
}
