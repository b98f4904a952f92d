package org.normlab.scenario;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.normlab.sim.Exposure;

/**
 * Settings of the threshold model of adoption ({@link org.normlab.sim.ThresholdModel}). Immutable.
 *
 * @param mean     mean of the thresholds
 * @param sd       standard deviation of the thresholds, ≥ 0
 * @param exposure the exposure compared with the thresholds
 * @param cost     domestic-cost coefficients by covariate, raising the threshold
 */
public record ThresholdSettings(double mean, double sd, Exposure exposure, Map<String, Double> cost) {

    public ThresholdSettings {
        if (!Double.isFinite(mean) || !Double.isFinite(sd) || sd < 0) {
            throw new IllegalArgumentException("threshold mean must be finite and sd finite and ≥ 0");
        }
        Objects.requireNonNull(exposure, "exposure");
        cost = Collections.unmodifiableMap(new TreeMap<>(cost));
    }
}
