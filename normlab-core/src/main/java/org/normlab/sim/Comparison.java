package org.normlab.sim;

import java.util.Objects;

/**
 * A scenario run paired with its baseline run: same seed, replicates, years and states, so that
 * replicate r of each used the same random streams and their difference is a paired estimate.
 * Immutable.
 *
 * @param scenario the scenario's result
 * @param baseline the baseline's result
 */
public record Comparison(EnsembleResult scenario, EnsembleResult baseline) {

    public Comparison {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(baseline, "baseline");
        if (scenario.seed() != baseline.seed() || scenario.replicates() != baseline.replicates()) {
            throw new IllegalArgumentException("a scenario and its baseline are paired only with the same seed and"
                    + " replicates: " + scenario.seed() + "/" + scenario.replicates() + " vs " + baseline.seed()
                    + "/" + baseline.replicates());
        }
        if (scenario.year(0) != baseline.year(0) || scenario.yearCount() != baseline.yearCount()
                || !scenario.iso3().equals(baseline.iso3())) {
            throw new IllegalArgumentException("a scenario and its baseline must cover the same years and states");
        }
    }

    /** Pairs a scenario's result with its baseline's. */
    public static Comparison of(EnsembleResult scenario, EnsembleResult baseline) {
        return new Comparison(scenario, baseline);
    }

    /** Scenario minus baseline parties at the end of simulated year k of replicate r. */
    public int partiesDifference(int r, int k) {
        return scenario.parties(r, k) - baseline.parties(r, k);
    }

    /** Scenario minus baseline withdrawn states at the end of simulated year k of replicate r. */
    public int withdrawnDifference(int r, int k) {
        return scenario.withdrawn(r, k) - baseline.withdrawn(r, k);
    }
}
