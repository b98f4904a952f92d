package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.analysis.FoldFitter;
import org.normlab.analysis.HeldOut;
import org.normlab.analysis.HeldOutScores;
import org.normlab.analysis.PairedDifference;

/**
 * Repeated leave-states-out and rolling-origin scores, and the paired differences with their SE,
 * against R: {@code normlab-core/src/test/R/cv_fixtures.R} reads the synthetic adoption panel and
 * the fold assignment this test exports ({@code cv_folds.csv}), refits every fold with {@code glm}
 * and recomputes every per-state score, the paired mean, SE, repeats won and the contributions.
 */
class HeldOutRTest {

    static final int FOLDS = 5;
    static final int REPEATS = 3;
    static final long SEED = 11L;
    static final List<String> MODELS = List.of("small", "large");

    private final Fixtures.Panel panel = Fixtures.panel("adoption_panel.csv");

    private String[] states() {
        int[] ids = panel.ids();
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = "S" + String.format(java.util.Locale.ROOT, "%03d", ids[i]);
        }
        return out;
    }

    private int[] years() {
        double[] y = panel.get("year");
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (int) y[i];
        }
        return out;
    }

    private List<HazardProblem> problems() {
        return List.of(
                panel.problem("log_duration", "democracy"),
                panel.problem("log_duration", "democracy", "neighbors", "war", "log_gdp"));
    }

    private HeldOutScores repeated(long seed) {
        return HeldOut.repeatedStates(
                MODELS,
                problems(),
                states(),
                years(),
                FOLDS,
                REPEATS,
                seed,
                FoldFitter.of(HazardEstimator.of()),
                () -> {});
    }

    /** The fold of every state in every repeat, as R reads it. */
    private static List<String> foldLines(HeldOutScores h) {
        List<String> lines = new ArrayList<>();
        for (HeldOutScores.SplitRecord s : h.splits()) {
            for (String st : s.testStates()) {
                lines.add((s.repeat() + 1) + "," + st + "," + (s.fold() + 1));
            }
        }
        lines.sort(null);
        return lines;
    }

    @Test
    void foldsAreTheCommittedOnes() throws IOException {
        List<String> lines = foldLines(repeated(SEED));
        Path file = Path.of("src", "test", "resources", "estimate", "cv_folds.csv");
        if (Boolean.getBoolean("normlab.writeCvFolds")) {
            List<String> out = new ArrayList<>();
            out.add("# Fold of each state in each repeat: HeldOut.repeatedStates on adoption_panel.csv, " + FOLDS
                    + " folds, " + REPEATS + " repeats, seed " + SEED);
            out.add("# Written by HeldOutRTest with -Dnormlab.writeCvFolds=true; read by "
                    + "normlab-core/src/test/R/cv_fixtures.R");
            out.add("repeat,state,fold");
            out.addAll(lines);
            Files.write(file, out, StandardCharsets.UTF_8);
        }
        List<String> committed = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("repeat"))
                .sorted()
                .toList();
        assertThat(lines).isEqualTo(committed);
    }

    @Test
    void repeatedScoresAndPairedDifferenceAgreeWithR() {
        Fixtures.Expected r = Fixtures.expected("cv_expected.csv");
        HeldOutScores h = repeated(SEED);
        assertThat(h.states()).hasSize(150);
        for (int m = 0; m < MODELS.size(); m++) {
            for (int rep = 0; rep < REPEATS; rep++) {
                for (int s = 0; s < h.states().size(); s++) {
                    assertThat(h.score(m, rep, s))
                            .as(
                                    "%s repeat %d %s",
                                    MODELS.get(m), rep + 1, h.states().get(s))
                            .isCloseTo(
                                    r.value(
                                            "states",
                                            "score_" + MODELS.get(m) + "_" + (rep + 1),
                                            h.states().get(s)),
                                    within(1e-7));
                }
            }
        }
        checkPaired(r, "states", PairedDifference.of(h, 1, 0));
    }

    @Test
    void rollingOriginAgreesWithRAndNeverTrainsOnTheYearItScores() {
        Fixtures.Expected r = Fixtures.expected("cv_expected.csv");
        HeldOutScores h = HeldOut.rollingOrigin(
                MODELS, problems(), states(), years(), FoldFitter.of(HazardEstimator.of()), () -> {});
        assertThat(h.splits().get(0).fold()).isEqualTo((int) r.scalar("rolling", "first_origin"));
        for (HeldOutScores.SplitRecord s : h.splits()) {
            int origin = s.fold();
            assertThat(s.testYears()).containsExactly(origin);
            assertThat(s.trainingYears()).isNotEmpty().allMatch(y -> y < origin);
            assertThat(s.trainingYears().get(s.trainingYears().size() - 1)).isEqualTo(origin - 1);
        }
        for (int m = 0; m < MODELS.size(); m++) {
            for (int s = 0; s < h.states().size(); s++) {
                assertThat(h.score(m, 0, s))
                        .as("%s %s", MODELS.get(m), h.states().get(s))
                        .isCloseTo(
                                r.value(
                                        "rolling",
                                        "score_" + MODELS.get(m) + "_1",
                                        h.states().get(s)),
                                within(1e-7));
            }
        }
        checkPaired(r, "rolling", PairedDifference.of(h, 1, 0));
    }

    private static void checkPaired(Fixtures.Expected r, String scheme, PairedDifference p) {
        assertThat(p.a()).isEqualTo("large");
        assertThat(p.mean()).isCloseTo(r.scalar(scheme, "mean"), within(1e-8));
        assertThat(p.se()).isCloseTo(r.scalar(scheme, "se"), within(1e-8));
        assertThat(p.repeatsWon()).isEqualTo((int) r.scalar(scheme, "won"));
        assertThat(p.states()).isEqualTo((int) r.scalar(scheme, "states"));
        for (PairedDifference.StateContribution c : p.topStates()) {
            assertThat(c.contribution())
                    .as(c.iso3())
                    .isCloseTo(r.value(scheme, "contribution", c.iso3()), within(1e-8));
        }
        // the top states are the largest in absolute value
        double smallestTop =
                Math.abs(p.topStates().get(p.topStates().size() - 1).contribution());
        r.vector(scheme, "contribution").forEach((state, v) -> {
            if (p.topStates().stream().noneMatch(t -> t.iso3().equals(state))) {
                assertThat(Math.abs(v)).as(state).isLessThanOrEqualTo(smallestTop);
            }
        });
        assertThat(p.verdict()).isEqualTo(PairedDifference.verdict(r.scalar(scheme, "mean"), r.scalar(scheme, "se")));
    }

    @Test
    void sameSeedSameScoresAnotherSeedOtherSplits() {
        HeldOutScores a = repeated(SEED);
        HeldOutScores b = repeated(SEED);
        HeldOutScores c = repeated(SEED + 1);
        assertThat(b.splits()).isEqualTo(a.splits());
        assertThat(java.util.Arrays.deepEquals(a.perState(), b.perState())).isTrue();
        assertThat(foldLines(c)).isNotEqualTo(foldLines(a));
        assertThat(java.util.Arrays.deepEquals(a.perState(), c.perState())).isFalse();
        // every repeat is a fresh split
        assertThat(a.splits().get(0).testStates())
                .isNotEqualTo(a.splits().get(FOLDS).testStates());
        // each state is held out exactly once per repeat
        for (int rep = 0; rep < REPEATS; rep++) {
            int repeat = rep;
            List<String> held = a.splits().stream()
                    .filter(s -> s.repeat() == repeat)
                    .flatMap(s -> s.testStates().stream())
                    .sorted()
                    .toList();
            assertThat(held).isEqualTo(a.states());
        }
    }

    @Test
    void standardizedRidgeLeavesTheBaselineUnpenalizedAsR() {
        Fixtures.Expected r = Fixtures.expected("ridge_standardized_expected.csv");
        HazardProblem p = panel.problem("log_duration", "democracy", "neighbors", "war", "log_gdp");
        for (int lambda : new int[] {3, 30}) {
            HazardEstimate e = HazardEstimator.of()
                    .withStandardizedRidge(lambda, List.of("log_duration"))
                    .fit(p);
            assertThat(e.converged()).isTrue();
            assertThat(e.method())
                    .endsWith("on coefficients of standardised columns (unpenalised: intercept, log_duration)");
            for (int j = 0; j < e.names().size(); j++) {
                assertThat(e.coefficients()[j])
                        .as("lambda %d %s", lambda, e.names().get(j))
                        .isCloseTo(r.value("ridge_" + lambda, "coef", e.names().get(j)), within(1e-7));
            }
        }
    }

    @Test
    void tunedRidgeChoosesTheGridPenaltyWithTheBestInnerScoreAndLeavesTheBaselineOut() {
        HazardProblem p = panel.problem("log_duration", "democracy", "neighbors", "war", "log_gdp");
        org.normlab.analysis.TunedRidge tuned = new org.normlab.analysis.TunedRidge(HazardEstimator.of());
        assertThat(tuned.estimator(p, 1.0).unpenalized()).containsExactly("log_duration");
        double chosen = tuned.choose(p, 5L);
        FoldAssignment inner = Folds.byCluster(p.cluster(), org.normlab.analysis.TunedRidge.INNER_FOLDS, 5L);
        double best = Double.NEGATIVE_INFINITY;
        double scoreOfChosen = Double.NaN;
        for (double lambda : org.normlab.analysis.TunedRidge.GRID) {
            double score = 0.0;
            for (int f = 0; f < inner.k(); f++) {
                Split s = inner.split(f);
                double[] q = HazardEstimator.of()
                        .withStandardizedRidge(lambda, List.of("log_duration"))
                        .fit(p.select(s.train()))
                        .probabilities(p.select(s.test()));
                for (int i = 0; i < q.length; i++) {
                    score += p.y()[s.test()[i]] == 1.0 ? Math.log(q[i]) : Math.log1p(-q[i]);
                }
            }
            best = Math.max(best, score);
            if (lambda == chosen) {
                scoreOfChosen = score;
            }
        }
        assertThat(scoreOfChosen).isEqualTo(best);
        assertThat(tuned.fit(p, 5L).ridge()).isEqualTo(chosen);
    }

    @Test
    void rollingOriginRefusesYearDummiesInWords() {
        double[] year = panel.get("year");
        double[] dummy = new double[year.length];
        for (int i = 0; i < year.length; i++) {
            dummy[i] = year[i] == 1990 ? 1.0 : 0.0;
        }
        HazardProblem yearly = HazardProblem.of(
                        panel.get("event"),
                        new double[][] {panel.get("log_duration"), dummy},
                        "log_duration",
                        "year_1990")
                .withClusters(panel.ids(), "state");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeldOut.rollingOrigin(
                        List.of("small", "yearly"),
                        List.of(problems().get(0), yearly),
                        states(),
                        years(),
                        FoldFitter.of(HazardEstimator.of()),
                        () -> {}))
                .isInstanceOf(org.normlab.data.InputException.class)
                .hasMessage("model yearly has year dummies (year_1990): a rolling origin cannot extrapolate them to "
                        + "a year outside the training years");
    }
}
