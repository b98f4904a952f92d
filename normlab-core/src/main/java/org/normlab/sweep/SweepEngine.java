package org.normlab.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.ProgressListener;

/**
 * Distributes the points of a sweep and writes their results: Parquet files under
 * {@link Environment#results}, partitioned by point (Hive style, {@code point=N/}), with the columns
 * {@code point, scenario, statistic, year, value}. Every engine computes a point with
 * {@link PointRunner}, so the same design gives the same rows on every engine. Engines other than
 * {@link LocalSweepEngine} (e.g. Apache Spark's, in module {@code normlab-spark}) are found with
 * {@link ServiceLoader} when they are on the class path.
 */
public interface SweepEngine {

    /** The engine's name, as {@code --engine} gives it. */
    String name();

    /**
     * Runs every point of the job and writes the results.
     *
     * @return the rows that are the job's sensitivity response ({@link SweepJob#isResponse})
     * @throws ScenarioException if a point's scenario does not validate on the data
     */
    List<SweepRow> run(SweepJob job, Environment env) throws ScenarioException;

    /**
     * Where and how an engine runs.
     *
     * @param runner   the runner of points on the driver's loaded data
     * @param database the store's file, for engines whose workers load the data themselves
     * @param master   where a cluster engine runs (e.g. {@code local[2]}, {@code spark://HOST:7077},
     *                 {@code yarn}); empty for the engine's default
     * @param threads  threads of the local engine, ≥ 1
     * @param progress told of points done
     * @param results  the folder the Parquet results go to (created by the engine)
     */
    record Environment(
            PointRunner runner,
            String database,
            Optional<String> master,
            int threads,
            ProgressListener progress,
            Path results) {
        public Environment {
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(results, "results");
        }
    }

    /** The engine of that name: {@code local}, or one found with {@link ServiceLoader}. */
    static Optional<SweepEngine> named(String name) {
        if (name.equals(LocalSweepEngine.NAME)) {
            return Optional.of(new LocalSweepEngine());
        }
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
