package org.normlab.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normlab.estimate.Link;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;

/** ABC recovers the parameters a curve was simulated with. */
class AbcTest {
    static final SimWorld WORLD = SimWorld.synthetic(80, 2000, 2029, 3);
    static final double[] TRUTH = {-4.0, 5.0};

    /** The mean share of parties by year over the replicates, for (Intercept) and share_global. */
    static double[] curve(double[] theta, long seed, int replicates) {
        LinearIndexHazard h =
                LinearIndexHazard.of(Map.of("(Intercept)", theta[0], "share_global", theta[1]), Link.LOGIT);
        EnsembleResult r = Ensemble.builder()
                .replicates(replicates)
                .seed(seed)
                .threads(1)
                .build()
                .run(Simulation.of(WORLD, 2000, 2029, h));
        double[] c = new double[r.yearCount()];
        for (int k = 0; k < c.length; k++) {
            c[k] = (double) r.parties(k).sum() / replicates / r.inSystem(k);
        }
        return c;
    }

    static Abc.Settings settings(int threads) {
        return new Abc.Settings(
                List.of("(Intercept)", "share_global"),
                new double[] {-7, 0},
                new double[] {-1, 10},
                100,
                3,
                0,
                0.5,
                17,
                threads);
    }

    @Test
    void smcRecoversTheParametersOfASimulatedCurveInsideTheir90PercentIntervals() {
        double[] observed = curve(TRUTH, 123456789L, 400);
        Abc.Result r = Abc.of(settings(2), (theta, seed) -> curve(theta, seed, 10), observed)
                .smc();
        assertThat(r.generations()).hasSize(4);
        assertThat(r.stoppedEarly()).isFalse();
        Abc.Generation post = r.posterior();
        for (int j = 0; j < 2; j++) {
            double[] v = new double[post.theta().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = post.theta()[i][j];
            }
            double lo = Abc.weightedQuantile(v, post.weight(), 0.05);
            double hi = Abc.weightedQuantile(v, post.weight(), 0.95);
            assertThat(TRUTH[j]).as("parameter %d in [%f, %f]", j, lo, hi).isBetween(lo, hi);
            // The posterior is narrower than the prior: the data inform the parameter.
            assertThat(hi - lo).isLessThan(0.8 * (j == 0 ? 6 : 10));
        }
        // Tolerances fall from generation to generation.
        for (int t = 2; t < r.generations().size(); t++) {
            assertThat(r.generations().get(t).tolerance())
                    .isLessThan(r.generations().get(t - 1).tolerance());
        }
        double w = 0;
        for (double x : post.weight()) {
            w += x;
        }
        assertThat(w).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void resultsDoNotDependOnTheThreadCountAndRejectionKeepsTheClosestDraws() {
        double[] observed = curve(TRUTH, 5, 100);
        Abc.Settings one =
                new Abc.Settings(List.of("a", "b"), new double[] {-7, 0}, new double[] {-1, 10}, 20, 1, 200, 0.1, 3, 1);
        Abc.Settings two =
                new Abc.Settings(List.of("a", "b"), new double[] {-7, 0}, new double[] {-1, 10}, 20, 1, 200, 0.1, 3, 2);
        Abc.Model m = (theta, seed) -> curve(theta, seed, 5);
        Abc.Result a = Abc.of(one, m, observed).smc();
        Abc.Result b = Abc.of(two, m, observed).smc();
        assertThat(a.posterior().theta()).isDeepEqualTo(b.posterior().theta());
        assertThat(a.posterior().weight()).containsExactly(b.posterior().weight());
        Abc.Result rej = Abc.of(one, m, observed).rejection();
        Abc.Generation g = rej.posterior();
        assertThat(g.theta()).hasNumberOfRows(20);
        assertThat(g.attempts()).isEqualTo(200);
        for (double d : g.distance()) {
            assertThat(d).isLessThanOrEqualTo(g.tolerance());
        }
    }
}
