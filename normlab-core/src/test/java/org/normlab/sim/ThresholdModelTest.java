package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Granovetter (1978): 10,000 agents with thresholds Normal(0.25, sd), one subregion, no borders,
 * exposure share_global, seeded by the agents whose threshold is at most 0. The cascade completes
 * above a critical sd of about 0.122 and stalls below it; below it the share settles at the lowest
 * fixed point of x = F(x), F the normal distribution function.
 */
class ThresholdModelTest {
    private static final int AGENTS = 10_000;
    private static SimWorld world;

    @BeforeAll
    static void world() {
        world = Worlds.flat(AGENTS, 2000, 2060);
    }

    private static double[] finalShares(double sd, int replicates) {
        Simulation sim = Simulation.of(world, 2000, 2060, ThresholdModel.of(0.25, sd));
        EnsembleResult r = Ensemble.builder()
                .replicates(replicates)
                .seed(1978)
                .threads(2)
                .keepPaths(true)
                .build()
                .run(sim);
        double[] shares = new double[replicates];
        for (int i = 0; i < replicates; i++) {
            shares[i] = (double) r.parties(i, r.yearCount() - 1) / AGENTS;
        }
        return shares;
    }

    @Test
    void cascadeCompletesAboveTheCriticalSd() {
        for (double x : finalShares(0.2, 2)) {
            assertThat(x).isGreaterThan(0.9);
        }
    }

    @Test
    void cascadeStallsBelowTheCriticalSd() {
        for (double x : finalShares(0.05, 2)) {
            assertThat(x).isLessThan(0.1);
        }
    }

    /**
     * At sd = 0.11 the lowest fixed point is x* ≈ 0.0171. Each replicate's final share has a
     * standard deviation of about 0.002 (binomial noise amplified by 1/(1 − F'(x*)) ≈ 1.6); the
     * mean of 8 replicates must lie within 0.003 (about 4 of its standard deviations).
     */
    @Test
    void stalledShareIsTheFixedPointOfTheNormalCdf() {
        NormalDistribution f = new NormalDistribution(0.25, 0.11);
        double x = 0;
        for (int i = 0; i < 10_000; i++) {
            double next = f.cumulativeProbability(x);
            if (Math.abs(next - x) < 1e-14) {
                break;
            }
            x = next;
        }
        assertThat(x).isBetween(0.015, 0.02);
        double[] shares = finalShares(0.11, 8);
        double mean = java.util.Arrays.stream(shares).average().orElseThrow();
        assertThat(mean).isCloseTo(x, org.assertj.core.data.Offset.offset(0.003));
    }

    /** Domestic cost raises thresholds and incentives lower them, per state-year. */
    @Test
    void costAndIncentivesShiftTheThreshold() {
        int n = 400;
        double[] cost = new double[2 * n];
        double[] carrot = new double[2 * n];
        for (int s = 0; s < n; s++) {
            cost[s] = s < n / 2 ? 1.0 : 0.0;
            cost[n + s] = cost[s];
            carrot[s] = s % 2;
            carrot[n + s] = s % 2;
        }
        String[] one = new String[n];
        java.util.Arrays.fill(one, "World");
        SimWorld w = SimWorld.builder()
                .states(Worlds.codes(n), one, one)
                .years(2000, 2001)
                .openingYear(2000)
                .covariate("cost", cost)
                .covariate("carrot", carrot)
                .build();
        // Threshold exactly 0 for everyone (sd 0): all adopt in the first year unless cost raises it
        // to 0.5; the incentive lowers it back for odd states. In the second year the exposure is 0.75.
        ThresholdModel m =
                ThresholdModel.of(0.0, 0.0).withCost(Map.of("cost", 0.5)).withIncentives(Map.of("carrot", 0.5));
        EnsembleResult r = Ensemble.builder()
                .replicates(1)
                .keepPaths(true)
                .threads(1)
                .build()
                .run(Simulation.of(w, 2000, 2001, m));
        for (int s = 0; s < n; s++) {
            int year = s >= n / 2 || s % 2 == 1 ? 2000 : 2001;
            assertThat(r.adoptionYear(0, s)).as("state %d", s).hasValue(year);
        }
    }

    @Test
    void decidesAdoptionOnly() {
        Simulation sim = Simulation.of(world, 2000, 2001, ThresholdModel.of(0.25, 0.1))
                .withWithdrawal(ThresholdModel.of(0.25, 0.1));
        assertThatThrownBy(() -> Ensemble.builder().replicates(1).build().run(sim))
                .hasMessageContaining("adoption only");
    }
}
