package org.normlab.estimate;

/**
 * One bin of a calibration table: rows grouped by predicted probability.
 *
 * @param bin 1-based bin number, in increasing order of predicted probability
 * @param n rows in the bin, &ge; 1
 * @param meanPredicted mean predicted probability in the bin
 * @param observedRate share of rows in the bin with an event
 * @param minPredicted smallest predicted probability in the bin
 * @param maxPredicted largest predicted probability in the bin
 */
public record CalibrationBin(
        int bin, int n, double meanPredicted, double observedRate, double minPredicted, double maxPredicted) {

    /** Validates ranges. */
    public CalibrationBin {
        if (bin < 1 || n < 1) {
            throw new EstimationException("calibration bin " + bin + " with " + n + " rows is invalid");
        }
        if (!(observedRate >= 0.0 && observedRate <= 1.0)) {
            throw new EstimationException("observed rate " + observedRate + " outside [0, 1]");
        }
    }
}
