package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** Likelihood-ratio tests and forecast scores on inputs small enough to check by hand. */
class ComparisonTest {

    @Test
    void likelihoodRatioOnHandValues() {
        // 2 * (-7 - -10) = 6; chi-squared(2) upper tail is exp(-6/2).
        LikelihoodRatioTest lr = LikelihoodRatioTest.of(-10.0, -7.0, 2);
        assertThat(lr.statistic()).isEqualTo(6.0);
        assertThat(lr.df()).isEqualTo(2);
        assertThat(lr.pValue()).isCloseTo(Math.exp(-3.0), within(1e-14));
        LikelihoodRatioTest far = LikelihoodRatioTest.of(-500.0, -300.0, 1);
        assertThat(far.pValue()).isGreaterThan(0.0).isLessThan(1e-80);
        assertThat(LikelihoodRatioTest.of(-5.0, -5.0, 3).pValue()).isEqualTo(1.0);
        assertThatThrownBy(() -> LikelihoodRatioTest.of(-5.0, -6.0, 1))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("not nested");
    }

    @Test
    void likelihoodRatioBetweenFittedModels() {
        Fixtures.Panel panel = Fixtures.panel("adoption_panel.csv");
        HazardProblem full = panel.problem("log_duration", "democracy", "neighbors", "war", "log_gdp");
        HazardProblem restricted = full.keepColumns("log_duration", "democracy", "neighbors");
        HazardEstimate f = HazardEstimator.of().fit(full);
        HazardEstimate r = HazardEstimator.of().fit(restricted);
        LikelihoodRatioTest lr = LikelihoodRatioTest.of(r, f);
        assertThat(lr.df()).isEqualTo(2);
        assertThat(lr.statistic()).isCloseTo(2 * (f.logLikelihood() - r.logLikelihood()), within(1e-12));
        assertThat(lr.pValue())
                .isCloseTo(1 - new ChiSquaredDistribution(2).cumulativeProbability(lr.statistic()), within(1e-12));
        assertThatThrownBy(() -> LikelihoodRatioTest.of(f, r)).hasMessageContaining("not nested");
        HazardEstimate firth = HazardEstimator.of().withFirth(true).fit(full);
        assertThatThrownBy(() -> LikelihoodRatioTest.of(r, firth)).hasMessageContaining("maximum-likelihood fits");
    }

    @Test
    void scoresOnATinyExample() {
        double[] p = {0.1, 0.4, 0.35, 0.8, 0.4};
        double[] y = {0, 0, 1, 1, 1};
        ForecastScores s = ForecastScores.of(p, y, 2);
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.events()).isEqualTo(3);
        double log = (Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8) + Math.log(0.4)) / 5;
        assertThat(s.meanLogScore()).isCloseTo(log, within(1e-15));
        assertThat(s.brierScore()).isCloseTo((0.01 + 0.16 + 0.4225 + 0.04 + 0.36) / 5, within(1e-15));
        // Event/non-event pairs: (.35,.1)=1 (.35,.4)=0 (.8,.1)=1 (.8,.4)=1 (.4,.1)=1 (.4,.4)=1/2.
        assertThat(s.auc()).isCloseTo(4.5 / 6, within(1e-15));
        assertThat(s.calibration()).hasSize(2);
        CalibrationBin low = s.calibration().get(0);
        CalibrationBin high = s.calibration().get(1);
        assertThat(low.n()).isEqualTo(2);
        assertThat(low.meanPredicted()).isCloseTo(0.225, within(1e-15));
        assertThat(low.observedRate()).isEqualTo(0.5);
        assertThat(high.n()).isEqualTo(3);
        assertThat(high.meanPredicted()).isCloseTo((0.4 + 0.4 + 0.8) / 3, within(1e-15));
        assertThat(high.observedRate()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(high.minPredicted()).isEqualTo(0.4);
        assertThat(high.maxPredicted()).isEqualTo(0.8);
    }

    @Test
    void aucEqualsBruteForceOverPairsWithTies() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(3L);
        int n = 400;
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.round(rng.nextDouble() * 20) / 20.0;
            y[i] = rng.nextDouble() < p[i] ? 1 : 0;
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        ForecastScores s = ForecastScores.of(p, y);
        assertThat(s.auc()).isCloseTo(wins / pairs, within(1e-12));
        assertThat(s.calibration()).hasSize(10);
        assertThat(s.calibration()).allSatisfy(b -> assertThat(b.n()).isEqualTo(40));
    }

    @Test
    void degenerateAndInvalidInputs() {
        assertThat(ForecastScores.of(new double[] {0.2, 0.3}, new double[] {0, 0})
                        .auc())
                .isNaN();
        assertThat(ForecastScores.of(new double[] {0.0}, new double[] {1}).meanLogScore())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ForecastScores.of(new double[] {1.2}, new double[] {1}))
                .hasMessageContaining("not a probability");
        assertThatThrownBy(() -> ForecastScores.of(new double[] {0.2}, new double[] {1, 0}))
                .hasMessageContaining("1 predictions but 2 outcomes");
    }

    @Test
    void outOfSampleScoringOfAFittedModel() {
        Fixtures.Panel panel = Fixtures.panel("adoption_panel.csv");
        HazardProblem problem = panel.problem("log_duration", "democracy", "neighbors", "war");
        Split split = Folds.byYear(toInt(panel.get("year")), 1992);
        HazardEstimate fit = HazardEstimator.of().fit(problem.select(split.train()));
        HazardProblem test = problem.select(split.test());
        ForecastScores s = ForecastScores.of(fit.probabilities(test), test.y());
        assertThat(s.n()).isEqualTo(split.test().length);
        assertThat(s.auc()).isBetween(0.5, 1.0);
        assertThat(s.brierScore()).isBetween(0.0, 0.25);
    }

    static int[] toInt(double[] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }
}
