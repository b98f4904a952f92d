package org.normlab.scenario;

import java.util.List;
import org.normlab.sim.LinearIndexHazard;

/**
 * Turns a scenario's model source into a hazard: the estimation layer resolves saved fits and named
 * specifications; coefficients given in the file resolve to themselves.
 */
@FunctionalInterface
public interface ModelResolver {

    /**
     * @param source the model source
     * @param path   the field it came from, e.g. {@code model} or {@code model.withdrawal}, for messages
     * @throws ScenarioException if it cannot be resolved
     */
    LinearIndexHazard resolve(ModelSource source, String path) throws ScenarioException;

    /** A resolver for coefficients given in the file; it refuses fits and specifications. */
    static ModelResolver coefficientsOnly() {
        return (source, path) -> {
            if (source instanceof ModelSource.Coefficients c) {
                return c.hazard();
            }
            String what = source instanceof ModelSource.Fit f
                    ? "fit " + f.file()
                    : "spec " + ((ModelSource.Spec) source).name();
            throw new ScenarioException(
                    null,
                    List.of(path + ": " + what + " needs the estimation layer to resolve; give coefficients instead"));
        };
    }
}
