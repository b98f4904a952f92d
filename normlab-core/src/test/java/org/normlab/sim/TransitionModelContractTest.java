package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normlab.estimate.Link;

/**
 * What every adoption model must do, checked on each implementation: return only states at risk,
 * each once; decide the same from the same streams; and draw per state, so that without exposures
 * to couple them a state's path does not depend on which other states exist.
 */
class TransitionModelContractTest {
    private static final int N = 40;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("logit hazard", LinearIndexHazard.of(Map.of("(Intercept)", -2.0, "x", 0.5), Link.LOGIT)),
                Arguments.of(
                        "cloglog hazard", LinearIndexHazard.of(Map.of("(Intercept)", -2.5, "x", 0.7), Link.CLOGLOG)),
                // No borders in these worlds, so share_border is 0: thresholds ≤ 0 adopt, others never.
                Arguments.of(
                        "threshold",
                        ThresholdModel.of(0.0, 0.3)
                                .withExposure(Exposure.BORDER)
                                .withCost(Map.of("x", 0.1))
                                .withIncentives(Map.of("log_duration", 0.05))));
    }

    private static SimWorld world(int absent) {
        String[] one = new String[N];
        Arrays.fill(one, "World");
        int years = 12;
        double[] x = new double[years * N];
        boolean[][] in = new boolean[years][N];
        for (int t = 0; t < years; t++) {
            for (int s = 0; s < N; s++) {
                x[t * N + s] = (s % 5) - 2 + 0.1 * t;
                in[t][s] = s >= absent;
            }
        }
        return SimWorld.builder()
                .states(Worlds.codes(N), one, one)
                .years(2000, 2011)
                .openingYear(2000)
                .inSystem(in)
                .covariate("x", x)
                .build();
    }

    private static EnsembleResult run(TransitionModel m, SimWorld w, int threads) {
        Simulation sim = Simulation.of(w, 2000, 2011, m)
                .withWithdrawal(LinearIndexHazard.of(Map.of("(Intercept)", -3.0), Link.CLOGLOG));
        return Ensemble.builder()
                .replicates(100)
                .seed(31)
                .threads(threads)
                .keepPaths(true)
                .build()
                .run(sim);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void decidesTheSameFromTheSameStreams(String name, TransitionModel m) {
        EnsembleResult a = run(m, world(0), 1);
        EnsembleResult b = run(m, world(0), 2);
        int events = 0;
        for (int r = 0; r < 100; r++) {
            for (int s = 0; s < N; s++) {
                assertThat(b.adoptionYear(r, s)).isEqualTo(a.adoptionYear(r, s));
                assertThat(b.withdrawalYear(r, s)).isEqualTo(a.withdrawalYear(r, s));
                events += a.adoptionYear(r, s).isPresent() ? 1 : 0;
            }
        }
        assertThat(events).as("the model adopts sometimes").isBetween(1, 100 * N - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aStatesDrawsDoNotDependOnOtherStates(String name, TransitionModel m) {
        EnsembleResult all = run(m, world(0), 2);
        EnsembleResult fewer = run(m, world(8), 2);
        for (int r = 0; r < 100; r++) {
            for (int s = 0; s < 8; s++) {
                assertThat(fewer.adoptionYear(r, s))
                        .as("a state outside the system never adopts")
                        .isEmpty();
            }
            for (int s = 8; s < N; s++) {
                assertThat(fewer.adoptionYear(r, s))
                        .as("replicate %d state %d", r, s)
                        .isEqualTo(all.adoptionYear(r, s));
                assertThat(fewer.withdrawalYear(r, s)).isEqualTo(all.withdrawalYear(r, s));
            }
        }
    }

    /** Decisions go only to states at risk, each once (the engine refuses anything else). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void returnsOnlyStatesAtRiskEachOnce(String name, TransitionModel m) {
        RunFrame frame = RunFrame.of(world(3), 2000, 2011);
        TransitionRule.Worker w = m.prepare(frame, Transition.ADOPTION).newWorker();
        Snapshot snap = new Snapshot(frame);
        snap.reset();
        w.begin(Ensemble.streams(5, 1)[0]);
        int[] out = new int[N];
        for (int k = 0; k < frame.yearCount(); k++) {
            int n = w.decide(snap, out);
            assertThat(Arrays.stream(out, 0, n).distinct().count()).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(snap.atRisk(out[i], Transition.ADOPTION)).isTrue();
            }
            for (int i = 0; i < n; i++) {
                snap.apply(out[i], Transition.ADOPTION);
            }
            snap.advance();
        }
    }
}
