package org.normlab.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.CvDesign;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.PairedDifference;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.panel.Variables;
import org.normlab.report.Findings;
import org.normlab.sim.ProgressListener;

/**
 * The test of the thesis: the named specifications of consent, from international only to
 * two-level, in and out of sample, and each state-level block dropped from the fullest model. When
 * any specification shows separation, all are refitted with Firth's penalized likelihood (so that
 * they stay comparable) and the section says so.
 */
final class ThesisStep implements StudyStep<ThesisStep.Result> {

    /**
     * The fits (the fullest last), their comparison (with each block of the fullest model judged on
     * the same repeated splits: {@link Comparison.BlockTest#paired()}), the section and the block
     * test in words.
     *
     * @param separated the terms found separated in the maximum-likelihood fits (empty when none)
     */
    record Result(
            List<ModelFit> fits,
            Comparison comparison,
            StudyReport.ThesisSection section,
            String blockHeadline,
            Set<String> separated) {
        /** The fullest model. */
        ModelFit fullest() {
            return fits.get(fits.size() - 1);
        }
    }

    @Override
    public String name() {
        return "hazard models and cross-validation";
    }

    @Override
    public Result run(StudyContext c, Notes notes) {
        HazardEstimator ml = HazardEstimator.of().withSeType(SeType.CLUSTER);
        // --missing fill: a state without a democracy score (the depositors outside the state-system
        // list) stays in the risk set with a _missing flag instead of being dropped.
        PanelSpec spec = PanelSpec.of(c.id(), Transition.CONSENT, List.of()).withMissing(MissingPolicy.FILL);
        List<ModelFit> fits = Models.fitSpecs(c.builder(), spec, Study.SPECS, Link.LOGIT, ml);
        Set<String> separated = new LinkedHashSet<>();
        fits.forEach(f -> separated.addAll(ModelSections.separated(f.estimate())));
        HazardEstimator estimator = ml;
        String penalty = "";
        if (!separated.isEmpty()) {
            estimator = ml.withFirth(true);
            fits = Models.fitSpecs(c.builder(), spec, Study.SPECS, Link.LOGIT, estimator);
            penalty = " Separation in the maximum-likelihood fits (" + String.join(", ", separated)
                    + "): every model here is fitted with Firth's penalized likelihood instead, in and out of sample.";
        }
        // Every verdict out of sample rests on repeated leave-states-out splits and rolling-origin
        // forecasts with the paired difference's standard error, never on one split.
        CvScheme scheme = new CvScheme("states", c.options().folds());
        CvDesign design = new CvDesign(c.options().folds(), c.options().repeats(), true, false);
        Comparison comparison =
                Comparison.of(fits, scheme, c.options().seed(), Link.LOGIT, estimator, design, ProgressListener.NONE);
        // The comparison judges each block of the fullest model (the paper's two state-level forces
        // among them) on the same repeated splits as the models.
        return new Result(
                fits,
                comparison,
                thesis(comparison, c.options().seed(), separated, penalty),
                blockHeadline(comparison),
                Set.copyOf(separated));
    }

    private static StudyReport.ThesisSection thesis(Comparison c, long seed, Set<String> separated, String penalty) {
        List<StudyReport.ModelSection> models = new ArrayList<>();
        List<StudyReport.ComparisonRow> rows = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            ModelFit f = c.fits().get(i);
            models.add(ModelSections.of(f, separated, null));
            LikelihoodRatioTest lr = i < c.lrTests().size() ? c.lrTests().get(i) : null;
            ForecastScores s = c.outOfSample().get(i);
            HazardEstimate e = f.estimate();
            rows.add(new StudyReport.ComparisonRow(
                    f.name(),
                    e.logLikelihood(),
                    e.aic(),
                    e.bic(),
                    lr == null ? null : lr.statistic(),
                    lr == null ? null : lr.df(),
                    lr == null ? null : lr.pValue(),
                    s.meanLogScore(),
                    s.brierScore(),
                    s.auc()));
        }
        // Each block's contribution: the fullest model without it, tested against the fullest model.
        for (Comparison.BlockTest b : c.blockTests()) {
            HazardEstimate w = b.without().estimate();
            LikelihoodRatioTest lr = b.lr();
            rows.add(new StudyReport.ComparisonRow(
                    b.without().name(),
                    w.logLikelihood(),
                    w.aic(),
                    w.bic(),
                    lr == null ? null : lr.statistic(),
                    lr == null ? null : lr.df(),
                    lr == null ? null : lr.pValue(),
                    b.outOfSample().meanLogScore(),
                    b.outOfSample().brierScore(),
                    b.outOfSample().auc()));
        }
        HazardEstimate e = c.fits().get(0).estimate();
        Panel panel = c.fits().get(0).panel();
        String note = "Discrete-time hazard models of consent (" + e.link().label() + " link, " + e.method()
                + "), one row per state-year at risk (the states that can deposit), covariates lagged one year (a "
                + "new state's first year read in that year); a variable without a value is set to 0 beside a "
                + "<var>_missing flag; " + panel.leftOutReport() + ". Blocks: international (exposures), perception "
                + "(measures in force, the weaker related regime, UN votes), domestic pressure (secessionist war now "
                + "and within ten years, interstate war, war next door, democracy), incentives (EU, NATO); the rows "
                + "'" + c.fits().get(c.fits().size() - 1).name() + " without <block>' test each block's contribution. "
                + "Standard errors " + e.seDescription() + ". Likelihood-ratio tests are against the "
                + c.fits().get(c.fits().size() - 1).name() + " model. Out of sample: " + c.scheme() + " (seed "
                + seed
                + "), and for every pair of models the paired difference in log score per held-out state with its "
                + "standard error across states over repeated splits and rolling-origin forecasts; a higher log score is better, a lower Brier score is better. * p < 0.05, ** p < 0.01, "
                + "*** p < 0.001." + penalty;
        return new StudyReport.ThesisSection(models, rows, Findings.comparison(c), note);
    }

    /**
     * The paper's two state-level forces, each tested by dropping its block from the fullest model:
     * in sample by the likelihood-ratio test, out of sample by the block's paired difference over
     * the repeated leave-states-out splits ({@link Comparison.BlockTest#paired(String)}).
     */
    static String blockHeadline(Comparison c) {
        List<String> parts = new ArrayList<>();
        String full = c.fits().get(c.fits().size() - 1).name();
        for (Comparison.BlockTest b : c.blockTests()) {
            if (!b.block().equals(Variables.PERCEPTION) && !b.block().equals(Variables.DOMESTIC)) {
                continue;
            }
            String name = b.block().equals(Variables.DOMESTIC) ? "domestic pressure" : "perception";
            String lr = b.lr() == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            "likelihood-ratio chi2 = %.2f on %d df, " + "p = %.3g, ",
                            b.lr().statistic(),
                            b.lr().df(),
                            b.lr().pValue());
            parts.add(String.format(
                    Locale.ROOT,
                    "%s (%s) %s in sample (%sAIC %.1f without it) and %s",
                    name,
                    String.join(", ", b.variables()),
                    b.lr() != null && b.lr().pValue() < 0.05 ? "adds significantly" : "does not add significantly",
                    lr,
                    b.without().estimate().aic(),
                    outOfSample(b.paired("states"))));
        }
        return parts.isEmpty()
                ? null
                : "The state level's two forces, tested separately in the " + full + " model: "
                        + String.join("; ", parts) + ".";
    }

    /** What held-out states say of a block: its paired difference, the fullest model minus the model without it. */
    private static String outOfSample(PairedDifference p) {
        if (p == null) {
            return "was not scored out of sample";
        }
        String words = switch (p.verdict()) {
            case "better" -> "helps predict held-out states";
            case "worse" -> "makes held-out states worse predicted";
            default -> "makes no difference the held-out states can detect";
        };
        return String.format(
                Locale.ROOT,
                "%s (log score per state %+.3f with it, SE %.3f, over %d repeats of leave-states-out "
                        + "cross-validation; better with it in %d of %d)",
                words,
                p.mean(),
                p.se(),
                p.repeats(),
                p.repeatsWon(),
                p.repeats());
    }

    /** The paired difference of models a and b over the repeated leave-states-out splits, or null. */
    static PairedDifference pair(Comparison c, String a, String b) {
        return c == null
                ? null
                : c.paired().stream()
                        .filter(d -> d.scheme().equals("states") && d.a().equals(a) && d.b().equals(b))
                        .findFirst()
                        .orElse(null);
    }
}
