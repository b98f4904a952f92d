package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Behaviour of the estimator beyond agreement with R: diagnostics, options, determinism. */
class HazardEstimatorTest {

    private static final String[] ADOPTION = {"log_duration", "democracy", "neighbors", "war", "log_gdp"};

    private final Fixtures.Panel adoption = Fixtures.panel("adoption_panel.csv");

    @Test
    void separationIsDetectedAndFirthStaysFinite() {
        Fixtures.Panel panel = Fixtures.panel("separation_panel.csv");
        HazardProblem problem = panel.problem("democracy", "log_duration", "war_x");

        HazardEstimate ml = HazardEstimator.of().fit(problem);
        assertThat(Math.abs(ml.coefficient("war_x"))).isGreaterThan(15);
        assertThat(ml.standardError("war_x")).isGreaterThan(1e3);
        // detected exactly (linear programming), not guessed from the size of the estimate
        assertThat(ml.divergedTerms()).containsExactly("war_x");
        assertThat(ml.diagnostics()).noneMatch(d -> d.contains("separation"));

        HazardEstimate firth = HazardEstimator.of().withFirth(true).fit(problem);
        assertThat(firth.converged()).isTrue();
        assertThat(firth.diagnostics()).isEmpty();
        assertThat(firth.coefficient("war_x")).isBetween(-3.0, 0.0);
        assertThat(firth.standardError("war_x")).isLessThan(5.0);
    }

    @Test
    void nonConvergenceIsReported() {
        HazardProblem problem = adoption.problem(ADOPTION);
        HazardEstimate e = HazardEstimator.of().withMaxIterations(2).fit(problem);
        assertThat(e.converged()).isFalse();
        assertThat(e.iterations()).isEqualTo(2);
        assertThat(e.diagnostics().get(0))
                .matches("did not converge in 2 iterations: the log-likelihood was still changing by"
                        + " [0-9.e+-]+; raise the iteration limit or check for separation");
        assertThat(e.summaryTable()).contains("NOT converged after 2 iterations");
    }

    @Test
    void mlConvergesInFewIterationsAndReportsFitStatistics() {
        HazardEstimate e = HazardEstimator.of().fit(adoption.problem(ADOPTION));
        assertThat(e.converged()).isTrue();
        assertThat(e.iterations()).isBetween(4, 9);
        assertThat(e.rank()).isEqualTo(6);
        assertThat(e.aic()).isCloseTo(-2 * e.logLikelihood() + 12, within(1e-9));
        assertThat(e.bic()).isCloseTo(-2 * e.logLikelihood() + 6 * Math.log(e.n()), within(1e-9));
        assertThat(e.penalizedLogLikelihood()).isEmpty();
        assertThat(e.method()).isEqualTo("maximum likelihood");
        assertThat(e.seDescription()).isEqualTo("model-based (inverse Fisher information)");
        double[] z = e.zValues();
        double[] p = e.pValues();
        for (int i = 0; i < z.length; i++) {
            assertThat(z[i]).isEqualTo(e.coefficients()[i] / e.standardErrors()[i]);
            double expected = 2
                    * (1
                            - new org.hipparchus.distribution.continuous.NormalDistribution()
                                    .cumulativeProbability(Math.abs(z[i])));
            assertThat(p[i]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void predictionUsesTheLinkAndTheCoefficients() {
        HazardEstimate e = HazardEstimator.of().fit(adoption.problem(ADOPTION).withLink(Link.CLOGLOG));
        double[] row = {Math.log(3), 0.5, 0.4, 1, 9.0};
        double eta = e.coefficient("(Intercept)")
                + e.coefficient("log_duration") * row[0]
                + e.coefficient("democracy") * row[1]
                + e.coefficient("neighbors") * row[2]
                + e.coefficient("war") * row[3]
                + e.coefficient("log_gdp") * row[4];
        assertThat(e.linearPredictor(row)).isCloseTo(eta, within(1e-12));
        assertThat(e.probability(row)).isCloseTo(1 - Math.exp(-Math.exp(eta)), within(1e-15));
        double[][] cols = new double[5][1];
        for (int j = 0; j < 5; j++) {
            cols[j][0] = row[j];
        }
        assertThat(e.probabilities(cols)[0]).isCloseTo(e.probability(row), within(1e-15));
        assertThatThrownBy(() -> e.probability(1, 2))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("expected 5 covariate values");
    }

    @Test
    void ridgeSolvesThePenalisedScoreEquationsAndShrinks() {
        HazardProblem problem = adoption.problem(ADOPTION);
        double lambda = 5.0;
        HazardEstimate ml = HazardEstimator.of().fit(problem);
        HazardEstimate ridge =
                HazardEstimator.of().withRidge(lambda).withTolerance(1e-14).fit(problem);
        assertThat(ridge.converged()).isTrue();
        // Independent check: X'(y - mu) - lambda * beta (no penalty on the intercept) = 0.
        double[] y = adoption.get("event");
        double[] beta = ridge.coefficients();
        double[] grad = new double[beta.length];
        for (int i = 0; i < y.length; i++) {
            double[] x = {
                1,
                adoption.get("log_duration")[i],
                adoption.get("democracy")[i],
                adoption.get("neighbors")[i],
                adoption.get("war")[i],
                adoption.get("log_gdp")[i]
            };
            double eta = 0;
            for (int j = 0; j < x.length; j++) {
                eta += beta[j] * x[j];
            }
            double mu = 1 / (1 + Math.exp(-eta));
            for (int j = 0; j < x.length; j++) {
                grad[j] += (y[i] - mu) * x[j];
            }
        }
        for (int j = 1; j < beta.length; j++) {
            grad[j] -= lambda * beta[j];
        }
        for (double g : grad) {
            assertThat(g).isCloseTo(0.0, within(1e-7));
        }
        double ss = 0;
        double ssMl = 0;
        for (int j = 1; j < beta.length; j++) {
            ss += beta[j] * beta[j];
            ssMl += ml.coefficients()[j] * ml.coefficients()[j];
        }
        assertThat(ss).isLessThan(ssMl);
        assertThat(ridge.logLikelihood()).isLessThan(ml.logLikelihood());
        assertThat(ridge.penalizedLogLikelihood().getAsDouble())
                .isCloseTo(ridge.logLikelihood() - lambda / 2 * ss, within(1e-9));
        assertThat(ridge.method()).contains("ridge penalty lambda=5");
        assertThat(ridge.seDescription()).contains("penalised information");
    }

    @Test
    void firthLogitReportsThePenalisedLikelihood() {
        HazardEstimate e = HazardEstimator.of().withFirth(true).fit(adoption.problem(ADOPTION));
        assertThat(e.penalizedLogLikelihood()).isPresent();
        assertThat(e.penalizedLogLikelihood().getAsDouble()).isGreaterThan(e.logLikelihood());
        HazardEstimate cloglog = HazardEstimator.of()
                .withFirth(true)
                .fit(adoption.problem(ADOPTION).withLink(Link.CLOGLOG));
        assertThat(cloglog.penalizedLogLikelihood()).isEmpty();
        assertThat(cloglog.method()).contains("AS_mean");
    }

    @Test
    void constantAndCollinearColumnsAreDroppedLikeR() {
        double[] war = adoption.get("war");
        double[] dem = adoption.get("democracy");
        double[] constant = new double[war.length];
        double[] combo = new double[war.length];
        for (int i = 0; i < war.length; i++) {
            constant[i] = 3.5;
            combo[i] = 2 * dem[i] - war[i] + 1;
        }
        HazardProblem problem = HazardProblem.of(
                adoption.get("event"),
                new double[][] {dem, constant, war, combo},
                "democracy",
                "const",
                "war",
                "combo");
        HazardEstimate e = HazardEstimator.of().fit(problem);
        HazardEstimate reference = HazardEstimator.of().fit(problem.keepColumns("democracy", "war"));
        assertThat(e.names()).containsExactly("(Intercept)", "democracy", "const", "war", "combo");
        assertThat(e.coefficient("const")).isNaN();
        assertThat(e.coefficient("combo")).isNaN();
        assertThat(e.rank()).isEqualTo(3);
        assertThat(e.coefficient("war")).isCloseTo(reference.coefficient("war"), within(1e-10));
        assertThat(e.logLikelihood()).isCloseTo(reference.logLikelihood(), within(1e-9));
        assertThat(e.diagnostics())
                .containsExactly(
                        "column const is constant (every value is 3.5): it cannot be told apart from the"
                                + " intercept; dropped (coefficient NaN)",
                        "column combo is collinear with democracy, war (R-squared above 1 - 1e-10); dropped"
                                + " (coefficient NaN)");
        assertThat(e.probability(0.2, 99, 1, 12345)).isCloseTo(reference.probability(0.2, 1), within(1e-15));
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        HazardProblem big = synthetic(60_000, 42L);
        HazardEstimator est = HazardEstimator.of().withSeType(SeType.CLUSTER).withFirth(true);
        HazardEstimate one = est.withParallelism(1).fit(big);
        HazardEstimate two = est.withParallelism(2).fit(big);
        HazardEstimate three = est.withParallelism(3).fit(big);
        HazardEstimate shared = est.fit(big);
        assertThat(two).isEqualTo(one);
        assertThat(three).isEqualTo(one);
        assertThat(shared).isEqualTo(one);
        assertThat(one.converged()).isTrue();
    }

    @Test
    void largeMeansDoNotHurtAccuracy() {
        // Shifting a covariate changes only the intercept: the fit is done on centred columns.
        double[] dem = adoption.get("democracy");
        double[] shifted = new double[dem.length];
        for (int i = 0; i < dem.length; i++) {
            shifted[i] = dem[i] + 1e6;
        }
        double[] y = adoption.get("event");
        HazardEstimate a = HazardEstimator.of().fit(HazardProblem.of(y, new double[][] {dem}, "d"));
        HazardEstimate b = HazardEstimator.of().fit(HazardProblem.of(y, new double[][] {shifted}, "d"));
        assertThat(b.coefficient("d")).isCloseTo(a.coefficient("d"), within(1e-9));
        assertThat(b.standardError("d")).isCloseTo(a.standardError("d"), within(1e-9));
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9));
    }

    @Test
    void withoutInterceptTheModelHasNoInterceptTerm() {
        double[] y = adoption.get("event");
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1.0);
        HazardEstimate with =
                HazardEstimator.of().fit(HazardProblem.of(y, new double[][] {adoption.get("war")}, "war"));
        HazardEstimate without = HazardEstimator.of()
                .fit(HazardProblem.of(y, new double[][] {ones, adoption.get("war")}, "one", "war")
                        .withIntercept(false));
        assertThat(without.names()).containsExactly("one", "war");
        assertThat(without.coefficient("one")).isCloseTo(with.coefficient("(Intercept)"), within(1e-9));
        assertThat(without.standardError("war")).isCloseTo(with.standardError("war"), within(1e-9));
    }

    @Test
    void interceptOnlyModelHasTheClosedFormSolution() {
        double[] y = adoption.get("event");
        HazardEstimate e = HazardEstimator.of().fit(HazardProblem.of(y, new double[0][]));
        double ybar = (double) e.events() / e.n();
        assertThat(e.names()).containsExactly("(Intercept)");
        assertThat(e.coefficients()[0]).isCloseTo(Math.log(ybar / (1 - ybar)), within(1e-9));
        assertThat(e.standardErrors()[0]).isCloseTo(1 / Math.sqrt(e.n() * ybar * (1 - ybar)), within(1e-9));
        assertThat(e.logLikelihood())
                .isCloseTo(e.events() * Math.log(ybar) + (e.n() - e.events()) * Math.log(1 - ybar), within(1e-9));
    }

    @Test
    void invalidInputsGiveActionableMessages() {
        double[] y = {0, 1, 0, 2};
        double[][] x = {{1, 2, 3, 4}};
        assertThatThrownBy(() -> HazardProblem.of(y, x, "a"))
                .isInstanceOf(EstimationException.class)
                .hasMessage("response value 2.0 in row 3: the event indicator must be 0 (no event in the"
                        + " period) or 1 (event)");
        assertThatThrownBy(() -> HazardProblem.of(new double[] {0, 1, 0}, x, "a"))
                .hasMessageContaining("column 'a' has 4 values but the response has 3");
        assertThatThrownBy(() -> HazardProblem.of(new double[] {0, 1}, new double[][] {{1, Double.NaN}}, "a"))
                .hasMessageContaining("column 'a' is NaN in row 1");
        assertThatThrownBy(() -> HazardProblem.of(new double[] {0, 1}, new double[][] {{1, 2}, {3, 4}}, "a", "a"))
                .hasMessageContaining("duplicate covariate name 'a'");
        assertThatThrownBy(() -> HazardProblem.of(new double[] {0, 1}, new double[][] {{1, 2}}, "(Intercept)"))
                .hasMessageContaining("reserved");
        HazardProblem noClusters = adoption.problem(ADOPTION).withClusters(new int[adoption.rows], "s");
        assertThatThrownBy(() -> HazardEstimator.of().withSeType(SeType.CLUSTER).fit(noClusters))
                .hasMessageContaining("at least 2 clusters");
        HazardProblem plain = HazardProblem.of(adoption.get("event"), new double[][] {adoption.get("war")}, "war");
        assertThatThrownBy(() -> HazardEstimator.of().withSeType(SeType.CLUSTER).fit(plain))
                .hasMessageContaining("need cluster ids");
        HazardProblem noEvents = HazardProblem.of(new double[4], x, "a");
        assertThatThrownBy(() -> HazardEstimator.of().fit(noEvents))
                .hasMessageContaining("is 0 in all 4 rows")
                .hasMessageContaining("--firth");
        assertThat(HazardEstimator.of().withFirth(true).fit(noEvents).converged())
                .isTrue();
        assertThatThrownBy(() -> HazardEstimator.of().withRidge(-1)).hasMessageContaining("lambda >= 0");
    }

    @Test
    void fewClustersAreFlagged() {
        int[] ids = adoption.ids();
        int[] coarse = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            coarse[i] = ids[i] % 10;
        }
        HazardEstimate e = HazardEstimator.of()
                .withSeType(SeType.CLUSTER)
                .fit(adoption.problem(ADOPTION).withClusters(coarse, "region"));
        assertThat(e.seDescription()).isEqualTo("cluster-robust by region (HC0 with G/(G-1), G=10)");
        assertThat(e.diagnostics()).anyMatch(d -> d.startsWith("only 10 clusters"));
    }

    /** A seeded synthetic panel, big enough to span several row blocks. */
    static HazardProblem synthetic(int rows, long seed) {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        double[] y = new double[rows];
        double[][] x = new double[3][rows];
        int[] cluster = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[0][i] = rng.nextGaussian();
            x[1][i] = rng.nextDouble() < 0.3 ? 1 : 0;
            x[2][i] = Math.log(1 + (i % 20));
            cluster[i] = i / 20;
            double eta = -3 + 0.5 * x[0][i] - 0.4 * x[1][i] + 0.2 * x[2][i];
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return HazardProblem.of(y, x, "a", "b", "c").withClusters(cluster, "state");
    }
}
