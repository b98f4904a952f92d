package org.normlab.sim;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The random streams of one replicate, one per mechanism, split from the run's generator before any
 * parallel work (see {@link Ensemble#streams}). A scenario and its baseline get the same streams for
 * the same replicate, which pairs them. The generators are mutable: a replicate's streams are used by
 * one thread at a time.
 *
 * <p>The frailties of the two hazards come from two substreams of one frailty stream, split in the
 * order adoption, withdrawal. Each hazard draws only from its own substream, so a state's disposition
 * towards joining is independent of its disposition towards leaving, and whether one hazard has a
 * frailty does not change the other's draws. The parameter draws come likewise from two substreams of
 * one parameter stream, split after the frailty stream.
 *
 * @param replicate          replicate index, from 0
 * @param adoption           stream keying the adoption hazard's per-state-year uniforms
 * @param withdrawal         stream keying the withdrawal hazard's per-state-year uniforms
 * @param thresholds         stream of the threshold model's per-replicate thresholds
 * @param adoptionFrailty    stream of the adoption hazard's per-replicate state frailties
 * @param withdrawalFrailty  stream of the withdrawal hazard's per-replicate state frailties
 * @param adoptionParameters   stream of the adoption hazard's per-replicate parameter draws
 * @param withdrawalParameters stream of the withdrawal hazard's per-replicate parameter draws
 */
public record ReplicateStreams(
        int replicate,
        RandomGenerator adoption,
        RandomGenerator withdrawal,
        RandomGenerator thresholds,
        RandomGenerator adoptionFrailty,
        RandomGenerator withdrawalFrailty,
        RandomGenerator adoptionParameters,
        RandomGenerator withdrawalParameters) {

    public ReplicateStreams {
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(adoptionFrailty, "adoptionFrailty");
        Objects.requireNonNull(withdrawalFrailty, "withdrawalFrailty");
        Objects.requireNonNull(adoptionParameters, "adoptionParameters");
        Objects.requireNonNull(withdrawalParameters, "withdrawalParameters");
    }

    /** The stream of a transition's hazard. */
    public RandomGenerator of(Transition transition) {
        return transition == Transition.ADOPTION ? adoption : withdrawal;
    }

    /** The stream of a transition's hazard parameter draws ({@link ParameterCovariance}). */
    public RandomGenerator parameters(Transition transition) {
        return transition == Transition.ADOPTION ? adoptionParameters : withdrawalParameters;
    }

    /** The stream of a transition's hazard frailties. */
    public RandomGenerator frailty(Transition transition) {
        return transition == Transition.ADOPTION ? adoptionFrailty : withdrawalFrailty;
    }
}
