package org.normlab.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * A scenario's {@code model} field: the adoption hazard (absent when the threshold model decides
 * adoption) and, optionally, the withdrawal hazard. Immutable.
 *
 * @param adoption   source of the adoption hazard
 * @param withdrawal source of the withdrawal hazard among parties
 */
public record ScenarioModel(Optional<ModelSource> adoption, Optional<ModelSource> withdrawal) {

    public ScenarioModel {
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(withdrawal, "withdrawal");
    }

    /** No hazard at all: the threshold model without withdrawal. */
    public static ScenarioModel none() {
        return new ScenarioModel(Optional.empty(), Optional.empty());
    }
}
