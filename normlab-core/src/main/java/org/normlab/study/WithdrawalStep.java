package org.normlab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;

/**
 * The withdrawal hazard among parties: the threat next door and the alliance ({@link
 * Study#WITHDRAWAL_VARS}), fitted with Firth's penalized likelihood since withdrawals are few. The
 * maximum-likelihood fit is tried first only to find separation, which the section then names.
 */
final class WithdrawalStep implements StudyStep<WithdrawalStep.Result> {
    private final AdoptionSeries series;

    WithdrawalStep(AdoptionSeries series) {
        this.series = series;
    }

    /** The fit (null without withdrawals) and its section (null likewise). */
    record Result(ModelFit fit, StudyReport.ModelSection section) {}

    @Override
    public String name() {
        return "withdrawal model";
    }

    @Override
    public Result run(StudyContext c, Notes notes) {
        if (!series.hasWithdrawals()) {
            notes.omit("No withdrawal model: no state has withdrawn from " + c.id() + ".");
            return new Result(null, null);
        }
        List<String> vars = Study.WITHDRAWAL_VARS;
        var panel = c.builder().build(PanelSpec.of(c.id(), Transition.WITHDRAWAL, vars));
        Set<String> separated = ModelSections.separated(Models.fit(
                        "withdrawal (maximum likelihood)",
                        panel,
                        vars,
                        Link.LOGIT,
                        HazardEstimator.of().withSeType(SeType.MODEL))
                .estimate());
        HazardEstimator firth = HazardEstimator.of().withSeType(SeType.MODEL).withFirth(true);
        ModelFit withdrawal = Models.fit("withdrawal", panel, vars, Link.LOGIT, firth);
        return new Result(withdrawal, ModelSections.of(withdrawal, separated, broadWithdrawal(c, withdrawal, firth)));
    }

    /** The withdrawal model with the broad threat next door ({@code border_conflict}), in words. */
    private static String broadWithdrawal(StudyContext c, ModelFit narrow, HazardEstimator firth) {
        if (!c.data().indicators().containsKey(CountryYearData.BORDER_CONFLICT)) {
            return null;
        }
        List<String> vars = new ArrayList<>(Study.WITHDRAWAL_VARS);
        vars.set(vars.indexOf(CountryYearData.BORDER_WAR), CountryYearData.BORDER_CONFLICT);
        ModelFit broad = Models.fit(
                "withdrawal (broad)",
                c.builder().build(PanelSpec.of(c.id(), Transition.WITHDRAWAL, vars)),
                vars,
                Link.LOGIT,
                firth);
        HazardEstimate e = broad.estimate();
        int i = e.index(CountryYearData.BORDER_CONFLICT);
        return String.format(
                Locale.ROOT,
                "%s is 1 when a land neighbour is a primary party to an interstate war "
                        + "(UCDP intensity level 2); with the broad version %s (a neighbour in any interstate conflict, "
                        + "25 or more battle deaths) in its place the coefficient is %.2f (SE %.2f, p = %.3g), AIC %.1f "
                        + "against %.1f.",
                CountryYearData.BORDER_WAR,
                CountryYearData.BORDER_CONFLICT,
                e.coefficients()[i],
                e.standardErrors()[i],
                e.pValues()[i],
                e.aic(),
                narrow.estimate().aic());
    }
}
