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
import org.normlab.analysis.CvDesign;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.ModelCvSummary;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.PairedDifference;
import org.normlab.analysis.TunedRidge;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.CalibrationBin;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
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
            "Models: --specs, --model NAME=v1,v2,... or NAME=~RHS (repeatable), --vars or --formula.",
            "Every pair of models is compared by repeated leave-states-out cross-validation (--repeats, --folds) "
                    + "and rolling-origin one-year-ahead forecasts: the paired difference in log score per state, "
                    + "its SE across states, the repeats won, the verdict (better or worse beyond two SE, else "
                    + "indistinguishable) and the states that weigh most.",
            "Each block of the fullest model (international, perception, domestic, incentives) is tested by "
                    + "dropping it: in sample by the LR test, out of sample by the same repeated, paired judgment.",
            "Penalties (--firth, --ridge, --ridge auto) apply inside every fold, in sample and out of sample."
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
            description = "table, csv (see --table), markdown or json (default ${DEFAULT-VALUE})")
    String formatName;

    @Option(
            names = "--table",
            paramLabel = "TABLE",
            description = "with --format csv: models (one row per model, the default), paired (one row per pair "
                    + "of models and scheme) or blocks (one row per block of the fullest model and scheme: the "
                    + "fullest model against itself without the block)")
    String table;

    @Option(
            names = "--model",
            paramLabel = "NAME=V1,V2,...",
            description = "a model of your own, named: NAME=v1,v2,... (variables) or NAME=~RHS (an R formula's "
                    + "right-hand side, as --formula); repeatable")
    List<String> models;

    @Option(
            names = "--repeats",
            defaultValue = "20",
            paramLabel = "R",
            description = "repeats of the leave-states-out cross-validation, each a fresh random split of the "
                    + "states (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--folds",
            paramLabel = "K",
            description = "folds of whole states in each repeat (default: K of --cv states:K, else 10)")
    Integer folds;

    @Option(names = "--no-rolling", description = "skip the rolling-origin one-year-ahead forecasts")
    boolean noRolling;

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
        String format = formatName.trim().toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json", "markdown").contains(format)) {
            throw new BadInputException("--format must be table, csv, json or markdown, got '" + formatName + "'");
        }
        if (table != null && !format.equals("csv")) {
            throw new BadInputException("--table chooses the CSV table: give it with --format csv");
        }
        if (table != null && !List.of("models", "paired", "blocks").contains(table)) {
            throw new BadInputException("--table must be models, paired or blocks, got '" + table + "'");
        }
        int k = folds != null ? folds : scheme.kind().equals("states") ? scheme.value() : 10;
        if (folds != null
                && scheme.kind().equals("states")
                && spec.commandLine().getParseResult().hasMatchedOption("--cv")
                && scheme.value() != folds) {
            throw new BadInputException("--folds " + folds + " and --cv " + cv + " disagree: give one of them");
        }
        CvDesign design = new CvDesign(k, repeats, !noRolling, est.ridgeAuto());
        if (model.vars != null && model.formula != null) {
            throw new BadInputException("give at most one of --vars and --formula");
        }
        List<NamedModel> own = NamedModel.parseAll(models);
        boolean custom = model.vars != null || model.formula != null;
        List<String> specs = model.specName != null
                ? List.of(model.specName.split(",")).stream().map(String::trim).toList()
                : own.size() + (custom ? 1 : 0) >= 2
                        // Two models of the user's own are compared with each other only.
                        ? List.<String>of()
                        : custom || !own.isEmpty() ? List.of("international") : List.of("international", "two-level");
        String instrument = model.instrument;
        String transition = model.transition;
        Comparison c;
        HazardEstimator estimator = est.estimator(transition, true);
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
            for (NamedModel m : own) {
                union.addAll(m.readVariables());
            }
            Panel raw = builder.build(model.panelSpec(List.copyOf(union)));
            List<String> names = new ArrayList<>(specs);
            names.addAll(own.stream().map(NamedModel::name).toList());
            if (formula != null) {
                names.add("formula");
            } else if (custom) {
                names.add("custom");
            }
            NamedModel.checkUnique(names);
            List<ModelFit> fits = new ArrayList<>();
            for (String s : specs) {
                fits.add(fit(s, raw, specVars.get(s), estimator, design));
            }
            for (NamedModel m : own) {
                if (m.formula() != null) {
                    ModelMatrix mm = ModelMatrix.of(m.formula(), raw);
                    fits.add(fit(m.name(), mm.apply(raw), mm.names(), estimator, design));
                } else {
                    fits.add(fit(m.name(), raw, m.variables(), estimator, design));
                }
            }
            if (formula != null) {
                ModelMatrix mm = ModelMatrix.of(formula, raw);
                fits.add(fit("formula", mm.apply(raw), mm.names(), estimator, design));
            } else if (custom) {
                fits.add(fit("custom", raw, customVars, estimator, design));
            }
            if (fits.size() < 2) {
                throw new BadInputException("compare needs at least two models: give several --specs, or --model, "
                        + "--vars or --formula beside them");
            }
            // a first guess: the comparison tells the bar the true total (the block tests' fits included)
            int total = fits.size() * design.repeats() * design.folds();
            try (Progress bar = Progress.of("compare", total)) {
                c = Comparison.of(fits, scheme, seed, est.link(), estimator, design, bar.listener());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        plot.write(
                org.normlab.report.plot.Figures.calibration(
                        c.fits().stream().map(ModelFit::name).toList(),
                        c.outOfSample().stream()
                                .map(ForecastScores::calibration)
                                .toList()),
                spec.commandLine().getErr());
        if (format.equals("json")) {
            Output.json(out, json(c, seed));
            return;
        }
        if (format.equals("csv")) {
            if ("paired".equals(table)) {
                Output.csv(out, PAIRED_HEADER, pairedRows(c.paired(), true));
            } else if ("blocks".equals(table)) {
                Output.csv(out, BLOCKS_HEADER, blockRows(c, true));
                if (c.blockTests().isEmpty()) {
                    spec.commandLine().getErr().println(NO_BLOCKS);
                }
            } else {
                csvModels(out, c);
            }
            printNotes(spec.commandLine().getErr(), c, "warning: ");
            return;
        }
        if (format.equals("markdown")) {
            markdown(out, c, instrument, transition, scheme);
            return;
        }
        table(out, c, instrument, transition, scheme);
    }

    private ModelFit fit(String name, Panel panel, List<String> variables, HazardEstimator estimator, CvDesign d) {
        if (!d.tuneRidge()) {
            return Models.fit(name, panel, variables, est.link(), estimator);
        }
        List<String> withFlags = Models.withMissingFlags(panel, variables);
        HazardProblem problem = Models.problem(panel, withFlags, est.link());
        return new ModelFit(name, withFlags, panel, new TunedRidge(estimator).fit(problem, seed));
    }

    static final List<String> PAIRED_HEADER =
            List.of("a", "b", "scheme", "states", "mean", "se", "repeats_won", "repeats", "verdict", "top_states");

    /** One row per pair and scheme; {@code exact}: full precision (CSV), else rounded for reading. */
    static List<List<String>> pairedRows(List<PairedDifference> paired, boolean exact) {
        List<List<String>> rows = new ArrayList<>();
        for (PairedDifference p : paired) {
            String top = p.topStates().stream()
                    .map(t -> t.iso3() + " "
                            + (exact ? Double.toString(t.contribution()) : fmt("%+.2f", t.contribution())))
                    .collect(java.util.stream.Collectors.joining(exact ? ";" : ", "));
            rows.add(List.of(
                    p.a(),
                    p.b(),
                    p.scheme(),
                    Integer.toString(p.states()),
                    exact ? Double.toString(p.mean()) : fmt("%+.3f", p.mean()),
                    exact ? Double.toString(p.se()) : fmt("%.3f", p.se()),
                    Integer.toString(p.repeatsWon()),
                    Integer.toString(p.repeats()),
                    p.verdict(),
                    top));
        }
        return rows;
    }

    /** The block, its variables and LR test, then the columns of {@link #PAIRED_HEADER}, as {@link #blockRows} builds them. */
    static final List<String> BLOCKS_HEADER = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("block", "variables", "lr_statistic", "lr_df", "lr_p"),
                    PAIRED_HEADER.stream())
            .toList();

    private static final String NO_BLOCKS =
            "no block tests: the fullest (last) model holds variables of fewer than two blocks";

    /**
     * One row per block of the fullest model and repeated scheme: the fullest model (a) against itself
     * without the block (b), as {@link #pairedRows}; {@code exact}: the CSV row with the block's
     * variables and LR test, else the row of the printed table.
     */
    static List<List<String>> blockRows(Comparison c, boolean exact) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.BlockTest b : c.blockTests()) {
            for (List<String> p : pairedRows(b.paired(), exact)) {
                List<String> row = new ArrayList<>();
                row.add(b.block());
                if (exact) {
                    row.add(String.join(";", b.variables()));
                    row.add(b.lr() == null ? "" : Double.toString(b.lr().statistic()));
                    row.add(b.lr() == null ? "" : Integer.toString(b.lr().df()));
                    row.add(b.lr() == null ? "" : Double.toString(b.lr().pValue()));
                }
                row.addAll(p);
                rows.add(row);
            }
        }
        return rows;
    }

    private static String fmt(String pattern, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : "";
    }

    private static ModelCvSummary summary(Comparison c, String model, String scheme) {
        return c.cvSummaries().stream()
                .filter(s -> s.model().equals(model) && s.scheme().equals(scheme))
                .findFirst()
                .orElse(null);
    }

    private static List<List<String>> cvRows(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelCvSummary s : c.cvSummaries()) {
            rows.add(List.of(
                    s.model(),
                    s.scheme(),
                    Integer.toString(s.repeats()),
                    fmt("%.5f", s.logScore()) + (s.repeats() > 1 ? " ± " + fmt("%.5f", s.logScoreSd()) : ""),
                    fmt("%.5f", s.brier()) + (s.repeats() > 1 ? " ± " + fmt("%.5f", s.brierSd()) : ""),
                    fmt("%.4f", s.auc())
                            + (s.repeats() > 1 && Double.isFinite(s.aucSd()) ? " ± " + fmt("%.4f", s.aucSd()) : ""),
                    Double.isNaN(s.medianLambda()) ? "" : fmt("%.3g", s.medianLambda())));
        }
        return rows;
    }

    private static final List<String> CV_HEADER =
            List.of("model", "scheme", "repeats", "log score (± sd)", "Brier (± sd)", "AUC (± sd)", "ridge (median)");

    private static final List<String> PAIRED_TABLE_HEADER =
            List.of("a", "b", "scheme", "states", "mean a-b", "SE", "repeats won", "repeats", "verdict", "top states");

    private static final List<String> BLOCKS_TABLE_HEADER = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("block"), PAIRED_TABLE_HEADER.stream())
            .toList();

    private void csvModels(PrintWriter out, Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            ModelFit f = c.fits().get(i);
            ForecastScores s = c.outOfSample().get(i);
            LikelihoodRatioTest lr = i < c.lrTests().size() ? c.lrTests().get(i) : null;
            List<String> row = new ArrayList<>(List.of(
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
            for (String scheme : List.of("states", "rolling")) {
                ModelCvSummary m = summary(c, f.name(), scheme);
                for (double v : m == null
                        ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                        : new double[] {m.logScore(), m.logScoreSd(), m.brier(), m.brierSd(), m.auc(), m.aucSd()}) {
                    row.add(Double.isFinite(v) ? Double.toString(v) : "");
                }
            }
            rows.add(row);
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
                        "lr_p",
                        "log_score_cv",
                        "log_score_cv_sd",
                        "brier_cv",
                        "brier_cv_sd",
                        "auc_cv",
                        "auc_cv_sd",
                        "log_score_rolling",
                        "log_score_rolling_sd",
                        "brier_rolling",
                        "brier_rolling_sd",
                        "auc_rolling",
                        "auc_rolling_sd"),
                rows);
    }

    private List<List<String>> modelRows(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        List<ModelFit> all = new ArrayList<>(c.fits());
        List<ForecastScores> scores = new ArrayList<>(c.outOfSample());
        for (Comparison.BlockTest b : c.blockTests()) {
            all.add(b.without());
            scores.add(b.outOfSample());
        }
        for (int i = 0; i < all.size(); i++) {
            ModelFit f = all.get(i);
            ForecastScores s = scores.get(i);
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
        return rows;
    }

    private static final List<String> MODEL_HEADER =
            List.of("model", "terms", "loglik", "AIC", "BIC", "log score (oos)", "Brier (oos)", "AUC (oos)");

    private String riskSet(Comparison c, String instrument, String transition, CvScheme scheme) {
        return "Risk set: " + instrument + ", " + transition + ", "
                + c.fits().get(0).estimate().n()
                + " state-years, " + c.fits().get(0).estimate().events() + " events; held out: " + scheme
                + (scheme.kind().equals("states") ? " (seed " + seed + ")" : "");
    }

    private List<String> lrLines(Comparison c) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < c.lrTests().size(); i++) {
            LikelihoodRatioTest lr = c.lrTests().get(i);
            if (lr != null) {
                lines.add(String.format(
                        Locale.ROOT,
                        "LR test %s vs %s: chi2 = %.3f, df = %d, p = %.4g",
                        c.fits().get(i).name(),
                        c.fits().get(c.fits().size() - 1).name(),
                        lr.statistic(),
                        lr.df(),
                        lr.pValue()));
            }
        }
        for (Comparison.BlockTest b : c.blockTests()) {
            if (b.lr() != null) {
                lines.add(String.format(
                        Locale.ROOT,
                        "LR test of the %s block (%s): chi2 = %.3f, df = %d, p = %.4g",
                        b.block(),
                        String.join(", ", b.variables()),
                        b.lr().statistic(),
                        b.lr().df(),
                        b.lr().pValue()));
            }
        }
        return lines;
    }

    private void table(PrintWriter out, Comparison c, String instrument, String transition, CvScheme scheme) {
        out.println(riskSet(c, instrument, transition, scheme));
        Output.table(out, MODEL_HEADER, modelRows(c));
        printNotes(out, c, "");
        lrLines(c).forEach(out::println);
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
        if (!c.heldOut().isEmpty()) {
            c.heldOut().forEach(h -> out.println("Held out: " + h.description()));
            Output.table(out, CV_HEADER, cvRows(c));
            out.println();
            out.println("Paired differences in held-out log score per state (a minus b; " + VERDICT_RULE + ")");
            Output.table(out, PAIRED_TABLE_HEADER, pairedRows(c.paired(), false));
            out.println();
            if (!c.blockTests().isEmpty()) {
                out.println(BLOCKS_TITLE);
                Output.table(out, BLOCKS_TABLE_HEADER, blockRows(c, false));
                out.println();
            }
        }
        c.notes().forEach(out::println);
        Findings.comparison(c).forEach(out::println);
    }

    /** The separation and events-per-parameter lines of every model compared ({@link FitNotes}). */
    private static void printNotes(PrintWriter out, Comparison c, String prefix) {
        c.fits().forEach(f -> FitNotes.lines(f.name(), f.estimate()).forEach(l -> out.println(prefix + l)));
    }

    static final String VERDICT_RULE =
            "SE across states, averaged over repeats; better or worse beyond two SE, else indistinguishable";

    private static final String BLOCKS_TITLE = "Block tests held out: the fullest model (a) minus itself without "
            + "the block (b), log score per state (a positive mean: the block helps predict held-out states; "
            + VERDICT_RULE + ")";

    private void markdown(PrintWriter out, Comparison c, String instrument, String transition, CvScheme scheme) {
        out.println(riskSet(c, instrument, transition, scheme));
        out.println();
        markdownTable(out, MODEL_HEADER, modelRows(c));
        out.println();
        printNotes(out, c, "- ");
        lrLines(c).forEach(l -> out.println("- " + l));
        if (!c.heldOut().isEmpty()) {
            out.println();
            c.heldOut().forEach(h -> out.println("Held out: " + h.description() + "."));
            out.println();
            markdownTable(out, CV_HEADER, cvRows(c));
            out.println();
            out.println("Paired differences in held-out log score per state (a minus b; " + VERDICT_RULE + ").");
            out.println();
            markdownTable(out, PAIRED_TABLE_HEADER, pairedRows(c.paired(), false));
            if (!c.blockTests().isEmpty()) {
                out.println();
                out.println(BLOCKS_TITLE + ".");
                out.println();
                markdownTable(out, BLOCKS_TABLE_HEADER, blockRows(c, false));
            }
        }
        out.println();
        c.notes().forEach(n -> out.println("- " + n));
        Findings.comparison(c).forEach(f -> out.println("- " + f));
    }

    private static void markdownTable(PrintWriter out, List<String> header, List<List<String>> rows) {
        out.println("| "
                + String.join(" | ", header.stream().map(CompareCommand::cell).toList()) + " |");
        out.println("|" + "---|".repeat(header.size()));
        for (List<String> r : rows) {
            out.println("| "
                    + String.join(" | ", r.stream().map(CompareCommand::cell).toList()) + " |");
        }
    }

    private static String cell(String s) {
        return org.normlab.data.SafeText.printable(s).replace("|", "\\|");
    }

    static Map<String, Object> json(Comparison c, long seed) {
        return JsonViews.comparison(c, seed);
    }
}
