package org.normlab.sim;

/**
 * A {@link TransitionModel} prepared for one run. Immutable and thread-safe.
 */
public interface TransitionRule {

    /** A worker for one thread, holding its scratch space. */
    Worker newWorker();

    /** Decides one replicate's transitions year by year. Not thread-safe: one per thread. */
    interface Worker {

        /** Starts a replicate; draws what the model draws once per replicate (e.g. thresholds). */
        void begin(ReplicateStreams streams);

        /**
         * Decides simulated year {@link Snapshot#yearIndex()}: writes the indices of the states that
         * make the transition into {@code out} and returns their number.
         *
         * @param snapshot the world at the end of last year
         * @param out      room for one entry per state
         */
        int decide(Snapshot snapshot, int[] out);

        /**
         * The probability that state s makes the transition this simulated year, given the snapshot
         * and what the replicate drew, as if it were at risk (0 when it is not in the system); NaN
         * when the model gives no probability (the threshold model decides, it does not weigh).
         */
        default double probability(Snapshot snapshot, int s) {
            return Double.NaN;
        }
    }
}
