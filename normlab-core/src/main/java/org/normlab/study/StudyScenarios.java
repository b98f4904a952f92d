package org.normlab.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.normlab.analysis.ModelFit;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.Link;
import org.normlab.scenario.CovariateOverride;
import org.normlab.scenario.Incentive;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioModel;
import org.normlab.scenario.ScenarioTree;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.LinearIndexHazard;

/** The study's scenarios as objects: hazards from fitted coefficients and scenarios from them. Stateless. */
final class StudyScenarios {
    private StudyScenarios() {}

    /** A hazard with the given coefficients; aliased (NaN) terms are left out, as the fit dropped them. */
    static LinearIndexHazard hazard(List<String> names, double[] coefficients, Link link) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!Double.isNaN(coefficients[i])) {
                m.put(names.get(i), coefficients[i]);
            }
        }
        return LinearIndexHazard.of(m, link);
    }

    /** The hazard of a fitted model. */
    static LinearIndexHazard hazard(ModelFit fit) {
        HazardEstimate e = fit.estimate();
        return hazard(e.names(), e.coefficients(), e.link());
    }

    /**
     * The model block of a scenario: the adoption hazard with its frailty sd, and the withdrawal
     * hazard of {@code withdrawal} if not null.
     */
    static ScenarioModel model(LinearIndexHazard adoption, double frailtySd, ModelFit withdrawal) {
        return new ScenarioModel(
                Optional.of(new ModelSource.Coefficients(adoption)),
                withdrawal == null ? Optional.empty() : Optional.of(new ModelSource.Coefficients(hazard(withdrawal))),
                frailtySd > 0 ? OptionalDouble.of(frailtySd) : OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    /**
     * The model block of a counterfactual: the adoption hazard of a frailty fit with each state's
     * frailty drawn from its posterior given its observed history before the start, and the
     * coefficients and the frailty sd drawn per replicate from their estimated sampling distribution
     * (when the fit's covariance is usable; otherwise fixed, as {@code uncertain} then says), and the
     * withdrawal hazard of {@code withdrawal} if not null.
     *
     * @param adoption the hazard of a frailty fit, with its covariance ({@link
     *                 org.normlab.analysis.FitResolver#hazard(org.normlab.estimate.FrailtyEstimate)})
     */
    static ScenarioModel posteriorModel(LinearIndexHazard adoption, ModelFit withdrawal) {
        boolean frailty = adoption.frailtySd() > 0;
        var covariance = adoption.covariance();
        return new ScenarioModel(
                Optional.of(new ModelSource.Coefficients(adoption)),
                withdrawal == null ? Optional.empty() : Optional.of(new ModelSource.Coefficients(hazard(withdrawal))),
                frailty ? OptionalDouble.of(adoption.frailtySd()) : OptionalDouble.empty(),
                OptionalDouble.empty(),
                frailty ? FrailtyMode.POSTERIOR : FrailtyMode.PRIOR,
                covariance.isPresent() && covariance.get().diverged().isEmpty(),
                covariance);
    }

    /** A scenario named {@code id}; its source tree (for the manifest) is the scenario itself. */
    static Scenario scenario(
            String id,
            String instrument,
            ScenarioModel model,
            int start,
            int horizon,
            List<CovariateOverride> overrides,
            List<Incentive> incentives) {
        Scenario bare = new Scenario(
                instrument, model, start, horizon, overrides, incentives, Optional.empty(), null, Optional.of(id));
        return new Scenario(
                instrument,
                model,
                start,
                horizon,
                overrides,
                incentives,
                Optional.empty(),
                ScenarioTree.of(bare),
                Optional.of(id));
    }
}
