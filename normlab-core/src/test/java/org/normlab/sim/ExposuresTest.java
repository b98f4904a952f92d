package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ExposuresTest {

    /**
     * A hand-checked world of five states: A-B-C in a chain of borders, D and E islands; A, B, D in
     * subregion 0 and C, E in subregion 1; A, C, D allies; E out of the system. Parties: A, C, E.
     */
    @Test
    void sharesOfAHandMadeWorld() {
        boolean[] party = {true, false, true, false, true};
        boolean[] in = {true, true, true, true, false};
        int[][] nb = {{1}, {0, 2}, {1}, {}, {}};
        int[] sub = {0, 0, 1, 0, 1};
        boolean[] ally = {true, false, true, true, false};
        double[] g = new double[5];
        double[] b = new double[5];
        double[] r = new double[5];
        double[] a = new double[5];
        Exposures.compute(party, in, nb, sub, ally, g, b, r, a);
        // In the system: A, B, C, D; parties among them: A, C.
        assertThat(g).containsOnly(0.5);
        assertThat(b).containsExactly(0.0, 1.0, 0.0, 0.0, 0.0);
        // Subregion 0 in the system: A, B, D (A party). Subregion 1: C (party); E is out.
        assertThat(r).containsExactly(0.0, 0.5, 0.0, 0.5, 1.0);
        // Allies in the system: A, C, D (A, C parties); B and E are not members.
        assertThat(a).containsExactly(0.5, 0.0, 0.5, 1.0, 0.0);
    }

    @Test
    void refusesArraysOfDifferentLengths() {
        assertThatThrownBy(() -> Exposures.compute(
                        new boolean[2],
                        new boolean[3],
                        new int[2][0],
                        new int[2],
                        new boolean[2],
                        new double[2],
                        new double[2],
                        new double[2],
                        new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one entry per state");
    }

    /**
     * The snapshot's incremental counts, after random adoptions, withdrawals and random entries and
     * exits from the system and the alliance, give exactly the shares of a full recomputation.
     */
    @Test
    void incrementalExposuresEqualFullRecomputation() {
        SimWorld world = randomWorld(80, 2000, 2040, 11);
        RunFrame frame = RunFrame.of(world, 2000, 2040);
        Snapshot snap = new Snapshot(frame);
        snap.reset();
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(5);
        int n = world.stateCount();
        int checked = 0;
        for (int k = 0; k < frame.years; k++) {
            checked += compare(snap, world, frame, k);
            for (int s = 0; s < n; s++) {
                if (snap.atRisk(s, Transition.ADOPTION) && rng.nextDouble() < 0.08) {
                    snap.apply(s, Transition.ADOPTION);
                } else if (snap.atRisk(s, Transition.WITHDRAWAL) && rng.nextDouble() < 0.03) {
                    snap.apply(s, Transition.WITHDRAWAL);
                }
            }
            snap.advance();
        }
        assertThat(checked).isEqualTo(frame.years * n);
    }

    private static int compare(Snapshot snap, SimWorld world, RunFrame frame, int k) {
        int n = world.stateCount();
        boolean[] party = new boolean[n];
        for (int s = 0; s < n; s++) {
            party[s] = snap.status(s) == Status.PARTY;
        }
        double[] g = new double[n];
        double[] b = new double[n];
        double[] r = new double[n];
        double[] a = new double[n];
        int last = Math.max(world.firstYear(), frame.year(k) - 1);
        boolean[] in = new boolean[n];
        boolean[] ally = new boolean[n];
        for (int s = 0; s < n; s++) {
            in[s] = world.inSystem(last, s);
            ally[s] = world.ally(last, s);
        }
        int[][] nb = new int[n][];
        int[] sub = new int[n];
        for (int s = 0; s < n; s++) {
            nb[s] = world.neighbours(s);
            sub[s] = world.subregionId(s);
        }
        Exposures.compute(party, in, nb, sub, ally, g, b, r, a);
        for (int s = 0; s < n; s++) {
            assertThat(snap.shareGlobal()).as("global, year %d", k).isEqualTo(g[s]);
            assertThat(snap.shareBorder(s)).as("border of %d, year %d", s, k).isEqualTo(b[s]);
            assertThat(snap.shareSubregion(s))
                    .as("subregion of %d, year %d", s, k)
                    .isEqualTo(r[s]);
            assertThat(snap.shareAllies(s)).as("allies of %d, year %d", s, k).isEqualTo(a[s]);
            boolean adoptable = snap.status(s) == Status.NOT_PARTY && world.inSystem(frame.year(k), s);
            assertThat(snap.atRisk(s, Transition.ADOPTION)).isEqualTo(adoptable);
        }
        int listed = snap.atRiskCount(Transition.ADOPTION) + snap.atRiskCount(Transition.WITHDRAWAL);
        int expected = 0;
        for (int s = 0; s < n; s++) {
            if (world.inSystem(frame.year(k), s) && snap.status(s) != Status.WITHDRAWN) {
                expected++;
            }
        }
        assertThat(listed).isEqualTo(expected);
        return n;
    }

    /** A world whose system and alliance membership change often, so that every update path runs. */
    static SimWorld randomWorld(int n, int first, int last, long seed) {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int years = last - first + 1;
        String[] region = new String[n];
        String[] subregion = new String[n];
        for (int s = 0; s < n; s++) {
            subregion[s] = "S" + rng.nextInt(7);
            region[s] = "R" + subregion[s].hashCode() % 2;
        }
        boolean[][] link = new boolean[n][n];
        for (int s = 0; s < n; s++) {
            for (int m = s + 1; m < n; m++) {
                if (rng.nextDouble() < 0.05) {
                    link[s][m] = true;
                    link[m][s] = true;
                }
            }
        }
        int[][] nb = new int[n][];
        for (int s = 0; s < n; s++) {
            final int from = s;
            nb[s] = java.util.stream.IntStream.range(0, n)
                    .filter(m -> link[from][m])
                    .toArray();
        }
        boolean[][] in = new boolean[years][n];
        boolean[][] ally = new boolean[years][n];
        for (int s = 0; s < n; s++) {
            boolean inside = rng.nextDouble() < 0.85;
            boolean member = rng.nextDouble() < 0.3;
            for (int t = 0; t < years; t++) {
                if (rng.nextDouble() < 0.05) {
                    inside = !inside;
                }
                if (rng.nextDouble() < 0.07) {
                    member = !member;
                }
                in[t][s] = inside;
                ally[t][s] = member;
            }
        }
        return SimWorld.builder()
                .states(Worlds.codes(n), region, subregion)
                .neighbours(nb)
                .years(first, last)
                .openingYear(first)
                .inSystem(in)
                .allies(ally)
                .build();
    }
}
