package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.BassForm;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.lifecycle.Stage;
import org.normlab.report.JsonViews;
import org.normlab.report.plot.Figures;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab lifecycle}: the observed life cycle of an instrument. */
@Command(
        name = "lifecycle",
        mixinStandardHelpOptions = true,
        description = {
            "The observed life cycle of an instrument: signatories, parties and withdrawn states by year, the "
                    + "stages (emergence, cascade, internalization, regression) with their dates and rules, and a Bass "
                    + "diffusion fit to consents per year."
        })
final class LifecycleCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(
            names = "--instrument",
            defaultValue = "mine-ban",
            paramLabel = "ID",
            description = "instrument id (default ${DEFAULT-VALUE})")
    String instrument;

    @Option(
            names = "--tipping",
            defaultValue = "0.333333333333",
            paramLabel = "SHARE",
            description = "share of the states that must be party for the tipping point (default one third)")
    double tipping;

    @Option(
            names = "--cascade-rate",
            defaultValue = "0.02",
            paramLabel = "RATE",
            description = "the cascade ends in the first year after tipping in which new parties fall below this share "
                    + "of the states (default ${DEFAULT-VALUE})")
    double cascadeRate;

    @Option(
            names = "--bass-form",
            defaultValue = "period",
            paramLabel = "FORM",
            description = "Bass model form: period (m[F(t)-F(t-1)]) or density (m f(t)) (default ${DEFAULT-VALUE})")
    String bassForm;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json")
    Format format;

    @Mixin
    PlotOption plot;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        LifeCycleRules rules;
        try {
            rules = LifeCycleRules.of(tipping, cascadeRate);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        BassForm form = switch (bassForm) {
            case "period" -> BassForm.PERIOD;
            case "density" -> BassForm.DENSITY;
            default -> throw new BadInputException("--bass-form must be period or density, got '" + bassForm + "'");
        };
        plot.check();
        ObservedLifeCycle o;
        try (NormlabStore store = db.openReadOnly()) {
            o = ObservedLifeCycle.of(AdoptionSeries.of(CountryYearData.load(store), instrument), rules, form);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> header = List.of(
                "year",
                "states",
                "signatories",
                "parties",
                "withdrawn",
                "signatures",
                "consents",
                "withdrawals",
                "party_share");
        List<List<String>> rows = new ArrayList<>();
        for (AdoptionSeries.Year y : o.series().years()) {
            rows.add(List.of(
                    Integer.toString(y.year()),
                    Integer.toString(y.states()),
                    Integer.toString(y.signatories()),
                    Integer.toString(y.parties()),
                    Integer.toString(y.withdrawn()),
                    Integer.toString(y.signatures()),
                    Integer.toString(y.consents()),
                    Integer.toString(y.withdrawals()),
                    String.format(Locale.ROOT, "%.4f", y.partyShare())));
        }
        if (plot.plot != null) {
            List<AdoptionSeries.Year> ys = o.series().years();
            plot.write(
                    Figures.lifecycle(
                            instrument,
                            ys.stream().mapToInt(AdoptionSeries.Year::year).toArray(),
                            ys.stream().mapToInt(AdoptionSeries.Year::states).toArray(),
                            ys.stream()
                                    .mapToInt(AdoptionSeries.Year::signatories)
                                    .toArray(),
                            ys.stream().mapToInt(AdoptionSeries.Year::parties).toArray(),
                            ys.stream().mapToInt(AdoptionSeries.Year::withdrawn).toArray()),
                    spec.commandLine().getErr());
        }
        switch (format) {
            case csv -> Output.csv(out, header, rows);
            case json -> Output.json(out, json(o));
            default -> {
                Output.table(out, header, rows);
                out.println();
                out.println("Stages of " + instrument + ":");
                for (Stage s : o.lifecycle().stages()) {
                    out.println("  " + s.describe());
                }
                out.println("  tipping point: "
                        + (o.lifecycle().tippingYear().isPresent()
                                ? Integer.toString(o.lifecycle().tippingYear().getAsInt())
                                : "not reached")
                        + " (" + rules.tippingRule() + ")");
                out.println();
                out.println(bassText(o));
            }
        }
    }

    static String bassText(ObservedLifeCycle o) {
        BassEstimate b = o.bass();
        if (b == null) {
            return o.bassNote();
        }
        int first = o.series().years().get(0).year();
        return String.format(
                Locale.ROOT,
                "Bass diffusion fit to consents per year (%s form, t = 1 in %d): m = %.1f (SE %.1f), "
                        + "p = %.5f (SE %.5f), q = %.4f (SE %.4f); peak at t = %.1f (%d); residual SE %.2f%s",
                b.form().name().toLowerCase(Locale.ROOT),
                first,
                b.m(),
                b.seM(),
                b.p(),
                b.seP(),
                b.q(),
                b.seQ(),
                b.peakTime(),
                first + (int) Math.round(b.peakTime()) - 1,
                b.sigma(),
                b.diagnostics().isEmpty() ? "" : "; " + String.join("; ", b.diagnostics()));
    }

    static Map<String, Object> json(ObservedLifeCycle o) {
        return JsonViews.lifecycle(o);
    }
}
