package org.normlab.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.normlab.data.CountryYearData;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.Simulation;
import org.normlab.sim.SimWorld;

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

    /** The world both scenarios run in. */
    public static SimWorld world(CountryYearData data, FitResolver resolver, List<Scenario> scenarios)
            throws ScenarioException {
        Set<String> vars = new LinkedHashSet<>();
        int horizon = 0;
        for (Scenario s : scenarios) {
            vars.addAll(resolver.variables(s));
            horizon = Math.max(horizon, s.horizon());
        }
        String instrument = scenarios.get(0).instrument();
        for (Scenario s : scenarios) {
            if (!s.instrument().equals(instrument)) {
                throw new ScenarioException(s.origin().orElse(null), List.of("instrument: " + s.instrument()
                        + " differs from the other scenario's " + instrument));
            }
        }
        data.instrument(instrument);
        return Worlds.of(data, instrument, vars, horizon, LAG);
    }

    /** Runs {@code scenario} against {@code baseline} (its own baseline when null) with common random numbers. */
    public static Comparison run(CountryYearData data, Scenario scenario, Scenario baseline, Ensemble ensemble)
            throws ScenarioException {
        Scenario base = baseline == null ? scenario.baseline() : baseline;
        FitResolver resolver = new FitResolver(data, scenario.instrument());
        SimWorld world = world(data, resolver, List.of(scenario, base));
        scenario.validate(world);
        base.validate(world);
        Simulation s = scenario.simulation(world, resolver);
        Simulation b = base.simulation(world, resolver);
        return ensemble.compare(s, b);
    }
}
