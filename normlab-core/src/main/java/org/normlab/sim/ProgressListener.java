package org.normlab.sim;

/**
 * Told how many replicates are done, e.g. to draw a progress bar. Called from worker threads, one
 * call at a time and with {@code done} increasing, after every few replicates and once at the end;
 * it should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * @param done  replicates finished so far, over all runs of the call
     * @param total replicates to run in the call
     */
    void progress(int done, int total);
}
