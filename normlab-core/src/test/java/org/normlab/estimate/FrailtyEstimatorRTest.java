package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement of {@link FrailtyEstimator} with R's {@code lme4::glmer(..., nAGQ = 25)} on the
 * committed panels; expected values come from normlab-core/src/test/R/frailty_fixtures.R.
 *
 * <p>Two references (see the script): {@code glmer_*}, lme4's own results, whose optimiser
 * (bobyqa, function values only) pins the optimum down to about 1e-7 relative, and only to about
 * 5e-5 along the flat directions of the real risk set; and {@code refined_*}, the maximiser of
 * the same objective (checked in R to equal lme4's deviance function to 1e-11) located by
 * Newton's method with exact gradients, with standard errors from the Richardson-extrapolated
 * Hessian. Achieved agreement (maximum relative difference over terms):
 *
 * <pre>
 *                     vs refined                                vs glmer
 *                     coef     SE       sd      SE(sd)  loglik  coef    SE (vcov)  sd      loglik
 *   synthetic logit   7e-16    3e-11    0       9e-11   4e-16   1.7e-7  1.8e-6     4.6e-8  0
 *   synthetic cloglog 4e-16    1e-11    0       1e-10   2e-16   3.5e-7  4.0e-6     4.7e-8  1e-15
 *   two_level (real)  1.4e-12  2.3e-10  4e-13   2.7e-10 4e-16   4.5e-5  3.1e-4     2.6e-7  6e-14
 *   no_frailty        vs glm: coef 7e-11, SE 4e-9, loglik 1e-15; vs glmer: coef 7e-10, loglik 2e-15
 * </pre>
 *
 * <p>lme4's standard errors invert a finite-difference Hessian (step 1e-4) at its less precise
 * optimum; the estimator's, a central-difference Hessian of the exact gradient at the converged
 * optimum, which the refined Richardson Hessian confirms to 3e-10. The posterior modes and
 * standard deviations of the frailties match the refined ones to 2e-12 absolute, and lme4's
 * {@code ranef} (at its own optimum) to 1.2e-6. The tolerances below leave a margin of 10 to 100
 * over these.
 */
class FrailtyEstimatorRTest {

    private static final String EXPECTED = "frailty_expected.csv";
    private static final String[] SYNTHETIC = {"x1", "x2", "x3", "x4"};
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
    private static final String[] NO_FRAILTY = {"democracy", "x1", "log_duration"};

    private static Map<String, Map<String, Map<String, Double>>> expected;

    @BeforeAll
    static void load() {
        expected = FrailtyPanels.expected(EXPECTED);
    }

    /**
     * fit, panel, cluster column, covariates, link, tolerances vs glmer: coefficients, SEs, sd,
     * posterior modes (absolute).
     */
    static List<Arguments> fits() {
        return List.of(
                Arguments.of("synthetic", "frailty_panel.csv", "id", SYNTHETIC, Link.LOGIT, 1e-6, 1e-5, 1e-6, 1e-5),
                Arguments.of(
                        "synthetic_cloglog",
                        "frailty_panel.csv",
                        "id",
                        SYNTHETIC,
                        Link.CLOGLOG,
                        1e-6,
                        1e-5,
                        1e-6,
                        1e-5),
                Arguments.of(
                        "two_level", "two_level_panel.csv", "iso3", TWO_LEVEL, Link.LOGIT, 1e-4, 1e-3, 1e-6, 1e-5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void matchesLme4(
            String fit,
            String panelFile,
            String clusterColumn,
            String[] covariates,
            Link link,
            double glmerCoefTol,
            double glmerSeTol,
            double glmerSdTol,
            double glmerModeTol) {
        FrailtyPanels.Panel panel = FrailtyPanels.panel(panelFile, clusterColumn);
        HazardProblem problem = panel.problem(covariates).withLink(link);
        FrailtyEstimate est = FrailtyEstimator.of().fit(problem);
        Map<String, Map<String, Double>> e = expected.get(fit);

        assertThat(est.converged()).as(est.diagnostics().toString()).isTrue();
        assertThat(est.boundary()).isFalse();
        assertThat(est.diagnostics()).isEmpty();
        assertThat(est.link()).isEqualTo(link);
        List<String> names = new ArrayList<>(e.get("refined_coef").keySet());
        names.add("sd((Intercept)|state)");
        assertThat(est.names()).containsExactlyElementsOf(names);
        assertThat(est.sigmaName()).isEqualTo("sd((Intercept)|state)");

        for (String term : e.get("refined_coef").keySet()) {
            // The refined optimum of the same objective: agreement to rounding.
            assertRel(est.estimate(term), e.get("refined_coef").get(term), 1e-10, term + " coef");
            assertRel(est.standardError(term), e.get("refined_se").get(term), 1e-9, term + " se");
            // lme4's own results: limited by its optimiser and its finite-difference Hessian.
            assertRel(est.estimate(term), e.get("glmer_coef").get(term), glmerCoefTol, term + " coef vs glmer");
            assertRel(est.standardError(term), e.get("glmer_se").get(term), glmerSeTol, term + " se vs glmer");
        }
        assertRel(est.sigma(), scalar(e, "refined_sd"), 1e-10, "sd");
        assertRel(est.sigmaStandardError(), scalar(e, "refined_sd_se"), 1e-9, "sd se");
        assertRel(est.sigma(), scalar(e, "glmer_sd"), glmerSdTol, "sd vs glmer");
        assertRel(est.logLikelihood(), scalar(e, "refined_loglik"), 1e-13, "loglik");
        assertRel(est.logLikelihood(), scalar(e, "glmer_loglik"), 1e-12, "loglik vs glmer");
        assertRel(est.aic(), scalar(e, "glmer_aic"), 1e-12, "aic");
        assertRel(est.bic(), scalar(e, "glmer_bic"), 1e-12, "bic");
        assertThat(est.rank()).isEqualTo((int) scalar(e, "df"));
        assertThat(est.n()).isEqualTo((int) scalar(e, "n"));
        assertThat(est.events()).isEqualTo((int) scalar(e, "events"));
        assertThat(est.clusters()).isEqualTo((int) scalar(e, "clusters"));

        // SE(sd) is the delta-method value from log sd: sd * sqrt(Var(log sd)).
        int last = est.names().size() - 1;
        assertThat(est.sigmaStandardError())
                .isCloseTo(est.sigma() * Math.sqrt(est.covariance(last, last)), within(1e-15));

        // Empirical Bayes: posterior modes and standard deviations of each cluster's frailty.
        int[] ids = est.clusterIds();
        double[] modes = est.posteriorModes();
        double[] sds = est.posteriorSds();
        assertThat(ids).hasSize(est.clusters());
        for (int g = 0; g < ids.length; g++) {
            String label = panel.labelOf.get(ids[g]);
            assertThat(modes[g])
                    .as("mode " + label)
                    .isCloseTo(e.get("refined_mode").get(label), within(1e-10));
            assertThat(sds[g])
                    .as("mode sd " + label)
                    .isCloseTo(e.get("refined_mode_sd").get(label), within(1e-10));
            // lme4's ranef are the modes at glmer's (slightly different) optimum.
            assertThat(modes[g])
                    .as("ranef " + label)
                    .isCloseTo(e.get("glmer_ranef").get(label), within(glmerModeTol));
            assertThat(sds[g])
                    .as("ranef sd " + label)
                    .isCloseTo(e.get("glmer_ranef_sd").get(label), within(glmerModeTol));
        }
    }

    @Test
    void noFrailtyIsTheBoundaryAndTheOrdinaryLogitFit() {
        FrailtyPanels.Panel panel = FrailtyPanels.panel("no_frailty_panel.csv", "id");
        HazardProblem problem = panel.problem(NO_FRAILTY);
        FrailtyEstimate est = FrailtyEstimator.of().fit(problem);
        Map<String, Map<String, Double>> e = expected.get("no_frailty");

        // R: d loglik / d sd^2 < 0 at sd = 0, so the maximum is on the boundary; glmer's theta is
        // ~3e-14 (a singular fit).
        assertThat(scalar(e, "dloglik_dsd2")).isNegative();
        assertThat(scalar(e, "glmer_sd")).isLessThan(1e-10);
        assertThat(est.converged()).isTrue();
        assertThat(est.boundary()).isTrue();
        assertThat(est.sigma()).isZero();
        assertThat(est.sigmaStandardError()).isNaN();
        assertThat(est.diagnostics())
                .anySatisfy(d -> assertThat(d)
                        .startsWith("the frailty variance is estimated at zero: no unobserved heterogeneity beyond the"
                                + " covariates"));
        for (String term : e.get("refined_coef").keySet()) {
            assertRel(est.estimate(term), e.get("refined_coef").get(term), 1e-9, term + " coef vs glm");
            assertRel(est.standardError(term), e.get("refined_se").get(term), 1e-8, term + " se vs glm");
            assertRel(est.estimate(term), e.get("glmer_coef").get(term), 1e-8, term + " coef vs glmer");
        }
        assertRel(est.logLikelihood(), scalar(e, "refined_loglik"), 1e-12, "loglik vs glm");
        assertRel(est.logLikelihood(), scalar(e, "glmer_loglik"), 1e-12, "loglik vs glmer");
        assertRel(est.aic(), scalar(e, "glmer_aic"), 1e-12, "aic");
        assertRel(est.bic(), scalar(e, "glmer_bic"), 1e-12, "bic");
        assertThat(est.rank()).isEqualTo((int) scalar(e, "df"));
        assertThat(est.posteriorModes()).containsOnly(0.0);
    }

    private static double scalar(Map<String, Map<String, Double>> e, String quantity) {
        Double v = e.getOrDefault(quantity, Map.of()).get("");
        if (v == null) {
            throw new IllegalArgumentException("no expected " + quantity);
        }
        return v;
    }

    private static void assertRel(double actual, double expected, double rel, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(rel * Math.abs(expected)));
    }
}
