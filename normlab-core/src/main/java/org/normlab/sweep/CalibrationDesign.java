package org.normlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.normlab.scenario.YearRange;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Parameter;

/**
 * A calibration by simulation: a scenario whose parameters (ranges: uniform priors; single values:
 * held) are fitted by approximate Bayesian computation to the instrument's observed adoption
 * curve. Read one with {@link DesignReader#readCalibration}. Immutable.
 *
 * @param scenario    the scenario
 * @param parameters  the parameters, in the file's order
 * @param replicates  replicates per simulated curve (the curve is their mean share of parties)
 * @param seed        the run seed
 * @param method      rejection or SMC
 * @param particles   particles kept (per generation for SMC)
 * @param generations SMC generations after the prior's
 * @param draws       rejection: prior draws
 * @param quantile    SMC: the next tolerance is this quantile of the last distances; rejection: the
 *                    fraction of draws kept
 * @param years       the years compared, if restricted
 * @param source      the design as given, for the manifest
 * @param origin      where the design came from, to prefix messages
 */
public record CalibrationDesign(
        NamedScenario scenario,
        List<Parameter> parameters,
        int replicates,
        long seed,
        Method method,
        int particles,
        int generations,
        int draws,
        double quantile,
        Optional<YearRange> years,
        JsonNode source,
        Optional<String> origin) {

    public CalibrationDesign {
        Objects.requireNonNull(scenario, "scenario");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(years, "years");
        Objects.requireNonNull(origin, "origin");
        source = source == null ? JsonNodeFactory.instance.objectNode() : source.deepCopy();
    }

    /** The design as given (a copy). */
    @Override
    public JsonNode source() {
        return source.deepCopy();
    }

    /** The ABC algorithm. */
    public enum Method {
        /** Rejection from the prior. */
        REJECTION,
        /** Sequential Monte Carlo with adaptive tolerances. */
        SMC;

        /** The name used in files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
