package org.normlab.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows about a run and the engine does not, for {@code manifest.json}: the normlab
 * version, a digest of the data the world was built from, and the scenario as given. The engine
 * adds the seed, replicates, years, models and rules. Immutable.
 *
 * @param normlabVersion version of normlab that ran the simulation
 * @param dataDigest     digest identifying the input data
 * @param scenario       the scenario file's content as a JSON tree, if the run came from one
 */
public record Manifest(String normlabVersion, String dataDigest, Optional<JsonNode> scenario) {

    public Manifest {
        Objects.requireNonNull(normlabVersion, "normlabVersion");
        Objects.requireNonNull(dataDigest, "dataDigest");
        Objects.requireNonNull(scenario, "scenario");
        scenario = scenario.map(JsonNode::deepCopy);
    }

    /** A manifest without a scenario. */
    public static Manifest of(String normlabVersion, String dataDigest) {
        return new Manifest(normlabVersion, dataDigest, Optional.empty());
    }

    /** This manifest with the scenario as given. */
    public Manifest withScenario(JsonNode scenario) {
        return new Manifest(normlabVersion, dataDigest, Optional.of(scenario));
    }

    /** The scenario tree (a copy). */
    @Override
    public Optional<JsonNode> scenario() {
        return scenario.map(JsonNode::deepCopy);
    }
}
