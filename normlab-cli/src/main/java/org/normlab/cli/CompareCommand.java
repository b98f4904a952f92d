package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.normlab.analysis.Comparison;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.CalibrationBin;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.panel.PanelBuilder;
import org.normlab.report.Findings;
import org.normlab.store.NormlabStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code normlab compare}: named specifications side by side, in and out of sample. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare named specifications fitted on the same risk set: likelihood-ratio test for nested "
                + "models, AIC, BIC, and out-of-sample log score, Brier score, AUC and a calibration table by decile.",
                "Penalties (--firth, --ridge) apply to every model, in sample and out of sample."})
final class CompareCommand implements Runnable {
    @Mixin
    DbOption db;
    @Option(names = "--instrument", defaultValue = "mine-ban", paramLabel = "ID", description = "instrument id (default ${DEFAULT-VALUE})")
    String instrument;
    @Option(names = "--transition", defaultValue = "consent", paramLabel = "T", description = "consent, signature or withdrawal")
    String transition;
    @Option(names = "--specs", defaultValue = "international,two-level", split = ",", paramLabel = "A,B",
            description = "specifications, the fullest last: each is tested against the last (default ${DEFAULT-VALUE})")
    List<String> specs;
    @Option(names = "--cv", defaultValue = "states:10", paramLabel = "SCHEME",
            description = "states:K (K folds of whole states) or time:YEAR (train to YEAR, test after) (default ${DEFAULT-VALUE})")
    String cv;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the fold assignment (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json")
    Format format;
    @Mixin
    EstimatorOptions est;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CvScheme scheme = CvScheme.parse(cv);
        Comparison c;
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            List<ModelFit> fits = Models.fitSpecs(new PanelBuilder(data),
                    ModelOptions.of(instrument, transition).panelSpec(List.of()), specs,
                    est.link(), est.estimator(transition));
            c = Comparison.of(fits, scheme, seed, est.link(), est.estimator(transition));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            Output.json(out, json(c, seed));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            ModelFit f = c.fits().get(i);
            ForecastScores s = c.outOfSample().get(i);
            rows.add(List.of(f.name(), Integer.toString(f.estimate().names().size()),
                    String.format(Locale.ROOT, "%.2f", f.estimate().logLikelihood()), String.format(Locale.ROOT, "%.2f", f.estimate().aic()),
                    String.format(Locale.ROOT, "%.2f", f.estimate().bic()), String.format(Locale.ROOT, "%.5f", s.meanLogScore()),
                    String.format(Locale.ROOT, "%.5f", s.brierScore()), String.format(Locale.ROOT, "%.4f", s.auc())));
        }
        out.println("Risk set: " + instrument + ", " + transition + ", " + c.fits().get(0).estimate().n()
                + " state-years, " + c.fits().get(0).estimate().events() + " events; held out: " + scheme
                + (scheme.kind().equals("states") ? " (seed " + seed + ")" : ""));
        Output.table(out, List.of("model", "terms", "loglik", "AIC", "BIC", "log score (oos)", "Brier (oos)",
                "AUC (oos)"), rows);
        for (int i = 0; i < c.lrTests().size(); i++) {
            LikelihoodRatioTest lr = c.lrTests().get(i);
            if (lr != null) {
                out.printf(Locale.ROOT, "LR test %s vs %s: chi2 = %.3f, df = %d, p = %.4g%n", c.fits().get(i).name(),
                        c.fits().get(c.fits().size() - 1).name(), lr.statistic(), lr.df(), lr.pValue());
            }
        }
        out.println();
        for (int i = 0; i < c.fits().size(); i++) {
            out.println("Calibration of " + c.fits().get(i).name() + " (held-out rows by decile of predicted probability)");
            List<List<String>> cal = new ArrayList<>();
            for (CalibrationBin b : c.outOfSample().get(i).calibration()) {
                cal.add(List.of(Integer.toString(b.bin()), Integer.toString(b.n()), String.format(Locale.ROOT, "%.4f", b.meanPredicted()),
                        String.format(Locale.ROOT, "%.4f", b.observedRate())));
            }
            Output.table(out, List.of("decile", "n", "mean predicted", "observed"), cal);
            out.println();
        }
        Findings.comparison(c).forEach(out::println);
    }

    static Map<String, Object> json(Comparison c, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", c.scheme().toString());
        m.put("seed", seed);
        List<Map<String, Object>> models = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            Map<String, Object> f = FitCommand.json(c.fits().get(i));
            ForecastScores s = c.outOfSample().get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("log_score", s.meanLogScore());
            o.put("brier", s.brierScore());
            o.put("auc", s.auc());
            o.put("n", s.n());
            o.put("events", s.events());
            o.put("calibration", s.calibration());
            f.put("out_of_sample", o);
            models.add(f);
        }
        m.put("models", models);
        List<Map<String, Object>> lr = new ArrayList<>();
        for (int i = 0; i < c.lrTests().size(); i++) {
            LikelihoodRatioTest t = c.lrTests().get(i);
            if (t != null) {
                lr.add(Map.of("restricted", c.fits().get(i).name(), "full", c.fits().get(c.fits().size() - 1).name(),
                        "statistic", t.statistic(), "df", t.df(), "p", t.pValue()));
            }
        }
        m.put("lr_tests", lr);
        m.put("findings", Findings.comparison(c));
        return m;
    }
}
