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
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.FrailtyEstimator;
import org.normlab.estimate.HazardEstimate;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Specs;
import org.normlab.report.RegressionTable;
import org.normlab.store.NormlabStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code normlab fit}: estimate discrete-time hazard models on a risk set. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Estimate a discrete-time hazard model on the risk set of an instrument and transition.",
                "--spec takes one or several named specifications (comma-separated), fitted on the same rows: "
                        + "international, domestic, two-level. Markdown and LaTeX print them side by side."})
final class FitCommand implements Runnable {
    @Mixin
    DbOption db;
    @Mixin
    ModelOptions model;
    @Mixin
    EstimatorOptions est;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json, markdown or latex (default ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--frailty", description = "add a shared frailty: a normal random intercept per state, estimated "
            + "by maximum marginal likelihood (adaptive Gauss-Hermite quadrature, 25 points; table or json output)")
    boolean frailty;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (!List.of("table", "json", "markdown", "latex").contains(format)) {
            throw new BadInputException("--format must be table, json, markdown or latex, got '" + format + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (frailty) {
            frailty(out);
            return;
        }
        List<ModelFit> fits;
        try (NormlabStore store = db.openReadOnly()) {
            fits = fit(CountryYearData.load(store), model, est);
        }
        switch (format) {
            case "json" -> Output.json(out, fits.size() == 1 ? json(fits.get(0)) : Map.of("models",
                    fits.stream().map(FitCommand::json).toList()));
            case "markdown" -> out.print(RegressionTable.of(fits).markdown());
            case "latex" -> out.print(RegressionTable.of(fits).latex());
            default -> fits.forEach(f -> table(out, f));
        }
    }

    /** Fits what the options ask for: one free specification, or named ones on shared rows. */
    static List<ModelFit> fit(CountryYearData data, ModelOptions model, EstimatorOptions est) {
        PanelBuilder builder = new PanelBuilder(data);
        if (model.specName != null && model.vars == null) {
            List<String> names = List.of(model.specName.split(","));
            for (String n : names) {
                if (!Specs.descriptions().containsKey(n.trim())) {
                    throw new BadInputException("unknown specification '" + n + "'; known: "
                            + String.join(", ", Specs.descriptions().keySet()));
                }
            }
            // The variables are set per specification by fitSpecs; the options give the risk set.
            return Models.fitSpecs(builder, model.panelSpec(List.of()), names.stream().map(String::trim).toList(),
                    est.link(), est.estimator(model.transition));
        }
        PanelSpec ps = model.panelSpec(data);
        Panel panel = builder.build(ps);
        return List.of(Models.fit("custom", panel, panel.names(), est.link(), est.estimator(model.transition)));
    }

    private void frailty(PrintWriter out) {
        if (!format.equals("table") && !format.equals("json")) {
            throw new BadInputException("--frailty prints table or json");
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        try (NormlabStore store = db.openReadOnly()) {
            for (ModelFit f : fit(CountryYearData.load(store), model, est)) {
                FrailtyEstimate e = FrailtyEstimator.of().fit(Models.problem(f.panel(), f.variables(), est.link()));
                if (format.equals("table")) {
                    out.println("Model " + f.name() + " with a shared frailty by state");
                    out.print(e.summaryTable());
                    e.diagnostics().forEach(d -> out.println("warning: " + d));
                    out.println();
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", f.name());
                m.put("coefficients", coefficients(e.coefficientNames(), e.coefficients(),
                        e.coefficientStandardErrors(), e.zValues(), e.pValues()));
                m.put("frailty_sd", e.sigma());
                m.put("frailty_sd_se", finite(e.sigmaStandardError()));
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
                docs.add(m);
            }
        }
        if (format.equals("json")) {
            Output.json(out, docs.size() == 1 ? docs.get(0) : Map.of("models", docs));
        }
    }

    static Map<String, Object> json(ModelFit f) {
        HazardEstimate e = f.estimate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", f.name());
        m.put("instrument", f.panel().spec().instrument());
        m.put("transition", f.panel().spec().transition().code());
        m.put("years", f.panel().spec().firstYear() + "-" + f.panel().spec().lastYear());
        m.put("lag", f.panel().spec().lag());
        m.put("coefficients", coefficients(e.names(), e.coefficients(), e.standardErrors(), e.zValues(), e.pValues()));
        m.put("loglik", e.logLikelihood());
        e.penalizedLogLikelihood().ifPresent(v -> m.put("penalized_loglik", v));
        m.put("n", e.n());
        m.put("events", e.events());
        m.put("aic", e.aic());
        m.put("bic", e.bic());
        m.put("iterations", e.iterations());
        m.put("converged", e.converged());
        m.put("vars", f.variables());
        m.put("link", e.link().label());
        m.put("se_type", e.seType().name().toLowerCase(Locale.ROOT));
        m.put("se_description", e.seDescription());
        m.put("method", e.method());
        m.put("missing", f.panel().missingReport());
        m.put("diagnostics", e.diagnostics());
        return m;
    }

    /** The {@code coefficients} list of the JSON output: name, estimate, se, z, p per term. */
    private static List<Map<String, Object>> coefficients(List<String> names, double[] estimate, double[] se, double[] z,
                                                          double[] p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", names.get(i));
            c.put("estimate", finite(estimate[i]));
            c.put("se", finite(se[i]));
            c.put("z", finite(z[i]));
            c.put("p", finite(p[i]));
            out.add(c);
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void table(PrintWriter out, ModelFit f) {
        HazardEstimate e = f.estimate();
        out.println("Model " + f.name() + ": " + f.panel().spec().instrument() + ", " + f.panel().spec().transition().code()
                + ", " + f.panel().spec().firstYear() + "-" + f.panel().spec().lastYear() + " (" + e.method() + ")");
        List<List<String>> rows = new ArrayList<>();
        double[] z = e.zValues();
        double[] p = e.pValues();
        for (int i = 0; i < e.names().size(); i++) {
            rows.add(List.of(e.names().get(i), fmt(e.coefficients()[i]), fmt(e.standardErrors()[i]), fmt(z[i]),
                    String.format(Locale.ROOT, "%.4f", p[i]), RegressionTable.stars(p[i])));
        }
        Output.table(out, List.of("term", "estimate", "se", "z", "p", ""), rows);
        out.printf(Locale.ROOT, "n = %d state-years, %d events; log-likelihood %.4f; AIC %.2f; BIC %.2f; %d iterations, %s%n",
                e.n(), e.events(), e.logLikelihood(), e.aic(), e.bic(), e.iterations(),
                e.converged() ? "converged" : "NOT converged");
        out.println("standard errors: " + e.seDescription());
        out.println("missing values: " + f.panel().missingReport());
        e.diagnostics().forEach(d -> out.println("warning: " + d));
        out.println();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.5f", v);
    }
}
