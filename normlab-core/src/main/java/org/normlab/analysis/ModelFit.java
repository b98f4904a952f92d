package org.normlab.analysis;

import java.util.List;
import org.normlab.estimate.HazardEstimate;
import org.normlab.panel.Panel;

/**
 * A fitted hazard model with the panel it was fitted on. Immutable.
 *
 * @param name      the specification's name (a named spec, or "custom")
 * @param variables the covariates, in order (without the intercept)
 * @param panel     the risk set
 * @param estimate  the estimate
 */
public record ModelFit(String name, List<String> variables, Panel panel, HazardEstimate estimate) {
    public ModelFit {
        variables = List.copyOf(variables);
    }
}
