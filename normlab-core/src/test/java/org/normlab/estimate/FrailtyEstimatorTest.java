package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link FrailtyEstimator} beyond the agreement with R (FrailtyEstimatorRTest). */
class FrailtyEstimatorTest {

    private static final String[] TWO_LEVEL = {
        "log_duration",
        "opening_year",
        "share_global",
        "share_border",
        "share_subregion",
        "conflict_territorial",
        "conflict_interstate",
        "polyarchy",
        "party_ccw_apii",
        "eu_member",
        "nato_member"
    };

    private static HazardProblem synthetic() {
        return FrailtyPanels.panel("frailty_panel.csv", "id").problem("x1", "x2", "x3", "x4");
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void refusesAProblemWithoutClusters() {
        FrailtyPanels.Panel panel = FrailtyPanels.panel("frailty_panel.csv", "id");
        HazardProblem noClusters = HazardProblem.of(panel.get("event"), new double[][] {panel.get("x1")}, "x1");
        assertThatThrownBy(() -> FrailtyEstimator.of().fit(noClusters))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("needs cluster ids")
                .hasMessageContaining("withClusters(ids, \"state\")");
    }

    @Test
    void refusesOneClusterAndOneRowPerCluster() {
        double[] y = {0, 1, 0, 0, 1, 0};
        double[][] x = {{0.1, 0.4, -0.3, 1.2, 0.8, -1.0}};
        HazardProblem oneCluster = HazardProblem.of(y, x, "x").withClusters(new int[6], "state");
        assertThatThrownBy(() -> FrailtyEstimator.of().fit(oneCluster))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("at least 2 clusters")
                .hasMessageContaining("has 1 state");
        HazardProblem perRow = HazardProblem.of(y, x, "x").withClusters(new int[] {1, 2, 3, 4, 5, 6}, "state");
        assertThatThrownBy(() -> FrailtyEstimator.of().fit(perRow))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("every row is its own state")
                .hasMessageContaining("not identifiable");
    }

    @Test
    void refusesAResponseWithoutEvents() {
        double[] y = new double[6];
        double[][] x = {{0.1, 0.4, -0.3, 1.2, 0.8, -1.0}};
        HazardProblem p = HazardProblem.of(y, x, "x").withClusters(new int[] {1, 1, 1, 2, 2, 2}, "state");
        assertThatThrownBy(() -> FrailtyEstimator.of().fit(p))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("is 0 in all 6 rows");
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> FrailtyEstimator.of().withQuadraturePoints(0))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("quadraturePoints 0 is invalid: use 1 (Laplace approximation) to 100");
        assertThatThrownBy(() -> FrailtyEstimator.of().withQuadraturePoints(101))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("quadraturePoints 101 is invalid");
        assertThatThrownBy(() -> FrailtyEstimator.of().withTolerance(0.0))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("tolerance 0.0 is invalid");
        assertThatThrownBy(() -> FrailtyEstimator.of().withTolerance(Double.NaN))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("tolerance NaN is invalid");
        assertThatThrownBy(() -> FrailtyEstimator.of().withMaxIterations(0))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("maxIterations 0 is invalid: use >= 1");
    }

    @Test
    void posteriorModesRefuseAProblemThatDoesNotMatchTheFit() {
        FrailtyEstimate est = FrailtyEstimator.of().fit(synthetic());
        HazardProblem other = FrailtyPanels.panel("frailty_panel.csv", "id").problem("x1", "x2");
        assertThatThrownBy(() -> FrailtyEstimator.of().posteriorModes(est, other))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("does not match the estimate");
        assertThatThrownBy(() -> est.posteriorMode(9999))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("no state with id 9999");
    }

    // ---- results --------------------------------------------------------------------------------

    @Test
    void deterministic() {
        HazardProblem p = synthetic();
        FrailtyEstimate a = FrailtyEstimator.of().fit(p);
        FrailtyEstimate b = new FrailtyEstimator(25, 1e-10, 100).fit(p);
        assertThat(b).isEqualTo(a);
        assertThat(b.estimates()).isEqualTo(a.estimates());
        assertThat(b.standardErrors()).isEqualTo(a.standardErrors());
        assertThat(b.posteriorModes()).isEqualTo(a.posteriorModes());
    }

    @Test
    void rowOrderChangesNothingBeyondRounding() {
        HazardProblem p = synthetic();
        int n = p.n();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = n - 1 - i;
        }
        FrailtyEstimate a = FrailtyEstimator.of().fit(p);
        FrailtyEstimate b = FrailtyEstimator.of().fit(p.select(rows));
        for (int i = 0; i < a.names().size(); i++) {
            assertThat(b.estimates()[i]).isCloseTo(a.estimates()[i], within(1e-9));
            assertThat(b.standardErrors()[i]).isCloseTo(a.standardErrors()[i], within(1e-9));
        }
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9));
        // Clusters are listed in order of first appearance: reversed here.
        Map<Integer, Double> ma = a.posteriorModeMap();
        Map<Integer, Double> mb = b.posteriorModeMap();
        assertThat(mb.keySet()).containsExactlyInAnyOrderElementsOf(ma.keySet());
        ma.forEach((id, mode) -> assertThat(mb.get(id)).isCloseTo(mode, within(1e-9)));
    }

    @Test
    void posteriorModesOfAProblemMatchTheFit() {
        HazardProblem p = synthetic();
        FrailtyEstimate est = FrailtyEstimator.of().fit(p);
        Map<Integer, Double> modes = FrailtyEstimator.of().posteriorModes(est, p);
        assertThat(modes.keySet())
                .containsExactlyElementsOf(est.posteriorModeMap().keySet());
        modes.forEach((id, b) -> assertThat(b).isCloseTo(est.posteriorMode(id), within(1e-12)));
        // A state's frailty shifts its linear predictor.
        int id = est.clusterIds()[0];
        assertThat(est.linearPredictor(est.posteriorMode(id), 0.5, 1, 0.2, 1.0))
                .isCloseTo(est.linearPredictor(0.0, 0.5, 1, 0.2, 1.0) + est.posteriorMode(id), within(1e-12));
    }

    @Test
    void namesEstimatesAndSummary() {
        FrailtyEstimate est = FrailtyEstimator.of().fit(synthetic());
        assertThat(est.names()).containsExactly("(Intercept)", "x1", "x2", "x3", "x4", "sd((Intercept)|state)");
        assertThat(est.coefficientNames()).containsExactly("(Intercept)", "x1", "x2", "x3", "x4");
        assertThat(est.coefficients()).hasSize(5);
        assertThat(est.estimate("sd((Intercept)|state)")).isEqualTo(est.sigma());
        assertThat(est.rank()).isEqualTo(6);
        assertThat(est.quadraturePoints()).isEqualTo(25);
        assertThat(est.aic()).isCloseTo(-2 * est.logLikelihood() + 12, within(1e-9));
        // The synthetic panel was simulated with a frailty sd of 1.2.
        assertThat(est.sigma()).isBetween(1.0, 1.6);
        assertThat(est.summaryTable())
                .contains("adaptive Gauss-Hermite with 25 points")
                .contains("sd((Intercept)|state)")
                .contains("converged in");
    }

    @Test
    void frailtyImprovesOnTheOrdinaryLogitFit() {
        HazardProblem p = synthetic();
        FrailtyEstimate frailty = FrailtyEstimator.of().fit(p);
        HazardEstimate logit = HazardEstimator.of().fit(p);
        // Nested at sd = 0: the likelihood-ratio statistic is large for sd 1.2.
        assertThat(2 * (frailty.logLikelihood() - logit.logLikelihood())).isGreaterThan(50);
        // Ignoring the frailty attenuates the coefficients towards 0.
        assertThat(Math.abs(frailty.estimate("x1"))).isGreaterThan(Math.abs(logit.coefficient("x1")));
    }

    @Test
    void boundaryReportsTheOrdinaryLogitFit() {
        HazardProblem p = FrailtyPanels.panel("no_frailty_panel.csv", "id").problem("democracy", "x1", "log_duration");
        FrailtyEstimate est = FrailtyEstimator.of().fit(p);
        HazardEstimate logit = HazardEstimator.of().fit(p);
        assertThat(est.boundary()).isTrue();
        assertThat(est.sigma()).isZero();
        assertThat(est.diagnostics())
                .containsExactly("the frailty variance is estimated at zero: no"
                        + " unobserved heterogeneity beyond the covariates; the fixed effects, their standard"
                        + " errors and the log-likelihood are those of the ordinary logit model, and the"
                        + " standard error of the sd is not defined on the boundary");
        assertThat(est.coefficients()).isEqualTo(logit.coefficients());
        assertThat(est.coefficientStandardErrors()).isEqualTo(logit.standardErrors());
        assertThat(est.logLikelihood()).isEqualTo(logit.logLikelihood());
        assertThat(est.summaryTable()).contains("note: the frailty variance is estimated at zero");
    }

    @Test
    void droppedColumnKeepsItsPlaceWithNaN() {
        FrailtyPanels.Panel panel = FrailtyPanels.panel("frailty_panel.csv", "id");
        double[] constant = new double[panel.get("event").length];
        Arrays.fill(constant, 2.0);
        HazardProblem p = HazardProblem.of(
                        panel.get("event"),
                        new double[][] {panel.get("x1"), constant, panel.get("x3")},
                        "x1",
                        "k",
                        "x3")
                .withClusters(panel.ids, "state");
        FrailtyEstimate est = FrailtyEstimator.of().fit(p);
        assertThat(est.converged()).isTrue();
        assertThat(est.estimate("k")).isNaN();
        assertThat(est.standardError("k")).isNaN();
        assertThat(est.rank()).isEqualTo(4);
        assertThat(est.diagnostics())
                .anySatisfy(
                        d -> assertThat(d).startsWith("ordinary logit fit used as the start: column k is constant"));
        FrailtyEstimate without = FrailtyEstimator.of().fit(panel.problem("x1", "x3"));
        assertThat(est.estimate("x1")).isCloseTo(without.estimate("x1"), within(1e-9));
        assertThat(est.sigma()).isCloseTo(without.sigma(), within(1e-9));
        assertThat(est.logLikelihood()).isCloseTo(without.logLikelihood(), within(1e-9));
    }

    @Test
    void anExplicitConstantColumnWithoutInterceptIsTheSameModel() {
        FrailtyPanels.Panel panel = FrailtyPanels.panel("frailty_panel.csv", "id");
        double[] one = new double[panel.get("event").length];
        Arrays.fill(one, 1.0);
        HazardProblem explicit = HazardProblem.of(
                        panel.get("event"), new double[][] {one, panel.get("x1"), panel.get("x3")}, "one", "x1", "x3")
                .withIntercept(false)
                .withClusters(panel.ids, "state");
        FrailtyEstimate a = FrailtyEstimator.of().fit(explicit);
        FrailtyEstimate b = FrailtyEstimator.of().fit(panel.problem("x1", "x3"));
        assertThat(a.intercept()).isFalse();
        assertThat(a.names()).containsExactly("one", "x1", "x3", "sd((Intercept)|state)");
        for (int i = 0; i < 4; i++) {
            assertThat(a.estimates()[i]).isCloseTo(b.estimates()[i], within(1e-8));
            assertThat(a.standardErrors()[i]).isCloseTo(b.standardErrors()[i], within(1e-7));
        }
        assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), within(1e-9));
    }

    @Test
    void laplaceAndMorePointsConvergeTowardsTheSameFit() {
        HazardProblem p = synthetic();
        FrailtyEstimate laplace = FrailtyEstimator.of().withQuadraturePoints(1).fit(p);
        FrailtyEstimate q25 = FrailtyEstimator.of().fit(p);
        FrailtyEstimate q50 = FrailtyEstimator.of().withQuadraturePoints(50).fit(p);
        assertThat(laplace.converged()).isTrue();
        assertThat(q50.converged()).isTrue();
        assertThat(laplace.sigma()).isCloseTo(q25.sigma(), within(0.05));
        // 25 points are converged for this panel: doubling them moves nothing visible.
        assertThat(q50.sigma()).isCloseTo(q25.sigma(), within(1e-6));
        assertThat(q50.logLikelihood()).isCloseTo(q25.logLikelihood(), within(1e-6));
    }

    /**
     * The size the replay uses: the real risk set's 1,530 rows and 172 states with 40 columns
     * (its 11 covariates and 29 noise columns). A fit takes about 0.1 s once the JIT has compiled
     * it (0.4 s for the first fit in a fresh JVM); the bound leaves a wide margin.
     */
    @Test
    void fortyColumnsOnTheRealRiskSetConvergeAndRefitIdentically() {
        FrailtyPanels.Panel panel = FrailtyPanels.panel("two_level_panel.csv", "iso3");
        int n = panel.get("event").length;
        double[][] cols = new double[40][];
        String[] names = new String[40];
        Random rnd = new Random(42);
        for (int j = 0; j < 40; j++) {
            if (j < TWO_LEVEL.length) {
                cols[j] = panel.get(TWO_LEVEL[j]);
                names[j] = TWO_LEVEL[j];
            } else {
                cols[j] = new double[n];
                for (int i = 0; i < n; i++) {
                    cols[j][i] = rnd.nextGaussian();
                }
                names[j] = "noise" + j;
            }
        }
        HazardProblem p = HazardProblem.of(panel.get("event"), cols, names).withClusters(panel.ids, "state");
        FrailtyEstimate first = FrailtyEstimator.of().fit(p);
        FrailtyEstimate est = FrailtyEstimator.of().fit(p);
        assertThat(est).isEqualTo(first);
        assertThat(est.converged()).isTrue();
        assertThat(est.clusters()).isEqualTo(172);
        assertThat(est.rank()).isEqualTo(42);
        assertThat(est.sigma()).isBetween(1.0, 3.0);
    }
}
