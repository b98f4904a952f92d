package org.normlab.estimate;

/**
 * An estimation input or outcome that the caller must act on: invalid data (non-binary response,
 * missing values, mismatched lengths), an option that does not fit the problem (cluster-robust
 * errors without cluster ids) or a model that cannot be fitted at all.
 *
 * <p>Messages name the offending column, row or option and say what to change. Problems that
 * still allow a fit (non-convergence, separation, collinear columns) are not thrown; they are
 * reported in {@link HazardEstimate#diagnostics()}.
 */
public class EstimationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do about it
     */
    public EstimationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public EstimationException(String message, Throwable cause) {
        super(message, cause);
    }
}
