package org.normlab.sim;

/**
 * Told of every replicate's history as soon as it is simulated, to write it somewhere (e.g. a
 * Parquet file) without the ensemble keeping it. Called from worker threads, possibly at the same
 * time from several, in no fixed replicate order: an implementation must be thread-safe and should
 * not assume an order (sort by replicate when writing, if the output must be identical for any
 * thread count).
 */
@FunctionalInterface
public interface ReplicateListener {

    /** A listener that ignores replicates. */
    ReplicateListener NONE = (run, path) -> {};

    /**
     * @param run  which simulation of the call: 0 for {@link Ensemble#run} and for the scenario of
     *             {@link Ensemble#compare}, 1 for the baseline of {@link Ensemble#compare}
     * @param path the replicate's history, valid only during the call
     */
    void replicate(int run, ReplicatePath path);
}
