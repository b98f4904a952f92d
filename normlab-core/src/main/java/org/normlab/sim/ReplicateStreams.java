package org.normlab.sim;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The random streams of one replicate, one per mechanism, split from the run's generator before any
 * parallel work (see {@link Ensemble}). A scenario and its baseline get the same streams for the same
 * replicate, which pairs them. The generators are mutable: a replicate's streams are used by one
 * thread at a time.
 *
 * @param replicate  replicate index, from 0
 * @param adoption   stream keying the adoption hazard's per-state-year uniforms
 * @param withdrawal stream keying the withdrawal hazard's per-state-year uniforms
 * @param thresholds stream of the threshold model's per-replicate thresholds
 */
public record ReplicateStreams(int replicate, RandomGenerator adoption, RandomGenerator withdrawal,
                               RandomGenerator thresholds) {

    public ReplicateStreams {
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The stream of a transition's hazard. */
    public RandomGenerator of(Transition transition) {
        return transition == Transition.ADOPTION ? adoption : withdrawal;
    }
}
