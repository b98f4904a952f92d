package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.normlab.estimate.Link;

/**
 * Posterior frailties, parameter draws and the focus states' join probabilities, each checked against
 * a computation made here independently of the engine.
 */
class CounterfactualTest {

    private static final double SIGMA = 1.2;
    private static final double INTERCEPT = -3.0;
    private static final double DURATION = -0.3;

    /**
     * Two states from 1990 (the opening) to 2040: AAA in the system throughout and never party up to
     * 2025; BBB entering the system only in 2026. Covariate x is 1 for every state-year, or
     * {@code later} from 2026 on.
     */
    private static SimWorld world(double later, byte aaaIn2030) {
        int n = 2;
        int years = 2040 - 1990 + 1;
        boolean[][] in = new boolean[years][n];
        double[] x = new double[years * n];
        for (int t = 0; t < years; t++) {
            in[t][0] = true;
            in[t][1] = 1990 + t >= 2026;
            x[t * n] = 1990 + t >= 2026 ? later : 1.0;
            x[t * n + 1] = x[t * n];
        }
        SimWorld.Builder b = SimWorld.builder()
                .states(new String[] {"AAA", "BBB"}, new String[] {"R", "R"}, new String[] {"S", "S"})
                .years(1990, 2040)
                .openingYear(1990)
                .inSystem(in)
                .covariate("x", x);
        for (int year = 1990; year <= 2030; year++) {
            byte[] st = new byte[n];
            st[0] = year == 2030 ? aaaIn2030 : Status.NOT_PARTY;
            b.observedStatus(year, st);
        }
        return b.build();
    }

    private static LinearIndexHazard hazard() {
        return new LinearIndexHazard(
                Map.of("(Intercept)", INTERCEPT, "log_duration", DURATION, "x", 0.0), Link.LOGIT, SIGMA);
    }

    /** η of a state in {@code year} without frailty, under {@link #hazard()}. */
    private static double eta(int year) {
        return INTERCEPT + DURATION * Math.log(year - 1990 + 1.0);
    }

    /** Each replicate's frailty of {@code state}, read back from its adoption probability in the first year. */
    private static double[] frailties(
            LinearIndexHazard h, SimWorld w, int start, int state, int replicates, long seed) {
        RunFrame f = RunFrame.of(w, start, start + 5);
        TransitionRule.Worker worker = h.prepare(f, Transition.ADOPTION).newWorker();
        Snapshot snap = new Snapshot(f);
        snap.reset();
        ReplicateStreams[] streams = Ensemble.streams(seed, replicates);
        double[] out = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            worker.begin(streams[r]);
            double p = worker.probability(snap, state);
            out[r] = Math.log(p / (1 - p)) - eta(start);
        }
        return out;
    }

    /** The posterior mean of a frailty after the event-free risk-years 1990..last, by Simpson's rule on a fine grid. */
    private static double posteriorMean(int last) {
        int m = 40_000;
        double lo = -10 * SIGMA;
        double h = 20 * SIGMA / m;
        double num = 0;
        double den = 0;
        for (int i = 0; i <= m; i++) {
            double b = lo + i * h;
            double logf = -0.5 * (b / SIGMA) * (b / SIGMA);
            for (int year = 1990; year <= last; year++) {
                logf += -Math.log1p(Math.exp(eta(year) + b)); // log(1 − p) of an event-free year
            }
            double wgt = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            num += wgt * b * Math.exp(logf);
            den += wgt * Math.exp(logf);
        }
        return num / den;
    }

    @Test
    void aLongEventFreeHistoryPullsTheFrailtyWellBelowZeroAsAnIndependentIntegrationSays() {
        SimWorld w = world(1.0, Status.NOT_PARTY);
        LinearIndexHazard h = hazard().withFrailtyMode(FrailtyMode.POSTERIOR);
        double expected = posteriorMean(2025); // 36 event-free risk-years before a start in 2026
        assertThat(expected).isLessThan(-0.5);

        FrailtyPosterior history = FrailtyPosterior.history(
                RunFrame.of(w, 2026, 2031), Transition.ADOPTION, List.of("(Intercept)", "log_duration", "x"));
        assertThat(history.riskYears(0)).isEqualTo(36);
        assertThat(history.events(0)).isZero();
        assertThat(history.riskYears(1)).isZero();
        double[] dist = new double[2 * history.grid().row()];
        history.distribution(
                new double[] {INTERCEPT, DURATION, 0.0}, SIGMA, Link.LOGIT, dist, new double[history.longestHistory()]);
        assertThat(history.mean(dist, 0, SIGMA)).isCloseTo(expected, within(1e-5));

        double[] b = frailties(h, w, 2026, 0, 20_000, 11);
        double mean = Arrays.stream(b).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(b).map(v -> (v - mean) * (v - mean)).sum() / (b.length - 1));
        assertThat(mean).isCloseTo(expected, within(4 * sd / Math.sqrt(b.length)));
        // The prior's draws, from the same streams, centre on 0: the history is what moved them.
        double[] prior = frailties(hazard(), w, 2026, 0, 20_000, 11);
        assertThat(Arrays.stream(prior).average().orElseThrow()).isCloseTo(0, within(0.03));
    }

    @Test
    void aStateWithoutHistoryDrawsFromThePrior() {
        SimWorld w = world(1.0, Status.NOT_PARTY);
        // BBB enters the system in 2026: no risk-year before the start.
        double[] b = frailties(hazard().withFrailtyMode(FrailtyMode.POSTERIOR), w, 2026, 1, 5_000, 3);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, SIGMA), b);
        assertThat(p).isGreaterThan(0.01);
        double mean = Arrays.stream(b).average().orElseThrow();
        double var = Arrays.stream(b).map(v -> (v - mean) * (v - mean)).sum() / (b.length - 1);
        assertThat(mean).isCloseTo(0, within(4 * SIGMA / Math.sqrt(b.length)));
        assertThat(Math.sqrt(var)).isCloseTo(SIGMA, within(0.05));
        // A start at the opening year: no state has history, every one draws from the prior.
        double[] opening = frailties(hazard().withFrailtyMode(FrailtyMode.POSTERIOR), w, 1990, 0, 5_000, 3);
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, SIGMA), opening))
                .isGreaterThan(0.01);
    }

    @Test
    void posteriorDrawsConditionOnlyOnYearsBeforeTheStart() {
        LinearIndexHazard h = new LinearIndexHazard(
                        Map.of("(Intercept)", INTERCEPT, "log_duration", DURATION, "x", 0.4), Link.LOGIT, SIGMA)
                .withFrailtyMode(FrailtyMode.POSTERIOR);
        double[] a = frailties(h, world(1.0, Status.NOT_PARTY), 2026, 0, 500, 5);
        // x from 2026 on and AAA's status in 2030 change: years from the start on.
        SimWorld later = world(7.0, Status.PARTY);
        RunFrame f = RunFrame.of(later, 2026, 2031);
        TransitionRule.Worker worker = h.prepare(f, Transition.ADOPTION).newWorker();
        Snapshot snap = new Snapshot(f);
        snap.reset();
        ReplicateStreams[] streams = Ensemble.streams(5, 500);
        for (int r = 0; r < 500; r++) {
            worker.begin(streams[r]);
            double p = worker.probability(snap, 0);
            double b = Math.log(p / (1 - p)) - eta(2026) - 0.4 * 7.0 + 0.4; // a[r] carries x = 1 before the change
            assertThat(b).isCloseTo(a[r], within(1e-9));
        }
        // A change before the start changes them.
        double[] before = frailties(h, world(1.0, Status.NOT_PARTY), 2031, 0, 500, 5);
        double[] earlier = frailties(h, world(1.0, Status.NOT_PARTY), 2026, 0, 500, 5);
        assertThat(earlier).containsExactly(a);
        assertThat(before).isNotEqualTo(a);
    }

    @Test
    void coefficientsAreDrawnFromTheirSamplingDistributionAndPairedWithTheBaseline() {
        SimWorld w = world(1.0, Status.NOT_PARTY);
        ParameterCovariance cov =
                new ParameterCovariance(List.of("(Intercept)", "x"), new double[][] {{0.25, -0.05}, {-0.05, 0.04}});
        LinearIndexHazard h = new LinearIndexHazard(
                        Map.of("(Intercept)", INTERCEPT, "log_duration", DURATION, "x", 0.5), Link.LOGIT)
                .withCovariance(cov)
                .withParameterSampling(true);
        // x = 1, so the drawn η − η̂ is δ_intercept + δ_x, of variance 0.25 + 0.04 − 2·0.05 = 0.19.
        double[] d = new double[4000];
        RunFrame f = RunFrame.of(w, 2026, 2031);
        TransitionRule.Worker worker = h.prepare(f, Transition.ADOPTION).newWorker();
        Snapshot snap = new Snapshot(f);
        snap.reset();
        ReplicateStreams[] streams = Ensemble.streams(9, d.length);
        for (int r = 0; r < d.length; r++) {
            worker.begin(streams[r]);
            double p = worker.probability(snap, 0);
            d[r] = Math.log(p / (1 - p)) - eta(2026) - 0.5;
        }
        double mean = Arrays.stream(d).average().orElseThrow();
        double var = Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / (d.length - 1);
        assertThat(mean).isCloseTo(0, within(4 * Math.sqrt(0.19 / d.length)));
        assertThat(var).isCloseTo(0.19, within(0.02));

        // Scenario and baseline (the same models here) draw the same coefficients in each replicate.
        Simulation s = Simulation.of(w, 2026, 2035, h);
        Comparison c = Ensemble.builder()
                .replicates(400)
                .seed(4)
                .threads(2)
                .focus(List.of("AAA"))
                .build()
                .compare(s, Simulation.of(w, 2026, 2035, h));
        ProbabilitySummary diff = c.partyProbabilityDifference("AAA", 2035);
        assertThat(diff.q05()).isZero();
        assertThat(diff.q95()).isZero();
        ProbabilitySummary level = c.scenario().joinProbability("AAA", 2035);
        assertThat(level.q95() - level.q05()).isGreaterThan(0.05);
        // Without sampling every replicate has the same probability: no frailty, one state, no exposure.
        ProbabilitySummary fixed = Ensemble.builder()
                .replicates(50)
                .seed(4)
                .focus(List.of("AAA"))
                .build()
                .run(Simulation.of(w, 2026, 2035, h.withParameterSampling(false)))
                .joinProbability("AAA", 2035);
        double survive = 1;
        for (int year = 2026; year <= 2035; year++) {
            survive *= 1 - Link.LOGIT.probability(eta(year) + 0.5);
        }
        assertThat(fixed.mean()).isCloseTo(1 - survive, within(1e-9));
        assertThat(fixed.q05()).isCloseTo(1 - survive, within(5e-4));
        assertThat(fixed.q95()).isCloseTo(1 - survive, within(5e-4));
    }

    @Test
    void posteriorDrawsWithDrawnParametersAreTheSameWhateverTheThreadCount() {
        SimWorld w = world(1.0, Status.NOT_PARTY);
        ParameterCovariance cov = new ParameterCovariance(
                List.of("(Intercept)", "x", ParameterCovariance.LOG_FRAILTY_SD),
                new double[][] {{0.25, -0.05, 0.0}, {-0.05, 0.04, 0.0}, {0.0, 0.0, 0.09}});
        LinearIndexHazard h = hazard().withFrailtyMode(FrailtyMode.POSTERIOR)
                .withCovariance(cov)
                .withParameterSampling(true);
        Simulation s = Simulation.of(w, 2026, 2035, h);
        ProbabilitySummary one = Ensemble.builder()
                .replicates(300)
                .seed(8)
                .threads(1)
                .focus(List.of("AAA"))
                .build()
                .run(s)
                .joinProbability("AAA", 2035);
        ProbabilitySummary three = Ensemble.builder()
                .replicates(300)
                .seed(8)
                .threads(3)
                .focus(List.of("AAA"))
                .build()
                .run(s)
                .joinProbability("AAA", 2035);
        assertThat(three).isEqualTo(one);
        // Every replicate's posterior is placed for its own draw: the spread of the join probability
        // shows the drawn coefficients and σ.
        assertThat(one.q95() - one.q05()).isGreaterThan(0.05);
    }

    @Test
    void theMeanJoinProbabilityIsTheShareOfReplicatesThatJoin() {
        // Frailty posterior and parameter draws: the per-replicate probabilities average to the
        // probability of joining, which the share of replicates in which AAA joined estimates.
        SimWorld w = world(1.0, Status.NOT_PARTY);
        LinearIndexHazard h = new LinearIndexHazard(
                        Map.of("(Intercept)", -1.5, "log_duration", DURATION, "x", 0.0), Link.LOGIT, SIGMA)
                .withFrailtyMode(FrailtyMode.POSTERIOR)
                .withCovariance(new ParameterCovariance(List.of("(Intercept)"), new double[][] {{0.09}}))
                .withParameterSampling(true);
        EnsembleResult r = Ensemble.builder()
                .replicates(4000)
                .seed(12)
                .threads(2)
                .focus(List.of("AAA"))
                .build()
                .run(Simulation.of(w, 2026, 2035, h));
        double joined = r.partyProbability(0, r.yearCount() - 1);
        ProbabilitySummary p = r.joinProbability("AAA", 2035);
        assertThat(p.mean()).isCloseTo(joined, within(4 * Math.sqrt(joined * (1 - joined) / 4000)));
        assertThat(p.q05()).isLessThan(p.mean());
        assertThat(p.q95()).isGreaterThan(p.mean());
    }

    @Test
    void samplingNeedsACovarianceAndTheCovarianceOnlyTheHazardsTerms() {
        LinearIndexHazard h = LinearIndexHazard.of(Map.of("(Intercept)", -1.0), Link.LOGIT);
        assertThatThrownBy(() -> h.withParameterSampling(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs their covariance");
        assertThatThrownBy(() -> new ParameterCovariance(List.of("a", "b"), new double[][] {{1, 2}, {2, 1}}))
                .hasMessageContaining("not positive definite");
        assertThat(h.withCovariance(new ParameterCovariance(List.of("z"), new double[][] {{1}}))
                        .covariance())
                .isEqualTo(Optional.empty());
        assertThat(h.describe()).doesNotContainKeys("frailty", "uncertainty");
    }

    @Test
    void effectsArePutInWordsByTheirInterval() {
        var p = EffectWords.Scale.PROBABILITY;
        assertThat(EffectWords.classify(0.02, 0.30, p)).isEqualTo(EffectWords.Verdict.RAISES);
        assertThat(EffectWords.classify(-0.30, -0.06, p)).isEqualTo(EffectWords.Verdict.LOWERS);
        assertThat(EffectWords.classify(-0.01, 0.04, p)).isEqualTo(EffectWords.Verdict.NO_MATERIAL_CHANGE);
        assertThat(EffectWords.classify(0.001, 0.004, p)).isEqualTo(EffectWords.Verdict.NO_MATERIAL_CHANGE);
        assertThat(EffectWords.classify(-0.02, 0.25, p)).isEqualTo(EffectWords.Verdict.CANNOT_TELL);
        assertThat(EffectWords.classify(-0.12, 0.01, p)).isEqualTo(EffectWords.Verdict.CANNOT_TELL);
        assertThat(EffectWords.classify(-0.02, 0.07, p)).isEqualTo(EffectWords.Verdict.SMALL);
        assertThat(EffectWords.Verdict.CANNOT_TELL.words()).isEqualTo("the data cannot tell");
        var count = EffectWords.Scale.count(40);
        assertThat(count.negligible()).isEqualTo(2.0);
        assertThat(count.large()).isEqualTo(4.0);
        assertThatThrownBy(() -> EffectWords.classify(1, 0, p)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHistoricalRunCarriesWhatActuallyHappened() {
        SimWorld w = world(1.0, Status.PARTY);
        EnsembleResult r = Ensemble.builder()
                .replicates(20)
                .seed(1)
                .build()
                .run(Simulation.of(w, 2028, 2034, LinearIndexHazard.of(Map.of("(Intercept)", -2.0), Link.LOGIT)));
        assertThat(r.isHistorical()).isTrue();
        assertThat(r.observedParties(0)).hasValue(0); // 2028
        assertThat(r.observedParties(2)).hasValue(1); // 2030: AAA joined
        assertThat(r.observedParties(3)).isEmpty(); // 2031: after the data
        assertThat(r.observedStatus(0, 2)).contains(Status.PARTY);
        assertThat(r.observedStatus(0, 3)).isEmpty();
        assertThat(r.observedWithdrawn(1)).hasValue(0);
    }
}
