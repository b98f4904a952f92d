package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.CalibrationBin;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.report.Findings;
import org.normlab.report.FitNotes;
import org.normlab.report.JsonViews;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab compare}: named specifications side by side, in and out of sample. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare named specifications fitted on the same risk set: likelihood-ratio test for nested "
                    + "models, AIC, BIC, and out-of-sample log score, Brier score, AUC and a calibration table by decile.",
            "Penalties (--firth, --ridge) apply to every model, in sample and out of sample."
        })
final class CompareCommand implements Runnable {
    @Mixin
    DbOption db;

    @Mixin
    ModelOptions model;

    @Option(
            names = "--cv",
            defaultValue = "states:10",
            paramLabel = "SCHEME",
            description =
                    "states:K (K folds of whole states) or time:YEAR (train to YEAR, test after) (default ${DEFAULT-VALUE})")
    String cv;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "seed of the fold assignment (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv (one row per model) or json (default ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    EstimatorOptions est;

    @Mixin
    PlotOption plot;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        plot.check();
        CvScheme scheme = CvScheme.parse(cv);
        if (model.vars != null && model.formula != null) {
            throw new BadInputException("give at most one of --vars and --formula");
        }
        boolean custom = model.vars != null || model.formula != null;
        List<String> specs = model.specName != null
                ? List.of(model.specName.split(",")).stream().map(String::trim).toList()
                : custom ? List.of("international") : List.of("international", "two-level");
        String instrument = model.instrument;
        String transition = model.transition;
        Comparison c;
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            PanelBuilder builder = new PanelBuilder(data);
            Formula formula = model.parsedFormula();
            // Every model is fitted on the rows of the panel holding all their variables.
            Set<String> union = new LinkedHashSet<>();
            Map<String, List<String>> specVars = new LinkedHashMap<>();
            for (String s : specs) {
                specVars.put(s, Models.specVariables(data, s, instrument));
                union.addAll(specVars.get(s));
            }
            List<String> customVars = formula != null
                    ? formula.variables()
                    : model.vars == null
                            ? List.of()
                            : model.vars.stream().map(String::trim).toList();
            union.addAll(customVars);
            Panel raw = builder.build(model.panelSpec(List.copyOf(union)));
            List<ModelFit> fits = new ArrayList<>();
            for (String s : specs) {
                fits.add(Models.fit(s, raw, specVars.get(s), est.link(), est.estimator(transition)));
            }
            if (formula != null) {
                ModelMatrix mm = ModelMatrix.of(formula, raw);
                fits.add(Models.fit("formula", mm.apply(raw), mm.names(), est.link(), est.estimator(transition)));
            } else if (custom) {
                fits.add(Models.fit("custom", raw, customVars, est.link(), est.estimator(transition)));
            }
            if (fits.size() < 2) {
                throw new BadInputException("compare needs at least two models: give several --specs, or --vars "
                        + "or --formula beside them");
            }
            c = Comparison.of(fits, scheme, seed, est.link(), est.estimator(transition));
        }
        PrintWriter out = spec.commandLine().getOut();
        plot.write(
                org.normlab.report.plot.Figures.calibration(
                        c.fits().stream().map(ModelFit::name).toList(),
                        c.outOfSample().stream()
                                .map(ForecastScores::calibration)
                                .toList()),
                spec.commandLine().getErr());
        if (format == Format.json) {
            Output.json(out, json(c, seed));
            return;
        }
        if (format == Format.csv) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < c.fits().size(); i++) {
                ModelFit f = c.fits().get(i);
                ForecastScores s = c.outOfSample().get(i);
                LikelihoodRatioTest lr = i < c.lrTests().size() ? c.lrTests().get(i) : null;
                rows.add(List.of(
                        f.name(),
                        Integer.toString(f.estimate().names().size()),
                        Integer.toString(f.estimate().n()),
                        Integer.toString(f.estimate().events()),
                        Double.toString(f.estimate().logLikelihood()),
                        Double.toString(f.estimate().aic()),
                        Double.toString(f.estimate().bic()),
                        Double.toString(s.meanLogScore()),
                        Double.toString(s.brierScore()),
                        Double.toString(s.auc()),
                        lr == null ? "" : Double.toString(lr.statistic()),
                        lr == null ? "" : Integer.toString(lr.df()),
                        lr == null ? "" : Double.toString(lr.pValue())));
            }
            Output.csv(
                    out,
                    List.of(
                            "model",
                            "terms",
                            "n",
                            "events",
                            "loglik",
                            "aic",
                            "bic",
                            "log_score_oos",
                            "brier_oos",
                            "auc_oos",
                            "lr_statistic",
                            "lr_df",
                            "lr_p"),
                    rows);
            printNotes(spec.commandLine().getErr(), c, "warning: ");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            ModelFit f = c.fits().get(i);
            ForecastScores s = c.outOfSample().get(i);
            rows.add(List.of(
                    f.name(),
                    Integer.toString(f.estimate().names().size()),
                    String.format(Locale.ROOT, "%.2f", f.estimate().logLikelihood()),
                    String.format(Locale.ROOT, "%.2f", f.estimate().aic()),
                    String.format(Locale.ROOT, "%.2f", f.estimate().bic()),
                    String.format(Locale.ROOT, "%.5f", s.meanLogScore()),
                    String.format(Locale.ROOT, "%.5f", s.brierScore()),
                    String.format(Locale.ROOT, "%.4f", s.auc())));
        }
        for (Comparison.BlockTest b : c.blockTests()) {
            ModelFit f = b.without();
            ForecastScores s = b.outOfSample();
            rows.add(List.of(
                    f.name(),
                    Integer.toString(f.estimate().names().size()),
                    String.format(java.util.Locale.ROOT, "%.2f", f.estimate().logLikelihood()),
                    String.format(java.util.Locale.ROOT, "%.2f", f.estimate().aic()),
                    String.format(java.util.Locale.ROOT, "%.2f", f.estimate().bic()),
                    String.format(java.util.Locale.ROOT, "%.5f", s.meanLogScore()),
                    String.format(java.util.Locale.ROOT, "%.5f", s.brierScore()),
                    String.format(java.util.Locale.ROOT, "%.4f", s.auc())));
        }
        out.println("Risk set: " + instrument + ", " + transition + ", "
                + c.fits().get(0).estimate().n()
                + " state-years, " + c.fits().get(0).estimate().events() + " events; held out: " + scheme
                + (scheme.kind().equals("states") ? " (seed " + seed + ")" : ""));
        Output.table(
                out,
                List.of("model", "terms", "loglik", "AIC", "BIC", "log score (oos)", "Brier (oos)", "AUC (oos)"),
                rows);
        printNotes(out, c, "");
        for (int i = 0; i < c.lrTests().size(); i++) {
            LikelihoodRatioTest lr = c.lrTests().get(i);
            if (lr != null) {
                out.printf(
                        Locale.ROOT,
                        "LR test %s vs %s: chi2 = %.3f, df = %d, p = %.4g%n",
                        c.fits().get(i).name(),
                        c.fits().get(c.fits().size() - 1).name(),
                        lr.statistic(),
                        lr.df(),
                        lr.pValue());
            }
        }
        for (Comparison.BlockTest b : c.blockTests()) {
            if (b.lr() != null) {
                out.printf(
                        java.util.Locale.ROOT,
                        "LR test of the %s block (%s): chi2 = %.3f, df = %d, p = %.4g%n",
                        b.block(),
                        String.join(", ", b.variables()),
                        b.lr().statistic(),
                        b.lr().df(),
                        b.lr().pValue());
            }
        }
        out.println();
        for (int i = 0; i < c.fits().size(); i++) {
            out.println(
                    "Calibration of " + c.fits().get(i).name() + " (held-out rows by decile of predicted probability)");
            List<List<String>> cal = new ArrayList<>();
            for (CalibrationBin b : c.outOfSample().get(i).calibration()) {
                cal.add(List.of(
                        Integer.toString(b.bin()),
                        Integer.toString(b.n()),
                        String.format(Locale.ROOT, "%.4f", b.meanPredicted()),
                        String.format(Locale.ROOT, "%.4f", b.observedRate())));
            }
            Output.table(out, List.of("decile", "n", "mean predicted", "observed"), cal);
            out.println();
        }
        Findings.comparison(c).forEach(out::println);
    }

    /** The separation and events-per-parameter lines of every model compared ({@link FitNotes}). */
    private static void printNotes(PrintWriter out, Comparison c, String prefix) {
        c.fits().forEach(f -> FitNotes.lines(f.name(), f.estimate()).forEach(l -> out.println(prefix + l)));
    }

    static Map<String, Object> json(Comparison c, long seed) {
        return JsonViews.comparison(c, seed);
    }
}
