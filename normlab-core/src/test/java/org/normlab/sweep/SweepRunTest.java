package org.normlab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.ProgressListener;
import org.normlab.store.NormlabStore;

/** The shipped example designs run on the bundled data with the local engine. */
class SweepRunTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    static Path dir;

    static NormlabStore store;
    static PointRunner runner;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("sweep.duckdb"));
        runner = new PointRunner(CountryYearData.load(store));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static SweepRun.Outcome run(SweepJob job, Path out, int threads) throws ScenarioException {
        SweepEngine.Environment env = new SweepEngine.Environment(
                runner, null, Optional.empty(), threads, ProgressListener.NONE, out.resolve("results"));
        return SweepRun.run(
                job, new LocalSweepEngine(), env, out, "test", runner.data().digest());
    }

    @Test
    void gridExampleRunsEveryCombinationWithItsPairedDifference() throws Exception {
        SweepDesign d = DesignReader.read(EXAMPLES.resolve("sweep-grid.yaml"));
        SweepJob job = SweepJob.of(d);
        assertThat(job.size()).isEqualTo(6);
        // The first parameter varies slowest; the held one keeps its value.
        assertThat(job.values(0)).containsExactly(0.0, 3.0, 3.6);
        assertThat(job.values(1)).containsExactly(0.0, 5.3, 3.6);
        assertThat(job.values(5)).containsExactly(1.0, 5.3, 3.6);
        Path out = dir.resolve("grid");
        SweepRun.Outcome o = run(job, out, 2);
        List<SweepRow> rows = SweepParquet.read(out.resolve("results"));
        assertThat(rows.stream().map(SweepRow::point).distinct()).containsExactly(0, 1, 2, 3, 4, 5);
        for (int p = 0; p < 6; p++) {
            assertThat(out.resolve("results").resolve("point=" + p)).isDirectory();
        }
        // 2009-2030: 22 years x (5 parties + 1 withdrawn + 4 paired) + tipping (1..5) + withdrawals_mean.
        long yearly =
                rows.stream().filter(r -> r.point() == 0 && r.year() != null).count();
        assertThat(yearly).isEqualTo(22 * 10);
        // The paired difference of parties is real: peace for Russia can only add parties in this model.
        double diff2030 = rows.stream()
                .filter(r -> r.point() == 0 && r.statistic().equals("parties_diff_mean") && r.year() == 2030)
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(diff2030).isBetween(0.0, 1.0);
        // The parameters reach the simulation: frailty 0 and 1 give different curves, each inside its band.
        assertThat(value(rows, 0, "parties_mean", 2030)).isNotEqualTo(value(rows, 4, "parties_mean", 2030));
        assertThat(value(rows, 4, "parties_mean", 2030))
                .isBetween(value(rows, 4, "parties_q05", 2030), value(rows, 4, "parties_q95", 2030));
        assertThat(o.histories()).isEqualTo(6L * 100 * 2);
        assertThat(out.resolve("points.csv")).exists();
        assertThat(Files.readString(out.resolve("manifest.json"), StandardCharsets.UTF_8))
                .contains("\"design_type\" : \"grid\"", "\"points\" : 6");
        assertThat(o.src()).isPresent();
        assertThat(o.src().get().coefficients())
                .extracting(Sensitivity.Index::parameter)
                .containsExactly("model.frailty_sd", "model.withdrawal.coefficients.border_war");
    }

    @Test
    void sameSeedGivesTheSameRowsForAnyThreadCountAndEachPointDependsOnlyOnItsIndex() throws Exception {
        SweepDesign d = DesignReader.parse("""
                scenarios: [russia-incentive.yaml]
                seed: 11
                replicates: 20
                design: {type: lhs, points: 4}
                parameters:
                  model.coefficients.share_global: {from: 1.0, to: 3.0}
                outputs: [parties, tipping_year]
                """, true, "lhs.yaml", EXAMPLES.toAbsolutePath());
        SweepJob job = SweepJob.of(d);
        run(job, dir.resolve("a"), 1);
        run(job, dir.resolve("b"), 2);
        List<SweepRow> a = SweepParquet.read(dir.resolve("a").resolve("results"));
        List<SweepRow> b = SweepParquet.read(dir.resolve("b").resolve("results"));
        assertThat(a).isNotEmpty().isEqualTo(b);
        // Point 2 run alone gives its rows in the whole sweep.
        List<SweepRow> alone = runner.run(job.task(2), 1);
        assertThat(alone)
                .containsExactlyInAnyOrderElementsOf(
                        a.stream().filter(r -> r.point() == 2).toList());
        // LHS: each of the 4 strata of [1, 3) holds one point.
        boolean[] strata = new boolean[4];
        for (int i = 0; i < 4; i++) {
            strata[(int) ((job.values(i)[0] - 1.0) / 0.5)] = true;
        }
        assertThat(strata).containsOnly(true);
        // Different points have different seeds.
        assertThat(job.seed(0)).isNotEqualTo(job.seed(1));
    }

    @Test
    void saltelliExampleGivesSobolIndicesOfTheResponse() throws Exception {
        SweepDesign d = DesignReader.read(EXAMPLES.resolve("sweep-sensitivity.yaml"));
        SweepJob job = SweepJob.of(d);
        assertThat(job.size()).isEqualTo(32 * 5);
        Path out = dir.resolve("saltelli");
        SweepRun.Outcome o = run(job, out, 2);
        Sensitivity.Sobol s = o.sobol().orElseThrow();
        assertThat(s.firstOrder())
                .extracting(Sensitivity.Index::parameter)
                .containsExactly("model.coefficients.share_global", "model.frailty_sd", "incentives[0].coefficient");
        assertThat(s.base()).isEqualTo(32);
        // The incentive moves one state (Russia): its total index is below that of the global exposure,
        // which moves every state. At 32 base points it cannot be told apart from the frailty's.
        double incentive = s.total().get(2).estimate();
        assertThat(incentive).isLessThan(s.total().get(0).estimate());
        List<String> csv = Files.readAllLines(out.resolve("sensitivity.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("method,index,parameter,estimate,lower,upper");
        assertThat(csv).hasSize(1 + 3 + 3 + 3 + 1);
    }

    @Test
    void badDesignsAreRefusedWithEveryProblemAndItsPath() throws Exception {
        assertThatThrownBy(() -> DesignReader.parse("""
                scenarios: [russia-incentive.yaml, nothere.yaml]
                replicates: 0
                design: {type: grid, points: 3}
                parameters:
                  model.coefficients.share_global: {from: 1, to: 2}
                  model.nosuch.x: [1, 2]
                  start: [2030.5]
                outputs: [parties, tipping]
                colour: blue
                """, true, "bad.yaml", EXAMPLES.toAbsolutePath()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml: colour: unknown field")
                .hasMessageContaining("bad.yaml: scenarios[1]: nothere.yaml: no such file")
                .hasMessageContaining("bad.yaml: replicates: 0 is outside 1..1000000")
                .hasMessageContaining("bad.yaml: design.points: a grid has the points its lists make")
                .hasMessageContaining("parameters.model.coefficients.share_global: a grid scans lists of values")
                .hasMessageContaining("bad.yaml: outputs[1]: tipping is not an output");
        assertThatThrownBy(() -> DesignReader.parse("""
                scenarios: [russia-incentive.yaml]
                replicates: 5
                design: {type: random, points: 3}
                parameters:
                  model.nosuch.x: {from: 0, to: 1}
                  start: {from: 2026, to: 2030}
                  model.frailty_sd: {from: 1, to: 1}
                outputs: [parties]
                sensitivity: {statistic: parties_mean}
                """, true, "bad.yaml", EXAMPLES.toAbsolutePath()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(
                        "parameters.model.nosuch.x: russia-incentive: the scenario has no object model.nosuch")
                .hasMessageContaining("parameters.start: russia-incentive with start = 2026.0: start: expected")
                .hasMessageContaining("parameters.model.frailty_sd: the range 1.0 to 1.0 is empty")
                .hasMessageContaining("sensitivity.year: parties_mean is given by year: give the year");
    }

    static double value(List<SweepRow> rows, int point, String statistic, int year) {
        return rows.stream()
                .filter(r ->
                        r.point() == point && r.statistic().equals(statistic) && r.year() != null && r.year() == year)
                .findFirst()
                .orElseThrow()
                .value();
    }
}
