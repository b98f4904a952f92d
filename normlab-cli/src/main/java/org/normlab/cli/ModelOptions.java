package org.normlab.cli;

import java.util.List;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import picocli.CommandLine.Option;

/** Options that choose a risk set and its variables, shared by panel, fit, compare and explain. */
final class ModelOptions {
    @Option(
            names = "--instrument",
            defaultValue = "mine-ban",
            paramLabel = "ID",
            description = "instrument id (default ${DEFAULT-VALUE})")
    String instrument;

    @Option(
            names = "--transition",
            defaultValue = "consent",
            paramLabel = "T",
            description = "signature, consent or withdrawal (default ${DEFAULT-VALUE})")
    String transition;

    @Option(
            names = "--vars",
            split = ",",
            paramLabel = "V1,V2,...",
            description = "variables (see panel --list-variables)")
    List<String> vars;

    @Option(
            names = {"--spec", "--specs"},
            paramLabel = "NAME",
            description = "named specification(s): international, domestic, perception-pressure, two-level, "
                    + "two-level-yearly")
    String specName;

    @Option(
            names = "--formula",
            paramLabel = "RHS",
            description = "right-hand side of an R formula, e.g. \"conflict_territorial * adherence_level + "
                    + "log(share_border + 0.01)\" (+ : * - I() log exp sqrt poly(x, d) factor(x) "
                    + "relevel(factor(x), ref = \"v\"))")
    String formula;

    @Option(
            names = "--from",
            paramLabel = "YEAR",
            defaultValue = "0",
            description = "first risk year (default: the instrument's opening year)")
    int from;

    @Option(
            names = "--to",
            paramLabel = "YEAR",
            defaultValue = "0",
            description = "last risk year (default: last data year)")
    int to;

    @Option(
            names = "--lag",
            paramLabel = "YEARS",
            defaultValue = "1",
            description = "covariate lag in years (default ${DEFAULT-VALUE})")
    int lag;

    @Option(
            names = "--missing",
            paramLabel = "POLICY",
            defaultValue = "drop",
            description =
                    "drop rows with a missing value (the events left out are listed), or fill them with 0 and a <var>_missing flag column that also enters the fit (default ${DEFAULT-VALUE})")
    String missing;

    PanelSpec panelSpec(CountryYearData data) {
        return panelSpec(variables(data));
    }

    /** The parsed {@code --formula}, or null without one. */
    Formula parsedFormula() {
        return formula == null ? null : Formula.parse(formula);
    }

    /**
     * The risk set these options describe: the panel of the variables, or with {@code --formula}
     * the model matrix of the formula on the panel of the variables it reads.
     */
    Panel panel(PanelBuilder builder) {
        Panel raw = builder.build(panelSpec(builder.data()));
        return formula == null ? raw : ModelMatrix.expand(parsedFormula(), raw);
    }

    /** The risk set these options describe, with the given variables. */
    PanelSpec panelSpec(List<String> variables) {
        MissingPolicy policy = switch (missing) {
            case "drop" -> MissingPolicy.DROP;
            case "fill" -> MissingPolicy.FILL;
            default -> throw new BadInputException("--missing must be drop or fill, got '" + missing + "'");
        };
        return new PanelSpec(instrument, Transition.parse(transition), from, to, lag, variables, policy);
    }

    List<String> variables(CountryYearData data) {
        if ((vars != null ? 1 : 0) + (specName != null ? 1 : 0) + (formula != null ? 1 : 0) != 1) {
            throw new BadInputException("give exactly one of --vars, --formula and --spec");
        }
        if (formula != null) {
            return parsedFormula().variables();
        }
        if (vars != null) {
            return vars.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
        }
        return Models.specVariables(data, specName, instrument);
    }
}
