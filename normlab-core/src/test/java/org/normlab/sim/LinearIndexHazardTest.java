package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.estimate.Link;

class LinearIndexHazardTest {

    /**
     * One state at a constant η: the share of replicates adopting in the first year is binomial
     * with the link's p. Tolerance: 4 binomial standard deviations (a false alarm about once in
     * 16,000 seeds; the seed is fixed).
     */
    @ParameterizedTest
    @CsvSource({"LOGIT, -1.3", "LOGIT, 0.4", "CLOGLOG, -2.0", "CLOGLOG, 0.1"})
    void adoptionShareMatchesTheLinkProbability(Link link, double eta) {
        SimWorld world = Worlds.flat(1, 2000, 2001);
        Simulation sim = Simulation.of(world, 2000, 2001, LinearIndexHazard.of(Map.of("(Intercept)", eta), link));
        int reps = 40_000;
        EnsembleResult r = Ensemble.builder()
                .replicates(reps)
                .seed(20240601)
                .threads(2)
                .build()
                .run(sim);
        long adopted = r.newParties(0).sum();
        double p = link.probability(eta);
        double share = (double) adopted / reps;
        assertThat(share).isCloseTo(p, org.assertj.core.data.Offset.offset(4 * Math.sqrt(p * (1 - p) / reps)));
        // The second year's hazard applies to the survivors only.
        long second = r.newParties(1).sum();
        double expected = (1 - p) * p;
        assertThat((double) second / reps)
                .isCloseTo(
                        expected, org.assertj.core.data.Offset.offset(4 * Math.sqrt(expected * (1 - expected) / reps)));
    }

    /**
     * The hot loop's decisions equal those of η assembled from the exact shares of the snapshot and
     * the terms' values, for adoption and withdrawal (where a party is excluded from its own
     * subregion and alliance), on a world whose system and alliance change every year; with and
     * without the local exposures (two loops), and with and without a frailty b_s, which must be σ
     * times the standard normals of the transition's frailty stream for every state in index order.
     */
    @ParameterizedTest
    @CsvSource({
        "ADOPTION, LOGIT, true, 0",
        "WITHDRAWAL, CLOGLOG, true, 0",
        "WITHDRAWAL, LOGIT, true, 0",
        "ADOPTION, LOGIT, false, 0",
        "ADOPTION, LOGIT, true, 0.9",
        "ADOPTION, CLOGLOG, false, 1.3",
        "WITHDRAWAL, CLOGLOG, true, 0.6",
        "WITHDRAWAL, LOGIT, false, 0.6"
    })
    void hotLoopMatchesTheLinearIndexFromExactShares(Transition transition, Link link, boolean local, double sd) {
        SimWorld base = ExposuresTest.randomWorld(70, 2000, 2030, 21);
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(8);
        double[] x = new double[base.yearCount() * base.stateCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        SimWorld world = base.withCovariates(Map.of("x", x));
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("(Intercept)", -1.0);
        c.put("x", 0.7);
        c.put("log_duration", -0.2);
        c.put("share_global", 1.5);
        double bb = local ? 1.1 : 0.0;
        double bs = local ? -1.3 : 0.0;
        double ba = local ? 2.2 : 0.0;
        if (local) {
            c.put("share_border", bb);
            c.put("share_subregion", bs);
            c.put("share_allies", ba);
        }
        LinearIndexHazard h = LinearIndexHazard.of(c, link).withFrailty(sd);
        RunFrame frame = RunFrame.of(world, 2000, 2030);
        TransitionRule.Worker worker = h.prepare(frame, transition).newWorker();
        worker.begin(Ensemble.streams(17, 1)[0]);
        long key = Ensemble.streams(17, 1)[0].of(transition).nextLong();
        RandomGenerator frailty = Ensemble.streams(17, 1)[0].frailty(transition);
        double[] b = new double[world.stateCount()];
        for (int s = 0; s < b.length; s++) {
            b[s] = sd * frailty.nextGaussian();
        }
        double[] xs = frame.term("x");
        double[] dur = frame.term("log_duration");
        Snapshot snap = new Snapshot(frame);
        snap.reset();
        int[] out = new int[world.stateCount()];
        int checked = 0;
        int events = 0;
        for (int k = 0; k < frame.yearCount(); k++) {
            java.util.Set<Integer> expected = new java.util.TreeSet<>();
            for (int s = 0; s < world.stateCount(); s++) {
                if (!snap.atRisk(s, transition)) {
                    continue;
                }
                int i = k * world.stateCount() + s;
                double eta = -1.0
                        + 0.7 * xs[i]
                        - 0.2 * dur[i]
                        + 1.5 * snap.shareGlobal()
                        + bb * snap.shareBorder(s)
                        + bs * snap.shareSubregion(s)
                        + ba * snap.shareAllies(s)
                        + b[s];
                if (eta >= link.linearPredictor(Uniforms.uniform(Uniforms.bits(key, frame.year(k), s)))) {
                    expected.add(s);
                }
                checked++;
            }
            int n = worker.decide(snap, out);
            java.util.Set<Integer> got = new java.util.TreeSet<>();
            for (int j = 0; j < n; j++) {
                got.add(out[j]);
            }
            assertThat(got).as("year %d", frame.year(k)).isEqualTo(expected);
            events += n;
            // Move the world on with random adoptions and withdrawals, so that both risk sets stay full.
            for (int s = 0; s < world.stateCount(); s++) {
                if (snap.atRisk(s, Transition.ADOPTION) && rng.nextDouble() < 0.06) {
                    snap.apply(s, Transition.ADOPTION);
                } else if (snap.atRisk(s, Transition.WITHDRAWAL) && rng.nextDouble() < 0.02) {
                    snap.apply(s, Transition.WITHDRAWAL);
                }
            }
            snap.advance();
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(events).isBetween(checked / 20, checked - checked / 20);
    }

    /** The bucketed comparison is bit-for-bit the plain comparison η ≥ link(u), also at bucket edges. */
    @Test
    void bucketedComparisonEqualsPlainComparison() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(99);
        for (Link link : Link.values()) {
            double[] cuts = Uniforms.cuts(link);
            for (int i = 0; i < 300_000; i++) {
                int bits = rng.nextInt();
                double u = Uniforms.uniform(bits);
                double eta = switch (i % 3) {
                    case 0 -> -12 + 16 * rng.nextDouble();
                    case 1 -> link.linearPredictor(u);
                    default -> Math.nextDown(link.linearPredictor(u));
                };
                assertThat(Uniforms.event(eta, bits, link, cuts)).isEqualTo(eta >= link.linearPredictor(u));
            }
        }
    }

    /** Links invert each other and are non-decreasing in floating point over the uniforms used. */
    @Test
    void linksInvertAndAreMonotone() {
        for (Link link : Link.values()) {
            for (double p : new double[] {1e-9, 0.001, 0.2, 0.5, 0.9, 0.999}) {
                assertThat(link.probability(link.linearPredictor(p)))
                        .isCloseTo(p, org.assertj.core.data.Offset.offset(1e-12));
            }
            double last = Double.NEGATIVE_INFINITY;
            for (long w = 0; w < (1L << 32); w += 65_521) {
                double x = link.linearPredictor(Uniforms.uniform((int) w));
                assertThat(x).isGreaterThanOrEqualTo(last);
                last = x;
            }
        }
        assertThat(Link.parse("cloglog")).isEqualTo(Link.CLOGLOG);
        assertThatThrownBy(() -> Link.parse("probit")).hasMessageContaining("use logit or cloglog");
    }

    /** The uniforms are uniform: a chi-squared test over 64 cells at a fixed key. */
    @Test
    void uniformsAreUniform() {
        int[] cells = new int[64];
        int n = 0;
        for (int year = 1997; year < 2037; year++) {
            for (int s = 0; s < 5000; s++) {
                cells[(Uniforms.bits(123456789L, year, s) >>> 26)]++;
                n++;
            }
        }
        double expected = n / 64.0;
        double chi2 = 0;
        for (int c : cells) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 63 degrees of freedom: the 99.9 % point is 103.4.
        assertThat(chi2).isLessThan(103.4);
    }

    @Test
    void coefficientsAreSortedAndValidated() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("share_global", 1.0);
        c.put("(Intercept)", -2.0);
        LinearIndexHazard h = LinearIndexHazard.of(c, Link.LOGIT);
        assertThat(h.coefficients().keySet()).containsExactly("(Intercept)", "share_global");
        assertThatThrownBy(() -> LinearIndexHazard.of(Map.of("x", Double.NaN), Link.LOGIT))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> h.withTerms(Map.of("share_global", 2.0))).hasMessageContaining("already in the model");
    }

    @Test
    void unknownTermIsAClearError() {
        SimWorld world = SimWorld.synthetic(10, 2000, 2005, 1);
        Simulation sim = Simulation.of(
                world, 2000, 2005, LinearIndexHazard.of(Map.of("(Intercept)", -2.0, "gdp", 0.1), Link.LOGIT));
        assertThatThrownBy(() -> Ensemble.builder().replicates(2).build().run(sim))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown term 'gdp'")
                .hasMessageContaining("gdp_log");
    }

    /** Built-in terms take the documented values. */
    @Test
    void builtInTermValues() {
        SimWorld world = Worlds.flat(2, 1997, 2001);
        RunFrame f = RunFrame.of(world, 1997, 2001);
        assertThat(f.term("(Intercept)")).containsOnly(1.0);
        double[] d = f.term("log_duration");
        assertThat(d[0]).isEqualTo(0.0);
        assertThat(d[2 * 2]).isEqualTo(Math.log(3));
        assertThat(f.term("opening_year")).containsExactly(0, 0, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThat(f.term("year_2000")).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 0, 0);
        assertThatThrownBy(() -> f.term("share_border")).hasMessageContaining("exposure");
    }
}
