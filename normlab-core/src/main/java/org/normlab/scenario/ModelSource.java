package org.normlab.scenario;

import org.normlab.estimate.Link;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.normlab.sim.LinearIndexHazard;

/**
 * Where a scenario's hazard comes from: a saved fit, a named specification to fit first, or
 * coefficients given in the file. Fits and specifications are turned into a
 * {@link LinearIndexHazard} by a {@link ModelResolver}. Immutable.
 */
public sealed interface ModelSource {

    /** A saved fit. @param path the fit's JSON file, resolved against the scenario's folder */
    record Fit(Path path) implements ModelSource {
        public Fit {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A named specification to fit first. @param name its name @param link the link to fit with, if given */
    record Spec(String name, Optional<Link> link) implements ModelSource {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(link, "link");
        }
    }

    /** Coefficients given in the scenario. @param hazard the hazard they define */
    record Coefficients(LinearIndexHazard hazard) implements ModelSource {
        public Coefficients {
            Objects.requireNonNull(hazard, "hazard");
        }
    }
}
