package org.normlab.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Output;

/**
 * Everything needed to run one design point, anywhere: its index and seed, and the scenarios with
 * the point's parameter values already set. A task's results depend on nothing else (given the same
 * data), so an engine may run it on any thread or machine, and run it again after a failure.
 * Immutable and serializable (it travels to Spark executors).
 *
 * @param point      the point's index, from 0
 * @param seed       the point's seed ({@link DesignPoints#seed})
 * @param scenarios  the scenarios with the point's values set
 * @param replicates replicates per scenario
 * @param outputs    the summaries to keep
 */
public record PointTask(int point, long seed, List<NamedScenario> scenarios, int replicates, Set<Output> outputs)
        implements Serializable {

    public PointTask {
        scenarios = List.copyOf(scenarios);
        outputs = Set.copyOf(outputs);
        Objects.requireNonNull(scenarios, "scenarios");
    }
}
