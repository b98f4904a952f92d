package org.normlab.analysis;

import java.util.List;
import java.util.Objects;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
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

    /**
     * A fit that may have been refitted with Firth's penalty because the maximum-likelihood one
     * diverged.
     *
     * @param fit    the fit to report: the refit when there was one, else the original
     * @param refit  whether {@code fit} is the Firth refit
     * @param reason why it was refitted, in one visible sentence naming the separated terms; ""
     *               when it was not
     */
    public record Refit(ModelFit fit, boolean refit, String reason) {
        public Refit {
            Objects.requireNonNull(fit, "fit");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * This fit, or its refit with Firth's penalty when some maximum-likelihood estimate diverged
     * under separation ({@link HazardEstimate#divergedTerms()}): the Firth (mean bias-reduced)
     * estimates stay finite where maximum likelihood runs off to infinity. Fits that are already
     * penalised, or whose design is not separated, are returned as they are.
     *
     * @param firth the estimator of the refit; it must apply Firth's penalty (its standard-error
     *              type is used as given, so pass the one the original fit used)
     * @return the fit to report and, when refitted, the reason in words
     * @throws IllegalArgumentException if {@code firth} does not apply Firth's penalty
     */
    public Refit refitIfSeparated(HazardEstimator firth) {
        if (!firth.firth()) {
            throw new IllegalArgumentException(
                    "refitIfSeparated needs a Firth estimator (withFirth(true)), got " + "one without the penalty");
        }
        List<String> diverged = estimate.divergedTerms();
        if (diverged.isEmpty()) {
            return new Refit(this, false, "");
        }
        HazardEstimate e = firth.fit(Models.problem(panel, variables, estimate.link()));
        String reason = "The " + estimate.separation().kind().label() + " separation of model " + name + " in "
                + estimate.separation().describe() + " makes the maximum-likelihood estimates of "
                + String.join(", ", diverged)
                + " infinite, so the model was refitted with Firth's penalty (" + e.method()
                + "); its estimates are finite but their size depends on the penalty.";
        return new Refit(new ModelFit(name, variables, panel, e), true, reason);
    }
}
