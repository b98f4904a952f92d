package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with R (glm, sandwich::vcovCL, brglm2 AS_mean) on the committed panels; expected
 * values come from normlab-core/src/test/R/fit_fixtures.R.
 */
class HazardEstimatorRTest {

    private static final double REL = 1e-6;

    static List<Arguments> fits() {
        String[] a = {"log_duration", "democracy", "neighbors", "war", "log_gdp"};
        String[] b = {"x1", "x2", "log_duration"};
        String[] c = {"democracy", "log_duration", "war_x"};
        return List.of(
                Arguments.of("adoption_panel", a, "logit_ml"),
                Arguments.of("adoption_panel", a, "cloglog_ml"),
                Arguments.of("adoption_panel", a, "logit_firth"),
                Arguments.of("adoption_panel", a, "cloglog_firth"),
                Arguments.of("rare_events_panel", b, "logit_ml"),
                Arguments.of("rare_events_panel", b, "cloglog_ml"),
                Arguments.of("rare_events_panel", b, "logit_firth"),
                Arguments.of("rare_events_panel", b, "cloglog_firth"),
                Arguments.of("separation_panel", c, "logit_firth"),
                Arguments.of("separation_panel", c, "cloglog_firth"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("fits")
    void matchesR(String panelName, String[] covariates, String fitName) {
        Fixtures.Panel panel = Fixtures.panel(panelName + ".csv");
        Fixtures.Expected expected = Fixtures.expected(panelName + "_expected.csv");
        Link link = fitName.startsWith("logit") ? Link.LOGIT : Link.CLOGLOG;
        boolean firth = fitName.endsWith("firth");
        HazardProblem problem = panel.problem(covariates).withLink(link);
        // Default tolerance: the defaults themselves must reproduce R.
        HazardEstimator estimator = HazardEstimator.of().withFirth(firth);

        HazardEstimate model = estimator.fit(problem);
        HazardEstimate cluster = estimator.withSeType(SeType.CLUSTER).fit(problem);
        HazardEstimate hc1 = estimator.withSeType(SeType.CLUSTER_HC1).fit(problem);

        assertThat(model.converged()).as(model.diagnostics().toString()).isTrue();
        assertThat(model.diagnostics()).isEmpty();
        Map<String, Double> coef = expected.vector(fitName, "coef");
        assertThat(model.names()).containsExactlyElementsOf(coef.keySet());
        for (String term : coef.keySet()) {
            assertRel(model.coefficient(term), coef.get(term), term + " coef");
            assertRel(model.standardError(term), expected.value(fitName, "se_model", term), term + " se");
            assertRel(cluster.standardError(term), expected.value(fitName, "se_cluster", term), term + " cluster se");
            assertRel(
                    hc1.standardError(term), expected.value(fitName, "se_cluster_hc1", term), term + " cluster se HC1");
            assertThat(cluster.coefficient(term)).isEqualTo(model.coefficient(term));
        }
        assertRel(model.logLikelihood(), expected.scalar(fitName, "loglik"), "loglik");
        assertRel(model.aic(), expected.scalar(fitName, "aic"), "aic");
        assertRel(model.bic(), expected.scalar(fitName, "bic"), "bic");
        assertThat(model.rank()).isEqualTo((int) expected.scalar(fitName, "df"));
        assertThat(model.n()).isEqualTo((int) expected.scalar(fitName, "n"));
        assertThat(model.events()).isEqualTo((int) expected.scalar(fitName, "events"));
        assertThat(cluster.seDescription())
                .isEqualTo("cluster-robust by state (HC0 with G/(G-1), G=" + problem.clusterCount() + ")");
        assertThat(hc1.seDescription())
                .isEqualTo("cluster-robust by state (HC1: G/(G-1)·(n-1)/(n-k), G=" + problem.clusterCount() + ")");
    }

    private static void assertRel(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(REL * Math.abs(expected)));
    }
}
