package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.data.SafeText;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.report.FitNotes;
import org.normlab.report.JsonViews;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab explain}: why a state has (not) made the transition. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explain a state's position: its modelled hazard and cumulative probability, its linear "
                    + "predictor split into each variable's contribution against the mean of the risk set that year "
                    + "(summed by block: international, perception, domestic pressure, incentives), its adherence level "
                    + "with every measure (scope, years, in force or not) and its place in the perception-vs-pressure "
                    + "typology with the probability of that cell. Missing values are set to 0 beside a <var>_missing "
                    + "flag, as in the study."
        })
final class ExplainCommand implements Runnable {
    @Mixin
    DbOption db;

    @Mixin
    ModelOptions model;

    @Option(names = "--state", required = true, paramLabel = "ISO3", description = "the state, e.g. RUS")
    String state;

    @Option(names = "--year", paramLabel = "Y", description = "risk year (default: the state's last year at risk)")
    Integer year;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv (the contributions) or json (default ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    EstimatorOptions est;

    @Mixin
    PlotOption plot;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (model.vars == null && model.specName == null && model.formula == null) {
            model.specName = "two-level";
        }
        if (model.specName != null && model.specName.contains(",")) {
            throw new BadInputException("explain takes one specification, got '" + model.specName + "'");
        }
        plot.check();
        Explanation x;
        ModelFit fit;
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--missing")) {
                // as the study does: a state without a value stays at risk beside a <var>_missing flag
                model.missing = "fill";
            }
            Panel panel = model.panel(new PanelBuilder(data));
            List<String> columns = model.specName != null ? model.variables(data) : panel.names();
            String name = model.specName != null ? model.specName : model.formula != null ? "formula" : "custom";
            fit = Models.fit(name, panel, columns, est.link(), est.estimator(model.transition));
            x = Explanation.of(data, fit, state.toUpperCase(Locale.ROOT), year);
        }
        PrintWriter out = spec.commandLine().getOut();
        plot.write(
                org.normlab.report.plot.Figures.contributions(x),
                spec.commandLine().getErr());
        if (format == Format.json) {
            Map<String, Object> m = json(x);
            m.putAll(FitNotes.json(fit.name(), fit.estimate()));
            Output.json(out, m);
            return;
        }
        List<String> notes = FitNotes.lines(fit.name(), fit.estimate());
        if (format == Format.csv) {
            List<List<String>> rows = new ArrayList<>();
            for (Explanation.Contribution c : x.contributions()) {
                rows.add(List.of(
                        c.variable(),
                        c.level(),
                        Double.toString(c.value()),
                        Double.toString(c.reference()),
                        Double.toString(c.coefficient()),
                        Double.toString(c.contribution())));
            }
            Output.csv(out, List.of("variable", "level", "value", "reference", "coefficient", "contribution"), rows);
            notes.forEach(l -> spec.commandLine().getErr().println("warning: " + l));
            return;
        }
        notes.forEach(out::println);
        if (!x.note().isEmpty()) {
            out.println(SafeText.printable("note: " + x.note()));
        }
        out.println(SafeText.printable(x.sentence()));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        for (Explanation.Contribution c : x.contributions()) {
            rows.add(List.of(
                    c.variable(),
                    c.level(),
                    String.format(Locale.ROOT, "%.4f", c.value()),
                    String.format(Locale.ROOT, "%.4f", c.reference()),
                    FitCommand.fmt(c.coefficient()) + (fit.estimate().diverged(c.variable()) ? FitNotes.DAGGER : ""),
                    String.format(Locale.ROOT, "%+.4f", c.contribution() + 0.0)));
        }
        Output.table(out, List.of("variable", "level", "value", "reference", "coefficient", "contribution"), rows);
        out.printf(
                Locale.ROOT,
                "international %+.4f, perception %+.4f, domestic pressure %+.4f, incentives %+.4f (logit units "
                        + "against %s)%n",
                x.international(),
                x.perception(),
                x.domestic(),
                x.incentives(),
                x.reference());
        out.println("adherence level " + x.adherence().level() + "; measures (scope, years, in force in " + x.year()
                + "):");
        if (x.adherence().measures().isEmpty()) {
            out.println("  none recorded for " + x.transition().code() + " of this instrument");
        }
        x.adherence().measures().forEach(m -> out.println("  - " + m));
        out.println("type: " + x.type().label()
                + (Double.isNaN(x.typeProbability())
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                " (probability %.3f of lying in this cell, %d parameter draws)",
                                x.typeProbability(),
                                Explanation.DRAWS))
                + " — " + x.type().meaning());
        out.printf(
                Locale.ROOT,
                "hazard %.4f (reference %.4f); probability of having made the transition by %d: %.4f%n",
                x.hazard(),
                x.referenceHazard(),
                x.year(),
                x.cumulative());
    }

    static Map<String, Object> json(Explanation x) {
        return JsonViews.explanation(x);
    }
}
