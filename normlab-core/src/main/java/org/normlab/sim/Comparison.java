package org.normlab.sim;

import java.util.Objects;

/**
 * A scenario run paired with its baseline run: same seed, replicates, years and states, so that
 * replicate r of each used the same random streams and their difference is a paired estimate. Holds,
 * per simulated year, the distribution over replicates of the paired differences scenario − baseline
 * in parties and in withdrawn states, counted as the replicates were simulated. Immutable.
 */
public final class Comparison {
    private final EnsembleResult scenario;
    private final EnsembleResult baseline;
    private final CountHistogram[] partiesDifference;
    private final CountHistogram[] withdrawnDifference;
    /** Paired differences of the focus states' probabilities of having joined; null when not counted. */
    private final ProbabilityTally focusDifference;

    private Comparison(
            EnsembleResult scenario,
            EnsembleResult baseline,
            int[] parties,
            int[] withdrawn,
            ProbabilityTally focusDifference) {
        this.focusDifference = focusDifference;
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        if (scenario.seed() != baseline.seed() || scenario.replicates() != baseline.replicates()) {
            throw new IllegalArgumentException("a scenario and its baseline are paired only with the same seed and"
                    + " replicates: " + scenario.seed() + "/" + scenario.replicates() + " vs " + baseline.seed()
                    + "/" + baseline.replicates());
        }
        if (scenario.year(0) != baseline.year(0)
                || scenario.yearCount() != baseline.yearCount()
                || !scenario.iso3().equals(baseline.iso3())) {
            throw new IllegalArgumentException("a scenario and its baseline must cover the same years and states");
        }
        int years = scenario.yearCount();
        int width = 2 * scenario.stateCount() + 1;
        this.partiesDifference = new CountHistogram[years];
        this.withdrawnDifference = new CountHistogram[years];
        for (int k = 0; k < years; k++) {
            partiesDifference[k] = new CountHistogram(-scenario.stateCount(), parties, k * width, width);
            withdrawnDifference[k] = new CountHistogram(-scenario.stateCount(), withdrawn, k * width, width);
        }
    }

    /** Pairs two results with histograms of the differences laid out [k * (2S + 1) + d + S]. */
    static Comparison paired(
            EnsembleResult scenario,
            EnsembleResult baseline,
            int[] parties,
            int[] withdrawn,
            ProbabilityTally focusDifference) {
        return new Comparison(scenario, baseline, parties, withdrawn, focusDifference);
    }

    /**
     * Pairs a scenario's result with its baseline's after the fact, from their kept paths.
     *
     * @throws IllegalStateException if either kept no paths ({@link Ensemble#compare} pairs without them)
     */
    public static Comparison of(EnsembleResult scenario, EnsembleResult baseline) {
        int years = scenario.yearCount();
        int n = scenario.stateCount();
        int width = 2 * n + 1;
        int[] parties = new int[years * width];
        int[] withdrawn = new int[years * width];
        for (int r = 0; r < Math.min(scenario.replicates(), baseline.replicates()); r++) {
            for (int k = 0; k < Math.min(years, baseline.yearCount()); k++) {
                parties[k * width + n + scenario.parties(r, k) - baseline.parties(r, k)]++;
                withdrawn[k * width + n + scenario.withdrawn(r, k) - baseline.withdrawn(r, k)]++;
            }
        }
        return new Comparison(scenario, baseline, parties, withdrawn, null);
    }

    /** The scenario's result. */
    public EnsembleResult scenario() {
        return scenario;
    }

    /** The baseline's result. */
    public EnsembleResult baseline() {
        return baseline;
    }

    /** The distribution over replicates of scenario minus baseline parties at the end of simulated year k. */
    public CountHistogram partiesDifference(int k) {
        return partiesDifference[k];
    }

    /** The distribution over replicates of scenario minus baseline withdrawn states at the end of simulated year k. */
    public CountHistogram withdrawnDifference(int k) {
        return withdrawnDifference[k];
    }

    /**
     * The distribution over replicates of the paired difference scenario − baseline in a focus
     * state's probability of having joined by the end of {@code year} (see
     * {@link EnsembleResult#joinProbability}): scenario and baseline use the same frailty and parameter
     * draws in each replicate, so the 5–95 % range is the 90 % interval of the effect, with the
     * uncertainty of those draws. {@link EffectWords} puts it in words.
     *
     * @throws IllegalArgumentException if {@code iso3} is not a focus state, {@code year} is not
     *                                  simulated, or the comparison was paired after the fact ({@link #of})
     */
    public ProbabilitySummary partyProbabilityDifference(String iso3, int year) {
        if (focusDifference == null) {
            throw new IllegalArgumentException("the comparison was paired from kept paths, without focus states");
        }
        return focusDifference.summary(EnsembleResult.focusCell(scenario.focusStates(), iso3, year, scenario.frame()));
    }

    /** What actually happened in simulated year k: the observed parties in the system, empty after the data. */
    public java.util.OptionalInt observedParties(int k) {
        return baseline.observedParties(k);
    }

    /** Scenario minus baseline parties at the end of simulated year k of replicate r; needs kept paths. */
    public int partiesDifference(int r, int k) {
        return scenario.parties(r, k) - baseline.parties(r, k);
    }

    /** Scenario minus baseline withdrawn states at the end of simulated year k of replicate r; needs kept paths. */
    public int withdrawnDifference(int r, int k) {
        return scenario.withdrawn(r, k) - baseline.withdrawn(r, k);
    }
}
