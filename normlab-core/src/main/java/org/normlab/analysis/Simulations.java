package org.normlab.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.ModelResolver;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioLimits;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sim.Terms;

/**
 * Runs a scenario against its baseline on the stored data: resolves the models (fitting named
 * specifications), builds the world with every variable either needs, validates both scenarios
 * against it and runs the paired ensemble.
 */
public final class Simulations {
    /** Covariate lag of the simulated world, as in the panels the models were fitted on. */
    public static final int LAG = 1;

    private Simulations() {}

    /**
     * The world both scenarios run in. Before anything is built the scenarios must name one stored
     * instrument, horizons within {@link ScenarioLimits#LAST_YEAR}, and variables the data hold;
     * each problem is reported with the scenario's file and the field that names it.
     */
    public static SimWorld world(CountryYearData data, FitResolver resolver, List<Scenario> scenarios)
            throws ScenarioException {
        String instrument = scenarios.get(0).instrument();
        for (Scenario s : scenarios) {
            String origin = s.origin().orElse(null);
            if (!data.instruments().containsKey(s.instrument())) {
                throw new ScenarioException(
                        origin,
                        List.of("instrument: " + s.instrument()
                                + " is not a stored instrument (known: "
                                + String.join(", ", data.instruments().keySet())
                                + ")"));
            }
            if (!s.instrument().equals(instrument)) {
                throw new ScenarioException(
                        origin,
                        List.of("instrument: " + s.instrument() + " differs from the other scenario's " + instrument));
            }
            if (s.horizon() > ScenarioLimits.LAST_YEAR) {
                throw new ScenarioException(
                        origin, List.of("horizon: " + s.horizon() + " is " + ScenarioLimits.yearReason()));
            }
        }
        Set<String> vars = new LinkedHashSet<>();
        int horizon = 0;
        for (Scenario s : scenarios) {
            Map<String, String> named;
            try {
                named = resolver.variables(s);
            } catch (ScenarioException e) {
                throw new ScenarioException(s.origin().orElse(null), e.problems());
            }
            List<String> problems = new ArrayList<>();
            named.forEach((name, field) -> {
                if (!Terms.isBuiltIn(name) && !Worlds.isVariable(data, instrument, name)) {
                    problems.add(field + ": " + name + " is not a variable of the stored data (see normlab panel"
                            + " --list-variables)");
                }
            });
            if (!problems.isEmpty()) {
                throw new ScenarioException(s.origin().orElse(null), problems);
            }
            vars.addAll(named.keySet());
            horizon = Math.max(horizon, s.horizon());
        }
        return resolver.withFormulaColumns(Worlds.of(data, instrument, vars, horizon, LAG));
    }

    /**
     * Runs {@code scenario} against {@code baseline} (its own baseline when null) with common random
     * numbers. A scenario without overrides, incentives and changes of ties is its own baseline: it is then simulated
     * once and paired with itself, which gives the same outputs as simulating it twice.
     */
    public static Comparison run(CountryYearData data, Scenario scenario, Scenario baseline, Ensemble ensemble)
            throws ScenarioException {
        return run(prepare(data, scenario, baseline), scenario, baseline, ensemble);
    }

    /**
     * Prepares what {@code scenario} and {@code baseline} (its own baseline when null) need from the
     * data: fits or reads their models and builds their world.
     */
    public static PreparedWorld prepare(CountryYearData data, Scenario scenario, Scenario baseline)
            throws ScenarioException {
        Scenario base = baseline == null ? scenario.baseline() : baseline;
        if (base.start() != scenario.start()
                || base.horizon() != scenario.horizon()
                || base.startAfterData() != scenario.startAfterData()) {
            List<String> problems = new ArrayList<>();
            if (base.startAfterData() != scenario.startAfterData()) {
                problems.add("start: " + (base.startAfterData() ? "last" : Integer.toString(base.start()))
                        + " differs from the scenario's start "
                        + (scenario.startAfterData() ? "last" : Integer.toString(scenario.start()))
                        + "; a baseline must simulate the same years");
            } else if (base.start() != scenario.start()) {
                problems.add("start: " + base.start() + " differs from the scenario's start " + scenario.start()
                        + "; a baseline must simulate the same years");
            }
            if (base.horizon() != scenario.horizon()) {
                problems.add("horizon: " + base.horizon() + " differs from the scenario's horizon " + scenario.horizon()
                        + "; a baseline must simulate the same years");
            }
            throw new ScenarioException(base.origin().orElse("baseline"), problems);
        }
        FitResolver resolver = new FitResolver(data, scenario.instrument());
        SimWorld world =
                world(data, resolver, isOwnBaseline(scenario, baseline) ? List.of(scenario) : List.of(scenario, base));
        return new PreparedWorld(data.digest(), world, resolver.resolved());
    }

    /** Runs {@code scenario} against {@code baseline} (its own baseline when null) in a prepared world. */
    public static Comparison run(PreparedWorld prepared, Scenario scenario, Scenario baseline, Ensemble ensemble)
            throws ScenarioException {
        Scenario base = baseline == null ? scenario.baseline() : baseline;
        SimWorld world = prepared.world();
        ModelResolver resolver = prepared.resolver();
        scenario.validate(world);
        Simulation s = scenario.simulation(world, resolver);
        if (isOwnBaseline(scenario, baseline)) {
            return ensemble.compareWithItself(s);
        }
        base.validate(world);
        Simulation b = base.simulation(world, resolver);
        return ensemble.compare(s, b);
    }

    /**
     * Whether {@code scenario}'s run equals its baseline's: no baseline given, and nothing the
     * baseline drops (overrides, incentives, changes of ties).
     */
    public static boolean isOwnBaseline(Scenario scenario, Scenario baseline) {
        return baseline == null
                && scenario.overrides().isEmpty()
                && scenario.incentives().isEmpty()
                && scenario.ties().isEmpty();
    }
}
