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
     * @param frailty whether to take the frailty sd σ the fit holds ({@code fit --frailty}); a fit without
     *               one is then refused
     */
    record Fit(Path folder, Path file, boolean frailty) implements ModelSource {
        /** A saved fit whose frailty, if it has one, is not used. */
        public Fit(Path folder, Path file) {
            this(folder, file, false);
        }

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

    /**
     * A named specification to fit first.
     *
     * @param name    its name
     * @param link    the link to fit with, if given
     * @param frailty whether to fit it with a shared frailty by state (the frailty model's σ and the
     *                covariance of its fixed effects and log σ then come with the hazard)
     */
    record Spec(String name, Optional<Link> link, boolean frailty) implements ModelSource {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(link, "link");
        }

        /** A specification fitted without frailty. */
        public Spec(String name, Optional<Link> link) {
            this(name, link, false);
        }
    }

    /**
     * Coefficients given in the scenario, named as terms or, with a formula, as the columns of the
     * formula's model matrix (e.g. {@code conflict_territorial:polyarchy}).
     *
     * @param hazard  the hazard they define
     * @param formula the right-hand side of an R formula whose columns the coefficients name, if given
     */
    record Coefficients(LinearIndexHazard hazard, Optional<String> formula) implements ModelSource {
        public Coefficients {
            Objects.requireNonNull(hazard, "hazard");
            Objects.requireNonNull(formula, "formula");
        }

        /** Coefficients named as terms, without a formula. */
        public Coefficients(LinearIndexHazard hazard) {
            this(hazard, Optional.empty());
        }
    }
}
