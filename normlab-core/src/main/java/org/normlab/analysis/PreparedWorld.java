package org.normlab.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.normlab.scenario.ModelResolver;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.SimWorld;

/**
 * Everything a scenario and its baseline need from the stored data, prepared once: the world with
 * every variable they use and the hazards of their models (fitted, read or given), and the digest of
 * the data they came from. What {@link WorldCache} keeps, so that a later run of the same scenarios
 * on the same data opens no database and fits no model. Immutable.
 *
 * @param dataDigest digest of the stored data, for the run's manifest
 * @param world      the world
 * @param hazards    the resolved hazards by model field and source ({@code FitResolver.key})
 */
public record PreparedWorld(String dataDigest, SimWorld world, Map<String, LinearIndexHazard> hazards) {

    public PreparedWorld {
        Objects.requireNonNull(dataDigest, "dataDigest");
        Objects.requireNonNull(world, "world");
        hazards = Map.copyOf(hazards);
    }

    /** A resolver that returns the prepared hazards and refuses any other model source. */
    public ModelResolver resolver() {
        return (ModelSource source, String path) -> {
            LinearIndexHazard h = hazards.get(FitResolver.key(source, path));
            if (h == null) {
                throw new ScenarioException(null, List.of(path + ": the model was not prepared with the world"));
            }
            return h;
        };
    }
}
