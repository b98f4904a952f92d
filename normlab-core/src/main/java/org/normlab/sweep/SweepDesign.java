package org.normlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep: which scenarios to run, over which design of parameter values, with how many replicates
 * per point, and what to keep of each run. Read one with {@link DesignReader}; its points come from
 * {@link DesignPoints}. Immutable.
 *
 * @param scenarios   the scenarios crossed with every point, each with its name and its content as
 *                    given (a JSON tree); at least one
 * @param type        how points are laid out
 * @param size        random and Latin hypercube: the number of points; Saltelli: the base sample
 *                    size N (the design then has N·(k+2) points); grid: 0 (the grid decides)
 * @param parameters  the swept parameters, in the file's order; at least one
 * @param replicates  replicates per point and scenario, 1..1,000,000
 * @param seed        the run seed; each point's seed is derived from it and the point's index
 * @param outputs     the summaries kept per point and scenario
 * @param sensitivity the response whose sensitivity is analysed, if any
 * @param source      the design as given, for the manifest
 * @param origin      where the design came from (e.g. its file name), to prefix messages
 */
public record SweepDesign(
        List<NamedScenario> scenarios,
        DesignType type,
        int size,
        List<Parameter> parameters,
        int replicates,
        long seed,
        Set<Output> outputs,
        Optional<Response> sensitivity,
        JsonNode source,
        Optional<String> origin) {

    public SweepDesign {
        scenarios = List.copyOf(scenarios);
        parameters = List.copyOf(parameters);
        outputs = Set.copyOf(outputs);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(origin, "origin");
        source = source == null ? JsonNodeFactory.instance.objectNode() : source.deepCopy();
        if (scenarios.isEmpty() || parameters.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs a scenario, a parameter and an output");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be at least 1, got " + replicates);
        }
    }

    /** The design as given (a copy). */
    @Override
    public JsonNode source() {
        return source.deepCopy();
    }

    /** How the points of a design are laid out. */
    public enum DesignType {
        /** Every combination of the listed values; a single value is held. */
        GRID,
        /** Independent uniform draws over each range. */
        RANDOM,
        /** A Latin hypercube over the ranges: each range cut into n strata, each stratum used once. */
        LHS,
        /** Saltelli's design for Sobol indices: matrices A, B and A with column i from B, for each i. */
        SALTELLI;

        /** The name used in files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A summary kept per point and scenario; the statistics each gives are listed in docs/sweeps.md. */
    public enum Output {
        /** Parties by year: mean, 5/50/95 % quantiles and the mean share of the system. */
        PARTIES,
        /** The tipping year: share of replicates reaching it, its mean and 5/50/95 % quantiles. */
        TIPPING_YEAR,
        /** Withdrawn states by year (mean) and withdrawals over the run (mean). */
        WITHDRAWALS,
        /** Scenario minus its baseline, replicate by replicate: parties by year (mean, 5 %, 95 %). */
        PAIRED_DIFFERENCE;

        /** The name used in files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A scenario of the sweep.
     *
     * @param name   its name in the results (the file name without extension)
     * @param json   its content as a JSON text
     * @param folder the folder a saved fit in it is resolved against
     */
    public record NamedScenario(String name, String json, String folder) implements java.io.Serializable {
        public NamedScenario {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(folder, "folder");
        }
    }

    /**
     * A swept parameter: a numeric field of every scenario, named by its path (e.g.
     * {@code model.coefficients.share_global}, {@code overrides[0].value}).
     *
     * @param path   the field's path in the scenario
     * @param values grid: the values scanned (one value: held); empty for a range
     * @param from   random, LHS, Saltelli: lower end of the uniform range (NaN for a list)
     * @param to     upper end of the range, above {@code from} (NaN for a list)
     */
    public record Parameter(String path, List<Double> values, double from, double to) {
        public Parameter {
            Objects.requireNonNull(path, "path");
            values = List.copyOf(values);
            if (values.isEmpty() == Double.isNaN(from)) {
                throw new IllegalArgumentException("a parameter has either values or a range");
            }
            if (values.isEmpty() && !(to > from)) {
                throw new IllegalArgumentException("an empty range " + from + ".." + to);
            }
        }

        /** A parameter scanned over (or held at) these values. */
        public static Parameter of(String path, List<Double> values) {
            return new Parameter(path, values, Double.NaN, Double.NaN);
        }

        /** A parameter ranging uniformly over [from, to]. */
        public static Parameter range(String path, double from, double to) {
            return new Parameter(path, List.of(), from, to);
        }

        /** Whether it is a range (rather than listed values). */
        public boolean isRange() {
            return values.isEmpty();
        }
    }

    /**
     * The scalar response of a sensitivity analysis: one statistic of one scenario (in one year for a
     * yearly statistic), per point.
     *
     * @param scenario  the scenario's name
     * @param statistic the statistic (e.g. {@code parties_mean})
     * @param year      the year of a yearly statistic, empty for one without a year
     * @param bootstrap bootstrap resamples for the intervals, ≥ 0
     */
    public record Response(String scenario, String statistic, java.util.OptionalInt year, int bootstrap) {
        public Response {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(statistic, "statistic");
            Objects.requireNonNull(year, "year");
        }
    }
}
