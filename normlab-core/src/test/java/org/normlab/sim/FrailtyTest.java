package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.assertj.core.data.Offset;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.estimate.Link;

/** The shared frailty of {@link LinearIndexHazard}: p = link⁻¹(η + b_s), b_s ~ Normal(0, σ²) per replicate. */
class FrailtyTest {

    /**
     * SHA-256 of the outputs of {@link #unchangedRuns} written by the engine as it was before
     * frailties existed (same runs, same code path, commit 318b9eb): without frailty, adding the
     * frailty streams must not change a single byte. A deliberate change to the engine's draws must
     * update these digests.
     */
    private static final Map<String, String> BEFORE_FRAILTY = Map.of(
            "curve", "16723f923ac36c884de2cfc79b215f169d8fdc0193d7db6aae043eda8bb8190b",
            "states", "09d2ea38f232c7d0e1277513ac6bc094de7d97c3778100bc3eb2242191ae5788",
            "lifecycle", "6e3ff02756468b6690133718ac3d38e46636d8718f592f4570d3cd9a5efc3e09",
            "diff", "62a470e9a36d18787460d1c50bd0ad13d864abd71c1f4ea943b3c79b95abaaa4",
            "threshold_curve", "fbd2594eb659865d23852611c29bae406b8fce3e00e9e2a73eb22eb5c159c35d",
            "threshold_states", "45bf14c174e959c36914ba6efeca00f7d8ceacbbca04f7a45552197d5f5a71e3");

    /**
     * The SHA-256 of the outputs of the determinism test's paired run and of a threshold run with
     * withdrawal, the hazards as built or with {@code withFrailty(0.0)}.
     */
    private static Map<String, String> unchangedRuns(boolean withZeroFrailty, Path dir) throws IOException {
        LinearIndexHazard a = EnsembleTest.adoption();
        LinearIndexHazard w = EnsembleTest.withdrawal();
        if (withZeroFrailty) {
            a = a.withFrailty(0.0);
            w = w.withFrailty(0.0);
        }
        Comparison c = Ensemble.builder()
                .replicates(300)
                .seed(777)
                .threads(2)
                .build()
                .compare(
                        Simulation.of(EnsembleTest.scenarioWorld(), 1997, 2030, a)
                                .withWithdrawal(w),
                        Simulation.of(EnsembleTest.WORLD, 1997, 2030, a).withWithdrawal(w));
        EnsembleResult t = Ensemble.builder()
                .replicates(200)
                .seed(778)
                .threads(2)
                .build()
                .run(Simulation.of(
                                EnsembleTest.WORLD,
                                1997,
                                2030,
                                ThresholdModel.of(0.3, 0.2).withCost(Map.of("conflict", 0.2)))
                        .withWithdrawal(w));
        Files.createDirectories(dir);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("curve", sha256(EnsembleWriter.writeCurve(c.scenario(), dir.resolve("curve.csv"))));
        out.put("states", sha256(EnsembleWriter.writeStates(c.scenario(), dir.resolve("states.csv"))));
        out.put("lifecycle", sha256(EnsembleWriter.writeLifecycle(c.scenario(), dir.resolve("lifecycle.csv"))));
        out.put("diff", sha256(EnsembleWriter.writeDiff(c, dir.resolve("diff.csv"))));
        out.put("threshold_curve", sha256(EnsembleWriter.writeCurve(t, dir.resolve("t_curve.csv"))));
        out.put("threshold_states", sha256(EnsembleWriter.writeStates(t, dir.resolve("t_states.csv"))));
        return out;
    }

    /**
     * The SHA-256 of a file as the engine wrote it before the observed history joined its outputs:
     * without the observed columns, which come last in curve.csv (two) and diff.csv (one).
     */
    private static String sha256(Path file) throws IOException {
        String name = file.getFileName().toString();
        int observed = name.endsWith("curve.csv") ? 2 : name.equals("diff.csv") ? 1 : 0;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            text.append(String.join(",", java.util.Arrays.copyOf(f, f.length - observed)))
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** σ = 0, given or not, leaves every output byte as the engine wrote it before frailties. */
    @Test
    void zeroFrailtyGivesTheOutputsOfTheEngineWithoutFrailty(@TempDir Path tmp) throws IOException {
        assertThat(unchangedRuns(false, tmp.resolve("plain"))).isEqualTo(BEFORE_FRAILTY);
        assertThat(unchangedRuns(true, tmp.resolve("zero"))).isEqualTo(BEFORE_FRAILTY);
        assertThat(EnsembleTest.adoption().withFrailty(0.0)).isEqualTo(EnsembleTest.adoption());
        assertThat(EnsembleTest.adoption().withFrailty(-0.0)).isEqualTo(EnsembleTest.adoption());
    }

    private static Simulation frail(SimWorld world, double adoptionSd, double withdrawalSd) {
        return Simulation.of(world, 1997, 2030, EnsembleTest.adoption().withFrailty(adoptionSd))
                .withWithdrawal(EnsembleTest.withdrawal().withFrailty(withdrawalSd));
    }

    private static List<byte[]> frailOutputs(int threads, Path dir) throws IOException {
        Comparison c = Ensemble.builder()
                .replicates(300)
                .seed(777)
                .threads(threads)
                .build()
                .compare(frail(EnsembleTest.scenarioWorld(), 0.9, 0.7), frail(EnsembleTest.WORLD, 0.9, 0.7));
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : EnsembleWriter.writeAll(dir, Manifest.of("0.1.0", "sha256:test"), c)) {
            bytes.add(Files.readAllBytes(f));
        }
        return bytes;
    }

    /** With frailties, the same seed gives byte-identical files on 1 and 2 threads, and they differ from σ = 0. */
    @Test
    void frailtyIsDeterministicForAnyThreadCount(@TempDir Path tmp) throws IOException {
        List<byte[]> one = frailOutputs(1, tmp.resolve("one"));
        List<byte[]> two = frailOutputs(2, tmp.resolve("two"));
        assertThat(one).hasSize(5);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("file %d", i).isEqualTo(one.get(i));
        }
        String manifest = new String(one.get(4), StandardCharsets.UTF_8);
        assertThat(manifest)
                .contains("\"frailty_sd\" : 0.9")
                .contains("\"frailty_sd\" : 0.7")
                .contains("frailty substream");
        assertThat(sha256(tmp.resolve("one/curve.csv"))).isNotEqualTo(BEFORE_FRAILTY.get("curve"));
    }

    /**
     * Common random numbers: with frailties and no override, scenario and baseline have the same
     * path in every replicate; with an override for the first ten states and no exposure terms, every
     * other state keeps its path, so a state's frailty does not depend on what other states did.
     */
    @Test
    void scenarioAndBaselineShareTheFrailties() {
        Ensemble e = Ensemble.builder()
                .replicates(200)
                .seed(11)
                .keepPaths(true)
                .threads(2)
                .build();
        Comparison same = e.compare(frail(EnsembleTest.WORLD, 1.2, 0.8), frail(EnsembleTest.WORLD, 1.2, 0.8));
        Comparison none = e.compare(frail(EnsembleTest.WORLD, 0, 0), frail(EnsembleTest.WORLD, 0, 0));
        int changedByFrailty = 0;
        for (int r = 0; r < 200; r++) {
            for (int s = 0; s < EnsembleTest.WORLD.stateCount(); s++) {
                assertThat(same.scenario().adoptionYear(r, s))
                        .isEqualTo(same.baseline().adoptionYear(r, s));
                assertThat(same.scenario().withdrawalYear(r, s))
                        .isEqualTo(same.baseline().withdrawalYear(r, s));
                if (!same.scenario().adoptionYear(r, s).equals(none.scenario().adoptionYear(r, s))) {
                    changedByFrailty++;
                }
            }
        }
        assertThat(changedByFrailty).as("the frailties change paths").isPositive();

        LinearIndexHazard a = LinearIndexHazard.of(Map.of("(Intercept)", -2.5, "democracy", 0.1), Link.LOGIT)
                .withFrailty(1.5);
        LinearIndexHazard w =
                LinearIndexHazard.of(Map.of("(Intercept)", -3.0), Link.CLOGLOG).withFrailty(1.0);
        Comparison c = e.compare(
                Simulation.of(EnsembleTest.scenarioWorld(), 1997, 2030, a).withWithdrawal(w),
                Simulation.of(EnsembleTest.WORLD, 1997, 2030, a).withWithdrawal(w));
        int differing = 0;
        for (int r = 0; r < 200; r++) {
            for (int s = 0; s < EnsembleTest.WORLD.stateCount(); s++) {
                boolean kept = c.scenario()
                                .adoptionYear(r, s)
                                .equals(c.baseline().adoptionYear(r, s))
                        && c.scenario().withdrawalYear(r, s).equals(c.baseline().withdrawalYear(r, s));
                if (s >= 10) {
                    assertThat(kept).as("replicate %d state %d", r, s).isTrue();
                } else if (!kept) {
                    differing++;
                }
            }
        }
        assertThat(differing)
                .as("the override changes some overridden states' paths")
                .isPositive();
    }

    /** The 64-point Gauss–Hermite rule; computing its nodes takes a while, so once. */
    private static final GaussIntegrator HERMITE = new GaussIntegratorFactory().hermite(64);

    /** E[g(b)] for b ~ Normal(0, σ²) by 64-point Gauss–Hermite quadrature. */
    private static double normalExpectation(DoubleUnaryOperator g, double sd) {
        // ∫ g(σ√2 x) e^{−x²} dx / √π = E[g(b)].
        return HERMITE.integrate(x -> g.applyAsDouble(sd * Math.sqrt(2) * x)) / Math.sqrt(Math.PI);
    }

    /**
     * One state at a constant η with frailty σ: the share of replicates adopting in year 1 is
     * binomial with p = E[F(η + b)], and in year 2 with E[(1 − F(η + b))·F(η + b)] (the same b both
     * years), computed by Gauss–Hermite quadrature and checked against a fine grid. Tolerance: 4
     * binomial standard deviations at a fixed seed. The frailty moves both away from the values
     * without it by far more than the tolerance, so the test would catch a frailty that is ignored
     * or redrawn every year.
     */
    @Test
    void adoptionShareMatchesTheMixedProbability() {
        for (Link link : Link.values()) {
            double eta = -1.0;
            double sd = 1.5;
            SimWorld world = Worlds.flat(1, 2000, 2001);
            Simulation sim = Simulation.of(
                    world,
                    2000,
                    2001,
                    LinearIndexHazard.of(Map.of("(Intercept)", eta), link).withFrailty(sd));
            int reps = 40_000;
            EnsembleResult r = Ensemble.builder()
                    .replicates(reps)
                    .seed(20240602)
                    .threads(2)
                    .build()
                    .run(sim);
            long first = r.newParties(0).sum();
            long second = r.newParties(1).sum();
            double p1 = normalExpectation(b -> link.probability(eta + b), sd);
            double p2 = normalExpectation(b -> (1 - link.probability(eta + b)) * link.probability(eta + b), sd);
            // The two integrations agree to a few 10⁻⁹, far inside the binomial tolerance of ~0.01.
            assertThat(p1).isCloseTo(gridExpectation(b -> link.probability(eta + b), sd), Offset.offset(1e-7));
            double tol1 = 4 * Math.sqrt(p1 * (1 - p1) / reps);
            double tol2 = 4 * Math.sqrt(p2 * (1 - p2) / reps);
            assertThat((double) first / reps).as("%s year 1", link).isCloseTo(p1, Offset.offset(tol1));
            assertThat((double) second / reps).as("%s year 2", link).isCloseTo(p2, Offset.offset(tol2));
            double p = link.probability(eta);
            assertThat(Math.abs(p1 - p))
                    .as("%s: frailty matters at this σ", link)
                    .isGreaterThan(3 * tol1);
            assertThat(Math.abs(p2 - (1 - p) * p)).isGreaterThan(3 * tol2);
        }
    }

    /** E[g(b)] by the midpoint rule over ±10σ with 200,000 cells, an independent check of the quadrature. */
    private static double gridExpectation(DoubleUnaryOperator g, double sd) {
        int cells = 200_000;
        double h = 20.0 / cells;
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            double z = -10 + (i + 0.5) * h;
            sum += g.applyAsDouble(sd * z) * Math.exp(-0.5 * z * z);
        }
        return sum * h / Math.sqrt(2 * Math.PI);
    }

    /**
     * Selection: 400 identical states at a constant η over 12 years. With σ = 2.5 the yearly
     * adoption rate among the states still at risk falls year after year, as E[F(1−F)^k] / E[(1−F)^k]
     * predicts; with σ = 0 it stays at F(η). Pooled over 100 replicates; tolerance 4 binomial
     * standard deviations of each year's pooled rate.
     */
    @Test
    void frailtySelectsTheHoldOuts() {
        int n = 400;
        int years = 12;
        int reps = 100;
        double eta = -1.5;
        SimWorld world = Worlds.flat(n, 2000, 2000 + years - 1);
        for (double sd : new double[] {0.0, 2.5}) {
            Simulation sim = Simulation.of(
                    world,
                    2000,
                    2000 + years - 1,
                    LinearIndexHazard.of(Map.of("(Intercept)", eta), Link.LOGIT).withFrailty(sd));
            EnsembleResult r = Ensemble.builder()
                    .replicates(reps)
                    .seed(31)
                    .threads(2)
                    .build()
                    .run(sim);
            double[] rate = new double[years];
            for (int k = 0; k < years; k++) {
                long atRisk = (long) n * reps - (k == 0 ? 0 : r.parties(k - 1).sum());
                long events = r.newParties(k).sum();
                rate[k] = (double) events / atRisk;
                final int kk = k;
                double expected = sd == 0
                        ? Link.LOGIT.probability(eta)
                        : normalExpectation(
                                        b -> Link.LOGIT.probability(eta + b)
                                                * Math.pow(1 - Link.LOGIT.probability(eta + b), kk),
                                        sd)
                                / normalExpectation(b -> Math.pow(1 - Link.LOGIT.probability(eta + b), kk), sd);
                double tol = 4 * Math.sqrt(expected * (1 - expected) / atRisk);
                assertThat(rate[k]).as("σ %s year %d", sd, k).isCloseTo(expected, Offset.offset(tol));
            }
            if (sd > 0) {
                for (int k = 1; k < years; k++) {
                    assertThat(rate[k]).as("year %d", k).isLessThan(rate[k - 1]);
                }
                assertThat(rate[years - 1]).isLessThan(rate[0] / 3);
            }
        }
    }

    /** A frailty sd must be finite and non-negative; it is kept by withTerms and shown by describe. */
    @Test
    void frailtyIsValidatedKeptAndDescribed() {
        LinearIndexHazard h = LinearIndexHazard.of(Map.of("(Intercept)", -2.0), Link.LOGIT);
        assertThat(h.frailtySd()).isZero();
        assertThat(h.describe()).containsEntry("frailty_sd", 0.0);
        LinearIndexHazard f = h.withFrailty(0.8);
        assertThat(f.frailtySd()).isEqualTo(0.8);
        assertThat(f.withTerms(Map.of("x", 1.0)).frailtySd()).isEqualTo(0.8);
        assertThat(f.describe()).containsEntry("frailty_sd", 0.8).containsEntry("link", "logit");
        assertThat(f).isNotEqualTo(h);
        assertThat(f.withFrailty(0)).isEqualTo(h);
        assertThatThrownBy(() -> h.withFrailty(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frailty sd must be finite and ≥ 0, got -0.1");
        assertThatThrownBy(() -> h.withFrailty(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.withFrailty(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
