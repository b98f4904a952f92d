package org.normlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.data.CountryYearData;
import org.normlab.effects.Prediction;
import org.normlab.store.NormlabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab predict}: predicted probabilities for a covariate profile. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predicted probabilities for a covariate profile, e.g. a democracy with a secessionist war: "
                    + "the probability of the transition in each year of a span and the cumulative probability by each "
                    + "year for a state at risk from the first, with delta-method intervals.",
            "Variables the profile does not set take their mean over the states at risk that year (so the "
                    + "time baseline follows the calendar); a variable entered through factor() must be set."
        })
final class PredictCommand implements Runnable {
    @Mixin
    DbOption db;

    @Mixin
    ModelOptions model;

    @Mixin
    EstimatorOptions est;

    @Option(
            names = "--at",
            split = ",",
            paramLabel = "VAR=VALUE",
            required = true,
            description = "the profile, e.g. --at polyarchy=0.8,conflict_territorial=1; a variable that enters as "
                    + "categories takes a level's name, e.g. regime=democracy")
    Map<String, String> at;

    @Option(
            names = "--years",
            required = true,
            paramLabel = "FROM-TO",
            description = "the span, e.g. 2005-2010 " + "(or one year), within the risk set's years")
    String years;

    @Option(
            names = "--ci",
            defaultValue = "0.95",
            paramLabel = "LEVEL",
            description = "interval level (default ${DEFAULT-VALUE})")
    double ci;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json")
    Format format;

    @Spec
    CommandSpec spec;

    /**
     * The profile's values: a number, or for a variable the model enters as categories the value of
     * the named level.
     */
    private Map<String, Double> profile(org.normlab.formula.ModelMatrix matrix) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : at.entrySet()) {
            String v = e.getKey();
            String text = e.getValue().trim();
            if (matrix.categorical().containsKey(v)) {
                out.put(v, matrix.levelValue(v, text));
                continue;
            }
            try {
                out.put(v, Double.parseDouble(text));
            } catch (NumberFormatException x) {
                throw new BadInputException("--at " + v + "=" + text + ": not a number; only a variable that enters "
                        + "the model as categories takes a level's name");
            }
        }
        return out;
    }

    @Override
    public void run() {
        if (!(ci > 0 && ci < 1)) {
            throw new BadInputException("--ci must be a level between 0 and 1, e.g. 0.95, got " + ci);
        }
        if (model.specName != null && model.specName.contains(",")) {
            throw new BadInputException("predict takes one specification, got '" + model.specName + "'");
        }
        int from;
        int to;
        try {
            String[] p = years.split("-", 2);
            from = Integer.parseInt(p[0].trim());
            to = p.length == 2 ? Integer.parseInt(p[1].trim()) : from;
        } catch (NumberFormatException e) {
            throw new BadInputException("--years must be FROM-TO or one year, e.g. 2005-2010, got '" + years + "'");
        }
        List<Prediction.Year> rows;
        FitCommand.Fitted f;
        try (NormlabStore store = db.openReadOnly()) {
            CountryYearData data = CountryYearData.load(store);
            f = FitCommand.fitDesigns(data, model, est).get(0);
            try {
                rows = Prediction.of(f.matrix(), f.raw(), f.fit().estimate(), profile(f.matrix()), from, to, ci);
            } catch (org.normlab.data.NormlabException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> header =
                List.of("year", "probability", "lower", "upper", "cumulative", "cumulative_lower", "cumulative_upper");
        switch (format) {
            case json -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", f.fit().name());
                m.put("vars", f.fit().variables());
                Map<String, Object> profile = new LinkedHashMap<>();
                Map<String, Double> values = profile(f.matrix());
                at.forEach((k, v) -> profile.put(k, f.matrix().categorical().containsKey(k) ? v : values.get(k)));
                m.put("profile", profile);
                m.put("ci_level", ci);
                m.put("se_type", f.fit().estimate().seType().name().toLowerCase(Locale.ROOT));
                m.put("years", rows);
                Output.json(out, m);
            }
            case csv -> {
                List<List<String>> r = new ArrayList<>();
                for (Prediction.Year y : rows) {
                    r.add(List.of(
                            Integer.toString(y.year()),
                            Double.toString(y.probability()),
                            Double.toString(y.lower()),
                            Double.toString(y.upper()),
                            Double.toString(y.cumulative()),
                            Double.toString(y.cumulativeLower()),
                            Double.toString(y.cumulativeUpper())));
                }
                Output.csv(out, header, r);
            }
            default -> {
                out.println("Profile " + at + " (other variables at the risk set's mean each year), model "
                        + f.fit().name() + "; " + String.format(Locale.ROOT, "%.0f%%", 100 * ci)
                        + " delta-method intervals, " + f.fit().estimate().seDescription());
                List<List<String>> r = new ArrayList<>();
                for (Prediction.Year y : rows) {
                    r.add(List.of(
                            Integer.toString(y.year()),
                            p4(y.probability()),
                            "[" + p4(y.lower()) + ", " + p4(y.upper()) + "]",
                            p4(y.cumulative()),
                            "[" + p4(y.cumulativeLower()) + ", " + p4(y.cumulativeUpper()) + "]"));
                }
                Output.table(out, List.of("year", "probability", "interval", "cumulative", "interval"), r);
            }
        }
    }

    private static String p4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
