package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.RunFrame;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sim.Status;
import org.normlab.sim.TermReplay;
import org.normlab.sim.TieNetwork;

/**
 * Scenarios that add or cut ties of a stored network: read with field paths, checked against the
 * world, and simulated through {@code share_ties_K}.
 */
class TieScenarioTest {
    /**
     * Twelve states AAA..AAL, 2000-2030, opened in 2000; AAA..AAF are party from 2005 (observed up to
     * 2010); the network "club" ties AAG-AAH (both out) and AAI-AAA with weight 2, AAI-AAB with
     * weight 1 until 2008.
     */
    static SimWorld world() {
        int n = 12;
        String[] codes = new String[n];
        String[] regions = new String[n];
        for (int s = 0; s < n; s++) {
            codes[s] = "AA" + (char) ('A' + s);
            regions[s] = "R";
        }
        SimWorld.Builder b = SimWorld.builder()
                .instrument("club-treaty")
                .states(codes, regions, regions)
                .years(2000, 2030)
                .openingYear(2000);
        for (int y = 1999; y <= 2010; y++) {
            byte[] st = new byte[n];
            if (y >= 2005) {
                Arrays.fill(st, 0, 6, Status.PARTY);
            }
            b.observedStatus(y, st);
        }
        b.ties(
                "club",
                TieNetwork.of(
                        n,
                        new int[] {6, 8, 8},
                        new int[] {7, 0, 1},
                        new int[] {2000, 2000, 2000},
                        new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 2008},
                        new double[] {1, 2, 1}));
        return b.build();
    }

    static final String MODEL = """
            instrument: club-treaty
            start: 2011
            horizon: 2030
            model:
              coefficients: {"(Intercept)": -5, share_ties_club: 8}
            """;

    @Test
    void addedTiesToPartiesRaiseAdoptionOverTheBaseline() throws Exception {
        SimWorld world = world();
        Scenario sc = ScenarioReaderTest.yaml(MODEL + """
                ties:
                  - kind: club
                    add: [[AAJ, AAA], [AAK, AAB], [AAL, AAC]]
                    years: 2010-2030
                  - kind: club
                    remove: [[AAI, AAA]]
                    years: 2015-2030
                """);
        assertThat(sc.ties()).hasSize(2);
        assertThat(sc.baseline().ties()).isEmpty();
        SimWorld applied = sc.apply(world);
        // The exposures the simulation sees: AAJ tied to a party from 2010 (risk-year 2011 on); AAI tied to
        // AAA (weight 2) until 2014, so its exposure is 1 in 2011-2015 and 0 (no partner) from 2016.
        double[] club = TermReplay.values(RunFrame.of(applied, 2011, 2012), "share_ties_club");
        assertThat(club[applied.indexOf("AAJ")]).isEqualTo(1.0);
        assertThat(club[applied.indexOf("AAI")]).isEqualTo(1.0);
        double[] before = TermReplay.values(RunFrame.of(world, 2011, 2012), "share_ties_club");
        assertThat(before[world.indexOf("AAJ")]).isEqualTo(0.0);
        assertThat(applied.ties("club").orElseThrow().share(applied.indexOf("AAI"), 2015, allIn(12), parties()))
                .isEqualTo(0.0);
        assertThat(applied.ties("club").orElseThrow().share(applied.indexOf("AAI"), 2014, allIn(12), parties()))
                .isEqualTo(1.0);

        Simulation run = sc.simulation(world, ModelResolver.coefficientsOnly());
        Simulation base = sc.baseline().simulation(world, ModelResolver.coefficientsOnly());
        Comparison c =
                Ensemble.builder().replicates(200).seed(5).threads(1).build().compare(run, base);
        int k = c.scenario().yearCount() - 1;
        // With a positive coefficient, the three states newly tied to parties join almost surely
        // (p = 0.95 a year) while in the baseline they stay out (p = 0.007 a year): the scenario's
        // curve lies above the baseline's.
        for (String s : new String[] {"AAJ", "AAK", "AAL"}) {
            int i = world.indexOf(s);
            assertThat(c.scenario().partyProbability(i, k)).isGreaterThan(0.95);
            assertThat(c.baseline().partyProbability(i, k)).isLessThan(0.5);
        }
        assertThat(c.partiesDifference(k).sum()).isGreaterThan(2L * 200);
    }

    private static boolean[] allIn(int n) {
        boolean[] in = new boolean[n];
        Arrays.fill(in, true);
        return in;
    }

    private static byte[] parties() {
        byte[] st = new byte[12];
        Arrays.fill(st, 0, 6, Status.PARTY);
        return st;
    }

    @Test
    void tiesAreReadWithFieldPathsAndCheckedAgainstTheWorld() throws Exception {
        assertThat(ScenarioReaderTest.problemOf(MODEL + """
                ties:
                  - kind: Club
                    add: [[AAJ], [AAK, AAK], [aaa, AAB]]
                  - {kind: club, years: 2012}
                """))
                .contains("ties[0].kind: 'Club' is not a tie kind")
                .contains("ties[0].years: required field is missing")
                .contains("ties[0].add[0]: expected a pair of states")
                .contains("ties[0].add[1]: a tie joins two different states")
                .contains("ties[0].add[2][0]: 'aaa' is not an ISO 3166-1 alpha-3 code")
                .contains("ties[1]: give add, remove or both");
        Scenario unknown = ScenarioReaderTest.yaml(MODEL + """
                ties:
                  - {kind: csto, add: [[AAJ, XYZ]], years: 2012-2040}
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> unknown.validate(world())))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("ties[0].kind: the world holds no ties of kind csto")
                .hasMessageContaining("ties[0].add[0][1]: XYZ is not a known state")
                .hasMessageContaining("ties[0].years: 2012-2040 reaches outside the world's years 2000-2030");
    }
}
