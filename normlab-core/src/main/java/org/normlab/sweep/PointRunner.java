package org.normlab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Output;

/**
 * Runs design points on loaded data: reads each scenario of a {@link PointTask}, builds (once) the
 * world it needs, runs its ensemble with the point's seed, and summarises it with
 * {@link Summaries}. The baseline is run only when the paired difference is asked for.
 *
 * <p>Thread-safe: preparing scenarios is serialised (fits and worlds are cached and shared), runs
 * are not. One runner serves every point of a sweep in a JVM.
 */
public final class PointRunner {
    private final CountryYearData data;
    private final Map<String, FitResolver> resolvers = new HashMap<>();
    private final Map<String, SimWorld> worlds = new HashMap<>();

    public PointRunner(CountryYearData data) {
        this.data = data;
    }

    /** The loaded data. */
    public CountryYearData data() {
        return data;
    }

    /** A scenario ready to run: its name, simulation and (when needed) its baseline's. */
    public record Prepared(String name, Simulation scenario, Simulation baseline) {}

    /**
     * Reads and checks the task's scenarios against the data and prepares their simulations.
     *
     * @throws ScenarioException naming the scenario, if one does not validate on the data
     */
    public synchronized List<Prepared> prepare(PointTask task) throws ScenarioException {
        List<Prepared> out = new ArrayList<>();
        boolean paired = task.outputs().contains(Output.PAIRED_DIFFERENCE);
        for (NamedScenario ns : task.scenarios()) {
            Scenario s = ScenarioReader.parse(ns.json(), ScenarioReader.Format.JSON, ns.name(), Path.of(ns.folder()));
            Scenario b = s.baseline();
            FitResolver resolver = resolvers.computeIfAbsent(s.instrument(), i -> new FitResolver(data, i));
            TreeSet<String> vars = new TreeSet<>(resolver.variables(s).keySet());
            String key = s.instrument() + "|" + s.horizon() + "|" + vars;
            SimWorld world = worlds.get(key);
            if (world == null) {
                world = Simulations.world(data, resolver, List.of(s, b));
                worlds.put(key, world);
            }
            s.validate(world);
            out.add(new Prepared(
                    ns.name(), s.simulation(world, resolver), paired ? b.simulation(world, resolver) : null));
        }
        return out;
    }

    /**
     * Runs one point.
     *
     * @param threads worker threads of each ensemble (results do not depend on it)
     */
    public List<SweepRow> run(PointTask task, int threads) throws ScenarioException {
        List<SweepRow> rows = new ArrayList<>();
        Ensemble ensemble = Ensemble.builder()
                .replicates(task.replicates())
                .seed(task.seed())
                .threads(threads)
                .keepPaths(true)
                .build(); // the per-point summaries read each replicate; memory is per point
        for (Prepared p : prepare(task)) {
            EnsembleResult r;
            EnsembleResult b = null;
            if (p.baseline() != null) {
                Comparison c = ensemble.compare(p.scenario(), p.baseline());
                r = c.scenario();
                b = c.baseline();
            } else {
                r = ensemble.run(p.scenario());
            }
            rows.addAll(Summaries.of(task.point(), p.name(), r, b, task.outputs()));
        }
        return rows;
    }
}
