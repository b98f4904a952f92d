package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normlab.data.CountryYearData;
import org.normlab.output.AtomicOutput;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelWriter;
import org.normlab.panel.VariableInfo;
import org.normlab.panel.Variables;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab panel}: write a state-year risk set. */
@Command(
        name = "panel",
        mixinStandardHelpOptions = true,
        description = {
            "Write a state-year risk set: one row per state-year at risk of the transition, with "
                    + "iso3,year,event and one column per variable, named exactly as the variable.",
            "Use --list-variables to see every variable with its definition, source and years."
        })
final class PanelCommand implements Runnable {
    @Mixin
    DbOption db;

    @Mixin
    ModelOptions model;

    @Option(names = "--out", paramLabel = "FILE", description = "FILE.csv or FILE.parquet")
    Path out;

    @Option(names = "--list-variables", description = "list the variables and exit")
    boolean listVariables;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            if (listVariables) {
                List<List<String>> rows = new ArrayList<>();
                for (VariableInfo v : Variables.list(data)) {
                    rows.add(List.of(v.name(), v.level(), v.years(), v.definition(), v.source()));
                }
                Output.table(w, List.of("name", "block", "years", "definition", "source"), rows);
                return;
            }
            if (out == null) {
                throw new BadInputException("give --out FILE.csv|FILE.parquet (or --list-variables)");
            }
            PanelWriter.isCsv(out);
            Panel panel;
            try (AtomicOutput target = AtomicOutput.file(out, "--out")) {
                panel = model.panel(new PanelBuilder(data));
                target.write(file -> {
                    PanelWriter.write(panel, file);
                    return file;
                });
            }
            w.println("wrote " + out + ": " + panel.rows() + " state-years at risk of "
                    + panel.spec().transition().code()
                    + " (" + panel.events() + " events), " + panel.spec().firstYear() + "-"
                    + panel.spec().lastYear()
                    + ", covariates lagged " + panel.spec().lag() + " year(s)");
            w.println("missing values (" + panel.spec().missing().name().toLowerCase(Locale.ROOT) + "): "
                    + panel.missingReport());
            w.println("events left out: " + panel.leftOutReport());
            java.util.List<String> cannot = data.nonDepositorsBetween(
                    panel.spec().firstYear(), panel.spec().lastYear());
            if (!cannot.isEmpty()) {
                w.println("not in the risk set (in the state system but cannot deposit with the depositary): "
                        + String.join(", ", cannot));
            }
        }
    }
}
