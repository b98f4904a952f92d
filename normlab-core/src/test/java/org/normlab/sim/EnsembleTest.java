package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.estimate.Link;

class EnsembleTest {
    static final SimWorld WORLD = SimWorld.synthetic(60, 1997, 2030, 3);

    static LinearIndexHazard adoption() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("(Intercept)", -3.0);
        c.put("log_duration", -0.3);
        c.put("opening_year", 1.0);
        c.put("share_global", 2.0);
        c.put("share_border", 0.8);
        c.put("share_subregion", 0.9);
        c.put("share_allies", -0.6);
        c.put("conflict", -0.9);
        c.put("democracy", 0.05);
        return LinearIndexHazard.of(c, Link.LOGIT);
    }

    static LinearIndexHazard withdrawal() {
        return LinearIndexHazard.of(Map.of("(Intercept)", -4.5, "share_border", -1.0, "conflict", 0.8), Link.CLOGLOG);
    }

    static Simulation simulation(SimWorld world) {
        return Simulation.of(world, 1997, 2030, adoption()).withWithdrawal(withdrawal());
    }

    /** The scenario of the determinism test: democracy up by 3 for the first ten states from 2005. */
    static SimWorld scenarioWorld() {
        double[] dem = WORLD.covariateValues("democracy");
        int n = WORLD.stateCount();
        for (int year = 2005; year <= 2030; year++) {
            for (int s = 0; s < 10; s++) {
                dem[(year - 1997) * n + s] += 3;
            }
        }
        return WORLD.withCovariates(Map.of("democracy", dem));
    }

    private static List<byte[]> outputs(int threads, Path dir) throws IOException {
        Ensemble e =
                Ensemble.builder().replicates(300).seed(777).threads(threads).build();
        Comparison c = e.compare(simulation(scenarioWorld()), simulation(WORLD));
        List<Path> files = EnsembleWriter.writeAll(dir, Manifest.of("0.1.0", "sha256:test"), c);
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        return bytes;
    }

    /**
     * Same seed, 1 and 2 threads: every output file (curve, states, lifecycle, diff and manifest)
     * is byte-identical. The manifest holds no thread count and no clock time.
     */
    @Test
    void sameSeedGivesIdenticalBytesForAnyThreadCount(@TempDir Path tmp) throws IOException {
        List<byte[]> one = outputs(1, tmp.resolve("one"));
        List<byte[]> two = outputs(2, tmp.resolve("two"));
        assertThat(one).hasSize(5);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("file %d", i).isEqualTo(one.get(i));
        }
        String manifest = new String(one.get(4), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"seed\" : 777").doesNotContain("thread");
        // And the seed matters.
        Ensemble other = Ensemble.builder().replicates(300).seed(778).threads(2).build();
        EnsembleWriter.writeCurve(other.run(simulation(WORLD)), tmp.resolve("other.csv"));
        assertThat(Files.readAllBytes(tmp.resolve("other.csv")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("two/curve.csv")));
    }

    /** With no override at all, scenario and baseline are the same paired draws: diff.csv is all zeros. */
    @Test
    void noOverrideGivesZeroDifferences(@TempDir Path tmp) throws IOException {
        Comparison c = Ensemble.builder()
                .replicates(200)
                .seed(5)
                .threads(2)
                .build()
                .compare(simulation(WORLD), simulation(WORLD));
        Path diff = EnsembleWriter.writeDiff(c, tmp.resolve("diff.csv"));
        List<String> lines = Files.readAllLines(diff);
        assertThat(lines).hasSize(1 + 34);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            for (int i = 2; i < f.length; i++) {
                assertThat(f[i]).as(line).isEqualTo("0.0000");
            }
        }
    }

    /**
     * Without exposure terms a state's path depends only on its own covariates and draws: an
     * override for ten states leaves every other state's path identical in every replicate.
     */
    @Test
    void statesOutsideTheOverrideKeepTheirPathsWithoutExposures() {
        LinearIndexHazard a = LinearIndexHazard.of(Map.of("(Intercept)", -2.5, "democracy", 0.1), Link.LOGIT);
        LinearIndexHazard w = LinearIndexHazard.of(Map.of("(Intercept)", -3.0), Link.CLOGLOG);
        Ensemble e = Ensemble.builder()
                .replicates(200)
                .seed(9)
                .keepPaths(true)
                .threads(2)
                .build();
        Comparison c = e.compare(
                Simulation.of(scenarioWorld(), 1997, 2030, a).withWithdrawal(w),
                Simulation.of(WORLD, 1997, 2030, a).withWithdrawal(w));
        int differing = 0;
        for (int r = 0; r < 200; r++) {
            for (int s = 0; s < WORLD.stateCount(); s++) {
                boolean same = c.scenario()
                                .adoptionYear(r, s)
                                .equals(c.baseline().adoptionYear(r, s))
                        && c.scenario().withdrawalYear(r, s).equals(c.baseline().withdrawalYear(r, s));
                if (s >= 10) {
                    assertThat(same).as("replicate %d state %d", r, s).isTrue();
                } else if (!same) {
                    differing++;
                }
            }
        }
        assertThat(differing)
                .as("the override changes some overridden states' paths")
                .isPositive();
    }

    /**
     * With the cascade's exposures, an override from 2005 changes nothing before 2005: every state's
     * path is identical up to 2004 in every replicate.
     */
    @Test
    void pathsAreIdenticalBeforeTheOverrideStarts() {
        Ensemble e = Ensemble.builder()
                .replicates(200)
                .seed(10)
                .keepPaths(true)
                .threads(2)
                .build();
        Comparison c = e.compare(simulation(scenarioWorld()), simulation(WORLD));
        boolean anyLaterDifference = false;
        for (int r = 0; r < 200; r++) {
            for (int s = 0; s < WORLD.stateCount(); s++) {
                var ya = c.scenario().adoptionYear(r, s);
                var yb = c.baseline().adoptionYear(r, s);
                boolean earlyA = ya.isPresent() && ya.getAsInt() < 2005;
                boolean earlyB = yb.isPresent() && yb.getAsInt() < 2005;
                assertThat(earlyA).isEqualTo(earlyB);
                if (earlyA) {
                    assertThat(ya).isEqualTo(yb);
                }
                anyLaterDifference |= !ya.equals(yb);
            }
            for (int k = 0; k < 2005 - 1997; k++) {
                assertThat(c.partiesDifference(r, k)).isZero();
            }
        }
        assertThat(anyLaterDifference).isTrue();
    }

    /** With a constant hazard and no exposures, P(party by year k) = 1 − (1 − p)^(k+1). */
    @Test
    void stateProbabilitiesFollowTheHazard() {
        SimWorld w = Worlds.flat(5, 2000, 2009);
        double p = Link.LOGIT.probability(-1.5);
        EnsembleResult r = Ensemble.builder()
                .replicates(20_000)
                .seed(3)
                .threads(2)
                .build()
                .run(Simulation.of(w, 2000, 2009, LinearIndexHazard.of(Map.of("(Intercept)", -1.5), Link.LOGIT)));
        for (int k = 0; k < 10; k += 3) {
            double expected = 1 - Math.pow(1 - p, k + 1);
            double tol = 4 * Math.sqrt(expected * (1 - expected) / 20_000);
            for (int s = 0; s < 5; s++) {
                assertThat(r.partyProbability(s, k)).isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
            }
        }
        assertThat(r.stateYears()).isEqualTo(20_000L * 5 * 10);
    }

    /** A projection starts from the observed status and dates the life cycle on the observed history too. */
    @Test
    void projectionStartsFromTheObservedStatus() {
        int n = 30;
        String[] one = new String[n];
        java.util.Arrays.fill(one, "World");
        SimWorld.Builder b = SimWorld.builder()
                .states(Worlds.codes(n), one, one)
                .years(1997, 2030)
                .openingYear(1997);
        for (int year = 1997; year <= 2024; year++) {
            byte[] st = new byte[n];
            for (int s = 0; s < n; s++) {
                st[s] = s < Math.min(n, 4 * (year - 1996)) ? Status.PARTY : Status.NOT_PARTY;
            }
            if (year >= 2020) {
                st[0] = Status.WITHDRAWN;
            }
            b.observedStatus(year, st);
        }
        SimWorld w = b.build();
        Simulation sim = Simulation.of(w, 2025, 2030, LinearIndexHazard.of(Map.of("(Intercept)", -30.0), Link.LOGIT));
        EnsembleResult r =
                Ensemble.builder().replicates(3).seed(1).keepPaths(true).build().run(sim);
        assertThat(r.parties(0, 0)).isEqualTo(29);
        assertThat(r.withdrawn(0, 0)).isEqualTo(1);
        assertThat(r.partyProbability(0, 0)).isZero();
        assertThat(r.withdrawnProbability(0, 0)).isEqualTo(1.0);
        var lc = r.lifecycle(0);
        assertThat(r.series(0).firstYear()).isEqualTo(1997);
        // 4 parties a year of 30: one third (10) is reached at the end of 1999.
        assertThat(lc.tippingYear()).hasValue(1999);
        // The summaries date every replicate's life cycle on the same series, history included.
        assertThat(r.tippingYears().count()).isEqualTo(3);
        assertThat(r.tippingYears().frequency(1999)).isEqualTo(3);
        assertThat(r.stageStarts(org.normlab.lifecycle.StageName.EMERGENCE).frequency(1997))
                .isEqualTo(3);
        assertThatThrownBy(() -> Simulation.of(w, 2027, 2030, adoption())).hasMessageContaining("end of 2026");
    }

    /**
     * The summaries counted as replicates finish equal those computed afterwards from every kept path,
     * and the replicates a listener is told of are the kept ones.
     */
    @Test
    void summariesEqualThoseOfTheKeptPaths() {
        List<int[]> told = java.util.Collections.synchronizedList(new ArrayList<>());
        Comparison c = Ensemble.builder()
                .replicates(150)
                .seed(21)
                .threads(2)
                .keepPaths(true)
                .replicateListener((run, path) ->
                        told.add(new int[] {run, path.replicate(), path.parties(path.yearCount() - 1)}))
                .build()
                .compare(simulation(scenarioWorld()), simulation(WORLD));
        Comparison after = Comparison.of(c.scenario(), c.baseline());
        EnsembleResult s = c.scenario();
        for (int k = 0; k < s.yearCount(); k++) {
            int[] parties = new int[s.replicates()];
            int[] withdrawals = new int[s.replicates()];
            for (int r = 0; r < s.replicates(); r++) {
                parties[r] = s.parties(r, k);
                withdrawals[r] = s.withdrawals(r, k);
            }
            assertThat(histogram(s.parties(k))).isEqualTo(histogram(CountHistogram.of(parties)));
            assertThat(histogram(s.withdrawals(k))).isEqualTo(histogram(CountHistogram.of(withdrawals)));
            assertThat(histogram(c.partiesDifference(k))).isEqualTo(histogram(after.partiesDifference(k)));
            assertThat(histogram(c.withdrawnDifference(k))).isEqualTo(histogram(after.withdrawnDifference(k)));
        }
        assertThat(c.partiesDifference(s.yearCount() - 1).sum())
                .as("the scenario changes something")
                .isNotZero();
        assertThat(told).hasSize(300);
        for (int[] t : told) {
            EnsembleResult r = t[0] == 0 ? c.scenario() : c.baseline();
            assertThat(t[2]).isEqualTo(r.parties(t[1], r.yearCount() - 1));
        }
        EnsembleResult lean = Ensemble.builder().replicates(5).seed(21).build().run(simulation(WORLD));
        assertThat(lean.hasPaths()).isFalse();
        assertThatThrownBy(() -> lean.parties(0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keepPaths");
    }

    private static Map<Integer, Long> histogram(CountHistogram h) {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        for (long i = 0; i < h.count(); i++) {
            m.merge(h.orderStatistic(i), 1L, Long::sum);
        }
        return m;
    }

    @Test
    void progressIsReportedUpToTheTotal() {
        AtomicInteger last = new AtomicInteger();
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Ensemble.builder()
                .replicates(100)
                .threads(2)
                .progress((done, total) -> {
                    assertThat(total).isEqualTo(200);
                    assertThat(done).isGreaterThan(last.get());
                    last.set(done);
                    seen.add(done);
                })
                .build()
                .compare(simulation(WORLD), simulation(WORLD));
        assertThat(last.get()).isEqualTo(200);
        assertThat(seen).isSorted();
    }

    /** Replicate r's streams do not depend on the number of replicates after it. */
    @Test
    void replicatesDoNotDependOnTheEnsembleSize() {
        EnsembleResult small = Ensemble.builder()
                .replicates(20)
                .seed(4)
                .threads(1)
                .keepPaths(true)
                .build()
                .run(simulation(WORLD));
        EnsembleResult large = Ensemble.builder()
                .replicates(60)
                .seed(4)
                .threads(2)
                .keepPaths(true)
                .build()
                .run(simulation(WORLD));
        for (int r = 0; r < 20; r++) {
            for (int k = 0; k < small.yearCount(); k++) {
                assertThat(large.parties(r, k)).isEqualTo(small.parties(r, k));
                assertThat(large.withdrawals(r, k)).isEqualTo(small.withdrawals(r, k));
            }
        }
    }

    @Test
    void outputFilesHaveTheDocumentedColumns(@TempDir Path tmp) throws IOException {
        EnsembleResult r = Ensemble.builder().replicates(50).seed(2).build().run(simulation(WORLD));
        EnsembleWriter.writeAll(tmp, Manifest.of("0.1.0", "d"), r);
        assertThat(Files.exists(tmp.resolve("diff.csv"))).isFalse();
        assertThat(Files.readAllLines(tmp.resolve("curve.csv")).get(0))
                .isEqualTo(
                        "seed,year,in_system,parties_mean,parties_q05,parties_q25,parties_q50,parties_q75,parties_q95,"
                                + "share_mean,share_q05,share_q25,share_q50,share_q75,share_q95,withdrawn_mean,"
                                + "observed_parties,observed_withdrawn");
        assertThat(Files.readAllLines(tmp.resolve("states.csv")))
                .hasSize(1 + 60 * 34)
                .first()
                .isEqualTo("seed,iso3,year,in_system,p_party,p_withdrawn");
        List<String> lc = Files.readAllLines(tmp.resolve("lifecycle.csv"));
        assertThat(lc.get(0))
                .isEqualTo("seed,stage,replicates,reached,share_reached,start_q05,start_q25,start_q50,"
                        + "start_q75,start_q95,share_at_horizon,rule");
        assertThat(lc.subList(1, lc.size()))
                .extracting(l -> l.split(",")[1])
                .containsExactly("tipping_point", "emergence", "cascade", "internalization", "regression");
        // Quantiles of the curve are ordered.
        for (String line : Files.readAllLines(tmp.resolve("curve.csv")).subList(1, 35)) {
            String[] f = line.split(",");
            for (int i = 4; i < 8; i++) {
                assertThat(Double.parseDouble(f[i])).isLessThanOrEqualTo(Double.parseDouble(f[i + 1]));
            }
        }
    }
}
