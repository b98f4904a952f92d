package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.report.FitNotes;
import org.normlab.store.NormlabStore;

/**
 * On the bundled data, the withdrawal model with the threat next door and NATO membership is
 * separated (every withdrawal is by a NATO member with a war next door) and has 5 events for 2
 * parameters; the refit helper gives its Firth refit with the reason, and leaves a clean model alone.
 */
class RefitIfSeparatedTest {
    @TempDir
    static Path dir;

    static NormlabStore store;
    static CountryYearData data;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("refit.duckdb"));
        data = CountryYearData.load(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static ModelFit withdrawal(HazardEstimator est) {
        List<String> vars = List.of(CountryYearData.BORDER_WAR, "nato_member");
        Panel p = new PanelBuilder(data).build(PanelSpec.of("mine-ban", Transition.WITHDRAWAL, vars));
        return Models.fit("withdrawal", p, vars, Link.LOGIT, est);
    }

    @Test
    void aSeparatedMaximumLikelihoodFitIsRefittedWithFirthAndSaysWhy() {
        HazardEstimator ml = HazardEstimator.of().withSeType(SeType.CLUSTER);
        ModelFit fit = withdrawal(ml);
        HazardEstimate e = fit.estimate();
        assertThat(e.separation().describe()).isEqualTo("(Intercept) (-Inf), border_war (+Inf), nato_member (+Inf)");
        assertThat(e.divergedTerms()).containsExactly("(Intercept)", "border_war", "nato_member");
        // 5 withdrawals for 2 slope parameters: 2.5 events per parameter, below 10
        assertThat(e.events()).isEqualTo(5);
        assertThat(e.eventsPerParameter()).isEqualTo(2.5);
        assertThat(e.exploratory()).isTrue();
        assertThat(FitNotes.exploratory("withdrawal", e)).startsWith("exploratory (5 events for 2 parameters)");

        ModelFit.Refit r = fit.refitIfSeparated(ml.withFirth(true));
        assertThat(r.refit()).isTrue();
        assertThat(r.fit().estimate().firth()).isTrue();
        assertThat(r.fit().estimate().seType()).isEqualTo(SeType.CLUSTER);
        assertThat(r.fit().estimate().divergedTerms()).isEmpty();
        for (double b : r.fit().estimate().coefficients()) {
            assertThat(b).isFinite();
        }
        assertThat(r.reason()).contains("border_war, nato_member", "Firth");
        // the refit of an already penalised fit is the fit itself
        assertThat(r.fit().refitIfSeparated(ml.withFirth(true)).refit()).isFalse();
        assertThatThrownBy(() -> fit.refitIfSeparated(ml)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCleanFitIsLeftAlone() {
        List<String> vars = List.of("log_duration", "nato_member");
        Panel p = new PanelBuilder(data).build(PanelSpec.of("mine-ban", Transition.CONSENT, vars));
        ModelFit fit = Models.fit("consent", p, vars, Link.LOGIT, HazardEstimator.of());
        assertThat(fit.estimate().separation().detected()).isFalse();
        assertThat(fit.estimate().exploratory()).isFalse();
        ModelFit.Refit r = fit.refitIfSeparated(HazardEstimator.of().withFirth(true));
        assertThat(r.refit()).isFalse();
        assertThat(r.fit()).isSameAs(fit);
        assertThat(r.reason()).isEmpty();
    }
}
