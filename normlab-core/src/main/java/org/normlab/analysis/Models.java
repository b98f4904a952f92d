package org.normlab.analysis;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Specs;

/** Turns panels into hazard problems and fits them; the glue between panel and estimate. */
public final class Models {
    private Models() {}

    /**
     * The problem of a panel restricted to some of its columns, clustered by state.
     *
     * @throws org.normlab.data.InputException if a column holds text categories (see
     *                                         {@link #requireNumbers})
     */
    public static HazardProblem problem(Panel panel, List<String> variables, Link link) {
        requireNumbers(panel, variables);
        double[][] cols = new double[variables.size()][];
        for (int j = 0; j < variables.size(); j++) {
            cols[j] = panel.column(variables.get(j));
        }
        return HazardProblem.of(panel.event(), cols, variables.toArray(String[]::new))
                .withLink(link)
                .withClusters(stateIds(panel.iso3()), "state");
    }

    /**
     * Refuses variables that hold text categories where numbers are expected (a list of variables):
     * categories enter only through a formula, as {@code factor(x)} or on their own.
     *
     * @throws org.normlab.data.InputException naming the variable and the way to enter it
     */
    public static void requireNumbers(Panel panel, List<String> variables) {
        for (String v : variables) {
            if (panel.levelsOf(v) != null) {
                throw new org.normlab.data.InputException(v + " holds text categories; enter it through a formula, "
                        + "e.g. --formula \"factor(" + v + ") + ...\" (one column per category but the first)");
            }
        }
    }

    /**
     * Whether a fit takes Firth's penalty when the user does not say: for the withdrawal
     * transition, whose events are few (separation and small-sample bias are the rule there),
     * unless another penalty (a ridge) is asked for. The command line and the HTTP API share it.
     */
    public static boolean firthByDefault(org.normlab.panel.Transition transition, boolean otherPenalty) {
        return transition == org.normlab.panel.Transition.WITHDRAWAL && !otherPenalty;
    }

    /** Integer ids of the states, in order of first appearance. */
    public static int[] stateIds(String[] iso3) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[iso3.length];
        for (int i = 0; i < iso3.length; i++) {
            out[i] = ids.computeIfAbsent(iso3[i], k -> ids.size());
        }
        return out;
    }

    /**
     * Fits the variables on the panel. When the panel was built with {@code --missing fill}, each
     * variable's {@code <var>_missing} flag column joins the model beside it, so that filled rows are
     * not taken at face value.
     */
    public static ModelFit fit(String name, Panel panel, List<String> variables, Link link, HazardEstimator estimator) {
        List<String> withFlags = withMissingFlags(panel, variables);
        HazardEstimate e = estimator.fit(problem(panel, withFlags, link));
        return new ModelFit(name, withFlags, panel, e);
    }

    /** The variables followed by the {@code _missing} flag columns the panel holds for them. */
    public static List<String> withMissingFlags(Panel panel, List<String> variables) {
        List<String> out = new java.util.ArrayList<>(variables);
        for (String v : variables) {
            if (!v.endsWith("_missing") && panel.names().contains(v + "_missing") && !out.contains(v + "_missing")) {
                out.add(v + "_missing");
            }
        }
        return List.copyOf(out);
    }

    /** Variables of a named specification for an instrument stored in {@code data}. */
    public static List<String> specVariables(CountryYearData data, String spec, String instrument) {
        int first = data.instrument(instrument).opened().getYear();
        return Specs.variables(spec, Specs.perception(data, instrument), first, Math.max(first, data.lastDataYear()));
    }

    /**
     * Fits several specifications on one panel holding the union of their variables, so that they
     * share the same rows (needed for likelihood-ratio tests and fair comparisons).
     */
    public static List<ModelFit> fitSpecs(
            PanelBuilder builder, PanelSpec base, List<String> specs, Link link, HazardEstimator estimator) {
        Set<String> union = new LinkedHashSet<>();
        Map<String, List<String>> vars = new HashMap<>();
        for (String s : specs) {
            List<String> v = specVariables(builder.data(), s, base.instrument());
            vars.put(s, v);
            union.addAll(v);
        }
        Panel panel = builder.build(base.withVariables(List.copyOf(union)));
        return specs.stream()
                .map(s -> fit(s, panel, vars.get(s), link, estimator))
                .toList();
    }

    /** The estimator the CLI options describe. */
    public static HazardEstimator estimator(SeType se, boolean firth, double ridge) {
        return HazardEstimator.of().withSeType(se).withFirth(firth).withRidge(ridge);
    }
}
