package org.normlab.sim;

import java.util.Map;

/**
 * A model of one transition (adoption or withdrawal): given the world of last year, which states at
 * risk make the transition this year. Implementations are immutable values: {@link LinearIndexHazard}
 * and {@link ThresholdModel}.
 *
 * <p>A model is used in three steps, each with its own life time: {@link #prepare} once per run
 * (precomputing what all replicates share), {@link TransitionRule#newWorker} once per thread (its
 * scratch space), and {@link TransitionRule.Worker#begin} and {@link TransitionRule.Worker#decide}
 * per replicate and per year.
 *
 * <p>Contract (checked by the engine and the tests): a worker returns only states at risk of the
 * transition ({@link Snapshot#atRiskState}), each at most once; its decisions depend only on the
 * snapshot and on the replicate's streams; and, for common random numbers, the random number a
 * state uses in a year does not depend on what other states did or drew (as with the per-state-year
 * substreams of the hazard, or thresholds and frailties drawn for every state at the start of a
 * replicate).
 */
public interface TransitionModel {

    /**
     * Prepares this model for a run.
     *
     * @param frame      the world bound to the simulated years
     * @param transition the transition the model decides
     * @return a rule shared by all replicates and threads
     * @throws IllegalArgumentException if the model cannot be evaluated on this world (an unknown
     *                                  term, a missing covariate value, a transition it cannot decide)
     */
    TransitionRule prepare(RunFrame frame, Transition transition);

    /** The model's parameters for the run manifest, in a stable order. */
    Map<String, Object> describe();
}
