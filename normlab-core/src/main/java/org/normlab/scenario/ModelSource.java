package org.normlab.scenario;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.normlab.estimate.Link;
import org.normlab.sim.LinearIndexHazard;

/**
 * Where a scenario's hazard comes from: a saved fit, a named specification to fit first, or
 * coefficients given in the file. Fits and specifications are turned into a
 * {@link LinearIndexHazard} by a {@link ModelResolver}. Immutable.
 */
public sealed interface ModelSource {

    /**
     * A saved fit, confined to the scenario's folder: the reader refuses a path that is absolute or
     * leaves the folder, and the fit's reader refuses one whose real path (symbolic links followed)
     * leaves it.
     *
     * @param folder the scenario's folder, absolute
     * @param file   the fit's JSON file relative to {@code folder}, normalized, not starting with {@code ..}
     */
    record Fit(Path folder, Path file) implements ModelSource {
        public Fit {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(file, "file");
            if (file.isAbsolute() || file.normalize().startsWith("..")) {
                throw new IllegalArgumentException(
                        "a saved fit's path must stay inside the scenario's folder: " + file);
            }
            file = file.normalize();
        }

        /** The fit's path: {@code folder} resolved with {@code file}. */
        public Path path() {
            return folder.resolve(file);
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
