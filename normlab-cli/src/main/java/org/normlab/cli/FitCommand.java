package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.effects.Interval;
import org.normlab.effects.Intervals;
import org.normlab.effects.MarginalEffect;
import org.normlab.effects.MarginalEffects;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.FrailtyEstimator;
import org.normlab.estimate.HazardEstimate;
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.Specs;
import org.normlab.report.FitNotes;
import org.normlab.report.JsonViews;
import org.normlab.report.RegressionTable;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab fit}: estimate discrete-time hazard models on a risk set. */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = {
            "Estimate a discrete-time hazard model on the risk set of an instrument and transition.",
            "--spec takes one or several named specifications (comma-separated), fitted on the same rows: "
                    + "international, domestic, two-level. Markdown and LaTeX print them side by side.",
            "--formula takes the right-hand side of an R formula; its terms are named as R names them."
        })
final class FitCommand implements Runnable {
    @Mixin
    DbOption db;

    @Mixin
    ModelOptions model;

    @Mixin
    EstimatorOptions est;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv (one row per term), json, markdown or latex (default ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--frailty",
            description = "add a shared frailty: a normal random intercept per state, estimated "
                    + "by maximum marginal likelihood (adaptive Gauss-Hermite quadrature, 25 points; model-based SEs)")
    boolean frailty;

    @Option(
            names = {"--odds-ratios", "--exp"},
            description = "report exp(coefficient): odds ratios for the logit "
                    + "link, hazard ratios for cloglog (intervals exponentiated; SEs by the delta method)")
    boolean oddsRatios;

    @Option(names = "--ci", paramLabel = "LEVEL", description = "confidence intervals at LEVEL, e.g. 0.95")
    Double ci;

    @Option(
            names = "--ci-method",
            defaultValue = "profile",
            paramLabel = "METHOD",
            description = "profile (profile likelihood, as R's confint for glm) or wald (estimate +- z SE, with the "
                    + "chosen SEs, as confint.default) (default ${DEFAULT-VALUE})")
    String ciMethod;

    @Option(names = "--ame", description = "average marginal effects on the yearly probability with delta-method SEs")
    boolean ame;

    @Option(
            names = "--label",
            paramLabel = "TERM=LABEL",
            description =
                    "a label for a term in tables, repeatable, " + "e.g. --label polyarchy=\"Electoral democracy\"")
    Map<String, String> labels;

    @Spec
    CommandSpec spec;

    /** A fit with the panel of its variables and its model matrix, which effects need. */
    record Fitted(ModelFit fit, Panel raw, ModelMatrix matrix) {}

    @Override
    public void run() {
        if (!List.of("table", "csv", "json", "markdown", "latex").contains(format)) {
            throw new BadInputException("--format must be table, csv, json, markdown or latex, got '" + format + "'");
        }
        if (ci != null) {
            if (!(ci > 0 && ci < 1)) {
                throw new BadInputException("--ci must be a level between 0 and 1, e.g. 0.95, got " + ci);
            }
            if (!ciMethod.equals("profile") && !ciMethod.equals("wald")) {
                throw new BadInputException("--ci-method must be profile or wald, got '" + ciMethod + "'");
            }
        } else if (spec.commandLine().getParseResult().hasMatchedOption("--ci-method")) {
            throw new BadInputException("--ci-method needs --ci LEVEL");
        }
        if (ame && (format.equals("markdown") || format.equals("latex"))) {
            throw new BadInputException("--ame prints as table, csv or json, not " + format);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (frailty) {
            frailty(out);
            return;
        }
        List<Fitted> fitted;
        try (NormlabStore store = db.openReadOnly()) {
            fitted = fitDesigns(CountryYearData.load(store), model, est);
        }
        if (ci != null
                && ciMethod.equals("profile")
                && !fitted.get(0).fit().estimate().maximumLikelihood()) {
            throw new BadInputException("profile-likelihood intervals need a maximum-likelihood fit, not "
                    + fitted.get(0).fit().estimate().method() + "; use --ci-method wald");
        }
        List<ModelFit> fits = fitted.stream().map(Fitted::fit).toList();
        Map<ModelFit, List<Interval>> intervals = new LinkedHashMap<>();
        Map<ModelFit, List<MarginalEffect>> effects = new LinkedHashMap<>();
        for (Fitted f : fitted) {
            if (ci != null) {
                intervals.put(f.fit(), intervals(f.fit()));
            }
            if (ame) {
                effects.put(
                        f.fit(),
                        MarginalEffects.average(f.matrix(), f.raw(), f.fit().estimate()));
            }
        }
        switch (format) {
            case "json" -> {
                List<Map<String, Object>> docs = new ArrayList<>();
                for (ModelFit f : fits) {
                    Map<String, Object> m = json(f);
                    if (model.formula != null) {
                        // a scenario's model.fit reads it: the coefficients name the formula's columns
                        m.put("formula", model.formula);
                    }
                    addEffects(m, f.estimate().names(), f.estimate().coefficients(), intervals.get(f), effects.get(f));
                    docs.add(m);
                }
                Output.json(out, docs.size() == 1 ? docs.get(0) : Map.of("models", docs));
            }
            case "markdown", "latex" -> {
                RegressionTable t = table(fits.stream()
                        .map(f -> {
                            RegressionTable.Column c = RegressionTable.Column.of(f);
                            return intervals.containsKey(f) ? c.withIntervals(intervals.get(f)) : c;
                        })
                        .toList());
                out.print(format.equals("markdown") ? t.markdown() : t.latex());
            }
            case "csv" -> {
                List<List<String>> rows = new ArrayList<>();
                for (ModelFit f : fits) {
                    HazardEstimate e = f.estimate();
                    csvRows(
                            rows,
                            f.name(),
                            e.names(),
                            e.coefficients(),
                            e.standardErrors(),
                            e.zValues(),
                            e.pValues(),
                            intervals.get(f));
                    if (effects.containsKey(f)) {
                        for (MarginalEffect m : effects.get(f)) {
                            Interval i = ci == null ? null : m.interval(ci);
                            rows.add(List.of(
                                    f.name(),
                                    "ame",
                                    m.term(),
                                    num(m.estimate()),
                                    num(m.se()),
                                    num(m.z()),
                                    num(m.p()),
                                    i == null ? "" : num(i.lower()),
                                    i == null ? "" : num(i.upper())));
                        }
                    }
                }
                Output.csv(out, csvHeader(), rows);
                // CSV has no place for notes: say it where the reader looks
                fits.forEach(f -> FitNotes.lines(f.name(), f.estimate())
                        .forEach(l -> spec.commandLine().getErr().println("warning: " + l)));
            }
            default ->
                fits.forEach(f -> {
                    table(out, f, intervals.get(f));
                    if (effects.containsKey(f)) {
                        ameTable(out, effects.get(f), f.estimate());
                    }
                });
        }
    }

    private RegressionTable table(List<RegressionTable.Column> columns) {
        return RegressionTable.ofColumns(columns)
                .withExponentiated(oddsRatios)
                .withLabels(labels == null ? Map.of() : labels)
                .withIntervalNote(
                        ci == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "%s %.0f%% confidence intervals",
                                        ciMethod.equals("profile") ? "profile-likelihood" : "Wald",
                                        100 * ci));
    }

    private List<Interval> intervals(ModelFit f) {
        return ciMethod.equals("wald")
                ? Intervals.wald(f.estimate(), ci)
                : Intervals.profile(
                        Models.problem(f.panel(), f.variables(), f.estimate().link()), f.estimate(), ci);
    }

    private List<String> csvHeader() {
        return List.of(
                "model",
                "quantity",
                "term",
                oddsRatios ? "exp_estimate" : "estimate",
                "se",
                "z",
                "p",
                "lower",
                "upper");
    }

    private void csvRows(
            List<List<String>> rows,
            String model,
            List<String> names,
            double[] b,
            double[] se,
            double[] z,
            double[] p,
            List<Interval> intervals) {
        for (int i = 0; i < names.size(); i++) {
            Interval iv =
                    intervals == null ? null : oddsRatios ? intervals.get(i).exp() : intervals.get(i);
            double value = oddsRatios ? Math.exp(b[i]) : b[i];
            double s = oddsRatios ? value * se[i] : se[i];
            rows.add(List.of(
                    model,
                    oddsRatios ? "exp(coefficient)" : "coefficient",
                    names.get(i),
                    num(value),
                    num(s),
                    num(z[i]),
                    num(p[i]),
                    iv == null ? "" : num(iv.lower()),
                    iv == null ? "" : num(iv.upper())));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : Double.isNaN(v) ? "NA" : v > 0 ? "Inf" : "-Inf";
    }

    /** Adds odds ratios, intervals and marginal effects to a model's JSON. */
    @SuppressWarnings("unchecked")
    private void addEffects(
            Map<String, Object> m,
            List<String> names,
            double[] b,
            List<Interval> intervals,
            List<MarginalEffect> effects) {
        List<Map<String, Object>> coefs = (List<Map<String, Object>>) m.get("coefficients");
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> c = coefs.get(i);
            if (oddsRatios) {
                c.put("exp_estimate", JsonViews.finite(Math.exp(b[i])));
            }
            if (intervals != null) {
                c.put("lower", JsonViews.finite(intervals.get(i).lower()));
                c.put("upper", JsonViews.finite(intervals.get(i).upper()));
                if (oddsRatios) {
                    c.put(
                            "exp_lower",
                            JsonViews.finite(Math.exp(intervals.get(i).lower())));
                    c.put(
                            "exp_upper",
                            JsonViews.finite(Math.exp(intervals.get(i).upper())));
                }
            }
        }
        if (intervals != null) {
            m.put("ci_level", ci);
            m.put("ci_method", ciMethod);
        }
        if (effects != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (MarginalEffect e : effects) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("term", e.term());
                a.put("estimate", JsonViews.finite(e.estimate()));
                a.put("se", JsonViews.finite(e.se()));
                a.put("z", JsonViews.finite(e.z()));
                a.put("p", JsonViews.finite(e.p()));
                if (ci != null) {
                    a.put("lower", JsonViews.finite(e.interval(ci).lower()));
                    a.put("upper", JsonViews.finite(e.interval(ci).upper()));
                }
                list.add(a);
            }
            m.put("average_marginal_effects", list);
        }
    }

    /** Fits what the options ask for: one free specification or formula, or named ones on shared rows. */
    static List<ModelFit> fit(CountryYearData data, ModelOptions model, EstimatorOptions est) {
        return fitDesigns(data, model, est).stream().map(Fitted::fit).toList();
    }

    static List<Fitted> fitDesigns(CountryYearData data, ModelOptions model, EstimatorOptions est) {
        PanelBuilder builder = new PanelBuilder(data);
        if (model.specName != null && model.vars == null && model.formula == null) {
            List<String> names = List.of(model.specName.split(","));
            for (String n : names) {
                if (!Specs.descriptions().containsKey(n.trim())) {
                    throw new BadInputException("unknown specification '" + n + "'; known: "
                            + String.join(", ", Specs.descriptions().keySet()));
                }
            }
            // The variables are set per specification by fitSpecs; the options give the risk set.
            List<ModelFit> fits = Models.fitSpecs(
                    builder,
                    model.panelSpec(List.of()),
                    names.stream().map(String::trim).toList(),
                    est.link(),
                    est.estimator(model.transition));
            return fits.stream()
                    .map(f -> new Fitted(
                            f, f.panel(), ModelMatrix.of(Formula.parse(String.join(" + ", f.variables())), f.panel())))
                    .toList();
        }
        Panel raw = builder.build(model.panelSpec(data));
        if (model.formula == null) {
            Models.requireNumbers(raw, model.variables(data));
        }
        Formula formula = model.formula != null
                ? model.parsedFormula()
                : Formula.parse(String.join(" + ", model.variables(data)));
        ModelMatrix matrix = ModelMatrix.of(formula, raw);
        Panel panel = matrix.apply(raw);
        ModelFit fit = Models.fit(
                model.formula != null ? "formula" : "custom",
                panel,
                panel.names(),
                est.link(),
                est.estimator(model.transition));
        return List.of(new Fitted(fit, raw, matrix));
    }

    private void frailty(PrintWriter out) {
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--se") && est.se.equals("cluster")) {
            throw new BadInputException("--frailty --se cluster: the frailty model has model-based standard errors "
                    + "only (the frailty itself accounts for the clustering by state)");
        }
        if (est.firth != null && est.firth || est.ridge() != 0) {
            throw new BadInputException("--frailty cannot be combined with --firth or --ridge");
        }
        if (ame) {
            throw new BadInputException("--ame is not available with --frailty");
        }
        if (ci != null && ciMethod.equals("profile")) {
            throw new BadInputException("--frailty gives Wald intervals only; use --ci-method wald");
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        List<RegressionTable.Column> columns = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        try (NormlabStore store = db.openReadOnly()) {
            for (ModelFit f : fit(CountryYearData.load(store), model, est)) {
                FrailtyEstimate e = FrailtyEstimator.of().fit(Models.problem(f.panel(), f.variables(), est.link()));
                List<Interval> iv = null;
                if (ci != null) {
                    double z = new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                            .inverseCumulativeProbability((1 + ci) / 2);
                    iv = new ArrayList<>();
                    for (int i = 0; i < e.coefficientNames().size(); i++) {
                        double b = e.coefficients()[i];
                        double s = e.coefficientStandardErrors()[i];
                        iv.add(new Interval(e.coefficientNames().get(i), b - z * s, b + z * s));
                    }
                }
                RegressionTable.Column col = RegressionTable.Column.of(f.name(), e);
                columns.add(iv == null ? col : col.withIntervals(iv));
                if (format.equals("csv")) {
                    csvRows(
                            csv,
                            f.name(),
                            e.coefficientNames(),
                            e.coefficients(),
                            e.coefficientStandardErrors(),
                            e.zValues(),
                            e.pValues(),
                            iv);
                    csv.add(List.of(
                            f.name(),
                            "frailty_sd",
                            e.sigmaName(),
                            num(e.sigma()),
                            num(e.sigmaStandardError()),
                            "",
                            "",
                            "",
                            ""));
                }
                if (format.equals("table")) {
                    out.println("Model " + f.name() + " with a shared frailty by state");
                    out.print(e.summaryTable());
                    e.diagnostics().forEach(d -> out.println("warning: " + d));
                    FitNotes.lines(f.name() + " (frailty)", e).forEach(out::println);
                    out.println();
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", f.name());
                m.put(
                        "coefficients",
                        JsonViews.coefficients(
                                e.coefficientNames(),
                                e.coefficients(),
                                e.coefficientStandardErrors(),
                                e.zValues(),
                                e.pValues()));
                addEffects(m, e.coefficientNames(), e.coefficients(), iv, null);
                m.put("frailty_sd", e.sigma());
                m.put("frailty_sd_se", JsonViews.finite(e.sigmaStandardError()));
                m.put("loglik", e.logLikelihood());
                m.put("n", e.n());
                m.put("events", e.events());
                m.put("aic", e.aic());
                m.put("bic", e.bic());
                m.put("iterations", e.iterations());
                m.put("converged", e.converged());
                m.put("vars", f.variables());
                m.put("link", e.link().label());
                m.put("se_type", "model");
                m.put("diagnostics", e.diagnostics());
                m.put("separation", FitNotes.separationJson(e.separation(), e.divergedTerms()));
                m.put("events_per_parameter", JsonViews.finite(e.eventsPerParameter()));
                m.put("exploratory", e.exploratory());
                m.put("notes", FitNotes.lines(f.name() + " (frailty)", e));
                List<String> all = new ArrayList<>(e.coefficientNames());
                all.add(org.normlab.sim.ParameterCovariance.LOG_FRAILTY_SD);
                m.put("covariance", JsonViews.covariance(all, e.covariance()));
                docs.add(m);
            }
        }
        switch (format) {
            case "json" -> Output.json(out, docs.size() == 1 ? docs.get(0) : Map.of("models", docs));
            case "markdown" -> out.print(table(columns).markdown());
            case "latex" -> out.print(table(columns).latex());
            case "csv" -> Output.csv(out, csvHeader(), csv);
            default -> {}
        }
    }

    static Map<String, Object> json(ModelFit f) {
        return JsonViews.fit(f);
    }

    private void table(PrintWriter out, ModelFit f, List<Interval> intervals) {
        HazardEstimate e = f.estimate();
        out.println("Model " + f.name() + ": " + f.panel().spec().instrument() + ", "
                + f.panel().spec().transition().code() + ", " + f.panel().spec().firstYear() + "-"
                + f.panel().spec().lastYear() + " (" + e.method() + ")");
        List<List<String>> rows = new ArrayList<>();
        double[] z = e.zValues();
        double[] p = e.pValues();
        String ratio = e.link() == org.normlab.estimate.Link.LOGIT ? "odds ratio" : "hazard ratio";
        for (int i = 0; i < e.names().size(); i++) {
            List<String> r =
                    new ArrayList<>(List.of(e.names().get(i), fmt(e.coefficients()[i]), fmt(e.standardErrors()[i])));
            if (oddsRatios) {
                r.add(fmt(Math.exp(e.coefficients()[i])));
            }
            if (intervals != null) {
                Interval iv = oddsRatios ? intervals.get(i).exp() : intervals.get(i);
                r.add(fmt(iv.lower()));
                r.add(fmt(iv.upper()));
            }
            boolean diverged = e.diverged(e.names().get(i));
            r.addAll(List.of(fmt(z[i]), fmt4(p[i]), diverged ? FitNotes.DAGGER : RegressionTable.stars(p[i])));
            rows.add(r);
        }
        List<String> header = new ArrayList<>(List.of("term", "estimate", "se"));
        if (oddsRatios) {
            header.add(ratio);
        }
        if (intervals != null) {
            String what = String.format(Locale.ROOT, "%.0f%% %s", 100 * ci, ciMethod);
            header.add((oddsRatios ? "ratio " : "") + "lower (" + what + ")");
            header.add((oddsRatios ? "ratio " : "") + "upper");
        }
        header.addAll(List.of("z", "p", ""));
        Output.table(out, header, rows);
        out.printf(
                Locale.ROOT,
                "n = %d state-years, %d events; log-likelihood %.4f; AIC %.2f; BIC %.2f; %d iterations, %s%n",
                e.n(),
                e.events(),
                e.logLikelihood(),
                e.aic(),
                e.bic(),
                e.iterations(),
                e.converged() ? "converged" : "NOT converged");
        out.println("standard errors: " + e.seDescription());
        out.println("missing values: " + f.panel().missingReport());
        e.diagnostics().forEach(d -> out.println("warning: " + d));
        FitNotes.lines(f.name(), e).forEach(out::println);
        if (!e.divergedTerms().isEmpty()) {
            out.println(FitNotes.DAGGER_NOTE);
        }
        out.println();
    }

    /** A p value with 4 decimals, NA when there is none. */
    private static String fmt4(double p) {
        return Double.isNaN(p) ? "NA" : String.format(Locale.ROOT, "%.4f", p);
    }

    private void ameTable(PrintWriter out, List<MarginalEffect> effects, HazardEstimate e) {
        out.println("Average marginal effects on the yearly probability (delta-method SEs)");
        List<List<String>> rows = new ArrayList<>();
        for (MarginalEffect m : effects) {
            List<String> r = new ArrayList<>(List.of(m.term(), fmt(m.estimate()), fmt(m.se())));
            if (ci != null) {
                r.add(fmt(m.interval(ci).lower()));
                r.add(fmt(m.interval(ci).upper()));
            }
            // the effect of a term whose coefficient diverged is as meaningless as the coefficient
            boolean diverged = e.diverged(m.term());
            r.addAll(List.of(
                    fmt(m.z()),
                    diverged ? "NA" : fmt4(m.p()),
                    diverged ? FitNotes.DAGGER : RegressionTable.stars(m.p())));
            rows.add(r);
        }
        List<String> header = new ArrayList<>(List.of("variable", "AME", "se"));
        if (ci != null) {
            header.add(String.format(Locale.ROOT, "lower (%.0f%% Wald)", 100 * ci));
            header.add("upper");
        }
        header.addAll(List.of("z", "p", ""));
        Output.table(out, header, rows);
        out.println();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.5f", v);
    }
}
