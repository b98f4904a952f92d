package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.data.SafeText;
import org.normlab.panel.PanelBuilder;
import org.normlab.store.NormlabStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code normlab explain}: why a state has (not) made the transition. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain a state's position: its modelled hazard and cumulative probability, its linear "
                + "predictor split into each variable's contribution against the mean of the risk set that year "
                + "(grouped international vs domestic), its adherence level (partial measures) and its place in the "
                + "perception-vs-pressure typology."})
final class ExplainCommand implements Runnable {
    @Mixin
    DbOption db;
    @Option(names = "--instrument", defaultValue = "mine-ban", paramLabel = "ID", description = "instrument id (default ${DEFAULT-VALUE})")
    String instrument;
    @Option(names = "--state", required = true, paramLabel = "ISO3", description = "the state, e.g. RUS")
    String state;
    @Option(names = "--year", paramLabel = "Y", description = "risk year (default: the state's last year at risk)")
    Integer year;
    @Option(names = "--spec", defaultValue = "two-level", paramLabel = "NAME", description = "specification (default ${DEFAULT-VALUE})")
    String specName;
    @Option(names = "--transition", defaultValue = "consent", paramLabel = "T",
            description = "consent (why not joined) or withdrawal (why a party would leave) (default ${DEFAULT-VALUE})")
    String transition;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json")
    Format format;
    @Mixin
    EstimatorOptions est;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Explanation x;
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            List<String> vars = Models.specVariables(data, specName, instrument);
            ModelFit fit = Models.fit(specName, new PanelBuilder(data).build(
                    ModelOptions.of(instrument, transition).panelSpec(vars)), vars, est.link(),
                    est.estimator(transition));
            x = Explanation.of(data, fit, state.toUpperCase(Locale.ROOT), year);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            Output.json(out, json(x));
            return;
        }
        if (!x.note().isEmpty()) {
            out.println(SafeText.printable("note: " + x.note()));
        }
        out.println(SafeText.printable(x.sentence()));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        for (Explanation.Contribution c : x.contributions()) {
            rows.add(List.of(c.variable(), c.level(), String.format(Locale.ROOT, "%.4f", c.value()), String.format(Locale.ROOT, "%.4f", c.reference()),
                    FitCommand.fmt(c.coefficient()), String.format(Locale.ROOT, "%+.4f", c.contribution() + 0.0)));
        }
        Output.table(out, List.of("variable", "level", "value", "reference", "coefficient", "contribution"), rows);
        out.printf(Locale.ROOT, "international %+.4f, domestic %+.4f (logit units against %s)%n", x.international(), x.domestic(),
                x.reference());
        out.printf(Locale.ROOT, "hazard %.4f (reference %.4f); probability of having made the transition by %d: %.4f%n", x.hazard(),
                x.referenceHazard(), x.year(), x.cumulative());
    }

    static Map<String, Object> json(Explanation x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iso3", x.iso3());
        m.put("name", x.name());
        m.put("year", x.year());
        m.put("note", x.note());
        m.put("transition", x.transition().code());
        m.put("status", x.status().code());
        m.put("hazard", x.hazard());
        m.put("reference_hazard", x.referenceHazard());
        m.put("cumulative_probability", x.cumulative());
        m.put("reference", x.reference());
        m.put("international", x.international());
        m.put("domestic", x.domestic());
        m.put("contributions", x.contributions());
        m.put("adherence_level", x.adherence().level());
        m.put("partial_measures", x.adherence().measures());
        m.put("type", x.type().label());
        m.put("type_meaning", x.type().meaning());
        m.put("summary", x.sentence());
        return m;
    }
}
