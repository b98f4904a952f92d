package org.normlab.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.normlab.data.CountryYearData;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioLimits;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.Simulation;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Terms;

/**
 * Runs a scenario against its baseline on the stored data: resolves the models (fitting named
 * specifications), builds the world with every variable either needs, validates both scenarios
 * against it and runs the paired ensemble.
 */
public final class Simulations {
    /** Covariate lag of the simulated world, as in the panels the models were fitted on. */
    public static final int LAG = 1;

    private Simulations() {
    }

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
                throw new ScenarioException(origin, List.of("instrument: " + s.instrument()
                        + " is not a stored instrument (known: " + String.join(", ", data.instruments().keySet())
                        + ")"));
            }
            if (!s.instrument().equals(instrument)) {
                throw new ScenarioException(origin, List.of("instrument: " + s.instrument()
                        + " differs from the other scenario's " + instrument));
            }
            if (s.horizon() > ScenarioLimits.LAST_YEAR) {
                throw new ScenarioException(origin, List.of("horizon: " + s.horizon() + " is "
                        + ScenarioLimits.yearReason()));
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
                if (!Terms.isBuiltIn(name) && !Worlds.isVariable(data, name)) {
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
        return Worlds.of(data, instrument, vars, horizon, LAG);
    }

    /**
     * Runs {@code scenario} against {@code baseline} (its own baseline when null) with common random
     * numbers. A baseline must simulate the same years as the scenario.
     */
    public static Comparison run(CountryYearData data, Scenario scenario, Scenario baseline, Ensemble ensemble)
            throws ScenarioException {
        Prepared p = prepare(data, scenario, baseline);
        return ensemble.compare(p.scenario(), p.baseline());
    }

    /**
     * A scenario and its baseline checked against the world they run in and ready to simulate, so that
     * a caller can refuse a bad scenario before queueing its ensemble.
     *
     * @param scenario the scenario's simulation
     * @param baseline the baseline's simulation
     */
    public record Prepared(Simulation scenario, Simulation baseline) {
    }

    /** Resolves the models, builds the world and validates {@code scenario} and its baseline (its own when null). */
    public static Prepared prepare(CountryYearData data, Scenario scenario, Scenario baseline)
            throws ScenarioException {
        Scenario base = baseline == null ? scenario.baseline() : baseline;
        if (base.start() != scenario.start() || base.horizon() != scenario.horizon()) {
            List<String> problems = new ArrayList<>();
            if (base.start() != scenario.start()) {
                problems.add("start: " + base.start() + " differs from the scenario's start " + scenario.start()
                        + "; a baseline must simulate the same years");
            }
            if (base.horizon() != scenario.horizon()) {
                problems.add("horizon: " + base.horizon() + " differs from the scenario's horizon "
                        + scenario.horizon() + "; a baseline must simulate the same years");
            }
            throw new ScenarioException(base.origin().orElse("baseline"), problems);
        }
        FitResolver resolver = new FitResolver(data, scenario.instrument());
        SimWorld world = world(data, resolver, List.of(scenario, base));
        scenario.validate(world);
        base.validate(world);
        return new Prepared(scenario.simulation(world, resolver), base.simulation(world, resolver));
    }
}
