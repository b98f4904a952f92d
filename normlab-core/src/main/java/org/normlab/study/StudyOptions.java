package org.normlab.study;

import java.util.Objects;
import org.normlab.data.InputException;
import org.normlab.lifecycle.LifeCycleRules;

/**
 * Settings of a study. Immutable.
 *
 * @param instrument instrument id
 * @param seed       seed of every random stream (cross-validation folds and ensembles)
 * @param replicates replicates per ensemble
 * @param threads    threads for the ensembles (0 = all cores); results do not depend on it
 * @param folds      folds of the leave-states-out cross-validation
 * @param repeats    repeats of the leave-states-out cross-validation behind every paired comparison
 * @param horizon    last projected year of the counterfactuals
 * @param rules      life-cycle rules
 */
public record StudyOptions(
        String instrument,
        long seed,
        int replicates,
        int threads,
        int folds,
        int repeats,
        int horizon,
        LifeCycleRules rules) {
    /** The most repeats of the cross-validation a study takes. */
    public static final int MAX_REPEATS = 200;

    public static final int MAX_REPLICATES = 100_000;

    public StudyOptions {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(rules, "rules");
        if (replicates < 10 || replicates > MAX_REPLICATES) {
            throw new InputException("--replicates must be between 10 and " + MAX_REPLICATES + ", got " + replicates);
        }
        if (threads < 0) {
            throw new InputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        if (folds < 2) {
            throw new InputException("cross-validation needs at least 2 folds, got " + folds);
        }
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new InputException("--repeats must be between 1 and " + MAX_REPEATS + ", got " + repeats);
        }
    }

    public static StudyOptions of(String instrument) {
        return new StudyOptions(
                instrument,
                1,
                1000,
                0,
                10,
                org.normlab.analysis.CvDesign.DEFAULT_REPEATS,
                2035,
                LifeCycleRules.DEFAULT);
    }

    public StudyOptions withSeed(long s) {
        return new StudyOptions(instrument, s, replicates, threads, folds, repeats, horizon, rules);
    }

    public StudyOptions withReplicates(int n) {
        return new StudyOptions(instrument, seed, n, threads, folds, repeats, horizon, rules);
    }

    public StudyOptions withThreads(int n) {
        return new StudyOptions(instrument, seed, replicates, n, folds, repeats, horizon, rules);
    }

    public StudyOptions withRepeats(int n) {
        return new StudyOptions(instrument, seed, replicates, threads, folds, n, horizon, rules);
    }
}
