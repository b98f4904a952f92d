package org.normlab.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.estimate.EstimationException;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.scenario.ModelResolver;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.LinearIndexHazard;

/**
 * Resolves a scenario's models with the estimation layer: a named specification is fitted on the
 * instrument's risk set (adoption: consent, maximum likelihood; withdrawal: Firth, since withdrawals
 * are few), a saved fit is read by {@link SavedFitReader}.
 * Remembers what it resolved, so a scenario and its baseline share one fit. Not thread safe.
 */
public final class FitResolver implements ModelResolver {
    private final CountryYearData data;
    private final String instrument;
    private final Map<String, LinearIndexHazard> cache = new HashMap<>();

    public FitResolver(CountryYearData data, String instrument) {
        this.data = data;
        this.instrument = instrument;
    }

    @Override
    public LinearIndexHazard resolve(ModelSource source, String path) throws ScenarioException {
        String key = key(source, path);
        LinearIndexHazard cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        LinearIndexHazard h;
        if (source instanceof ModelSource.Coefficients c) {
            h = c.hazard();
        } else if (source instanceof ModelSource.Spec s) {
            boolean withdrawal = path.endsWith("withdrawal");
            try {
                List<String> vars = Models.specVariables(data, s.name(), instrument);
                Link link = s.link().orElse(Link.LOGIT);
                PanelSpec spec =
                        PanelSpec.of(instrument, withdrawal ? Transition.WITHDRAWAL : Transition.CONSENT, vars);
                // Withdrawals are few and a yearly baseline has years without events: both need Firth.
                boolean firth = withdrawal || vars.stream().anyMatch(v -> v.startsWith("year_"));
                HazardEstimator est =
                        HazardEstimator.of().withSeType(SeType.MODEL).withFirth(firth);
                h = hazard(Models.fit(s.name(), new PanelBuilder(data).build(spec), vars, link, est)
                        .estimate());
            } catch (NormlabException | EstimationException e) {
                throw new ScenarioException(null, List.of(path + ".spec: " + e.getMessage()));
            }
        } else {
            h = SavedFitReader.read((ModelSource.Fit) source, path);
        }
        cache.put(key, h);
        return h;
    }

    /** The key of a resolved hazard: the field it came from and its source. */
    static String key(ModelSource source, String path) {
        return path + "|" + source;
    }

    /** Every hazard resolved so far, by {@link #key}: what a cached prepared world must hold. */
    Map<String, LinearIndexHazard> resolved() {
        return Map.copyOf(cache);
    }

    /** The hazard of a fitted model; aliased (NaN) coefficients are left out. */
    public static LinearIndexHazard hazard(HazardEstimate e) {
        Map<String, Double> coefs = new TreeMap<>();
        for (int i = 0; i < e.names().size(); i++) {
            if (!Double.isNaN(e.coefficients()[i])) {
                coefs.put(e.names().get(i), e.coefficients()[i]);
            }
        }
        return LinearIndexHazard.of(coefs, e.link());
    }

    /**
     * Every variable a scenario's world must hold, each with the field that names it: the terms of
     * coefficients given in the file ({@code model.coefficients.NAME}), the terms of saved fits and
     * specifications ({@code model (term NAME)}), threshold costs and overridden variables. Built-in
     * terms are included; the first field naming a variable is kept.
     */
    public Map<String, String> variables(Scenario scenario) throws ScenarioException {
        Map<String, String> out = new LinkedHashMap<>();
        if (scenario.model().adoption().isPresent()) {
            terms(scenario.model().adoption().get(), "model", out);
        }
        if (scenario.model().withdrawal().isPresent()) {
            terms(scenario.model().withdrawal().get(), "model.withdrawal", out);
        }
        scenario.threshold().ifPresent(t -> t.cost().keySet().forEach(k -> out.putIfAbsent(k, "threshold.cost." + k)));
        for (int i = 0; i < scenario.overrides().size(); i++) {
            out.putIfAbsent(scenario.overrides().get(i).variable(), "overrides[" + i + "].variable");
        }
        return out;
    }

    private void terms(ModelSource source, String path, Map<String, String> out) throws ScenarioException {
        for (String term : resolve(source, path).coefficients().keySet()) {
            out.putIfAbsent(
                    term,
                    source instanceof ModelSource.Coefficients
                            ? path + ".coefficients." + term
                            : path + " (term " + term + ")");
        }
    }
}
