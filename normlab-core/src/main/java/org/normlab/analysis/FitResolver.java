package org.normlab.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Resolves a scenario's models with the estimation layer: a named specification is fitted on the
 * instrument's risk set (adoption: consent, maximum likelihood; withdrawal: Firth, since withdrawals
 * are few), a saved fit is read from the JSON that {@code normlab fit --format json} writes.
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
        String key = path + "|" + source;
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
                PanelSpec spec = PanelSpec.of(instrument, withdrawal ? Transition.WITHDRAWAL : Transition.CONSENT, vars);
                // Withdrawals are few and a yearly baseline has years without events: both need Firth.
                boolean firth = withdrawal || vars.stream().anyMatch(v -> v.startsWith("year_"));
                HazardEstimator est = HazardEstimator.of().withSeType(SeType.MODEL).withFirth(firth);
                h = hazard(Models.fit(s.name(), new PanelBuilder(data).build(spec), vars, link, est).estimate());
            } catch (NormlabException | EstimationException e) {
                throw new ScenarioException(null, List.of(path + ".spec: " + e.getMessage()));
            }
        } else {
            ModelSource.Fit f = (ModelSource.Fit) source;
            try {
                h = fromJson(new ObjectMapper().readTree(Files.readString(f.path())), path);
            } catch (IOException e) {
                throw new ScenarioException(null, List.of(path + ".fit: cannot read " + f.path() + ": " + e.getMessage()));
            }
        }
        cache.put(key, h);
        return h;
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

    /** Reads a saved fit: the JSON object of {@code normlab fit --format json}. */
    static LinearIndexHazard fromJson(JsonNode fit, String path) throws ScenarioException {
        if (!fit.has("coefficients") || !fit.get("coefficients").isArray() || !fit.has("link")) {
            throw new ScenarioException(null, List.of(path + ".fit: not a saved fit (expected the JSON of "
                    + "normlab fit --format json, with coefficients and link)"));
        }
        Map<String, Double> coefs = new TreeMap<>();
        for (JsonNode c : fit.get("coefficients")) {
            if (c.hasNonNull("estimate")) {
                coefs.put(c.get("name").asText(), c.get("estimate").asDouble());
            }
        }
        try {
            return LinearIndexHazard.of(coefs, Link.parse(fit.get("link").asText()));
        } catch (EstimationException | IllegalArgumentException e) {
            throw new ScenarioException(null, List.of(path + ".fit: " + e.getMessage()));
        }
    }

    /** Every variable a scenario's world must hold: model terms, overridden variables. */
    public Set<String> variables(Scenario scenario) throws ScenarioException {
        Set<String> out = new LinkedHashSet<>();
        if (scenario.model().adoption().isPresent()) {
            out.addAll(resolve(scenario.model().adoption().get(), "model").coefficients().keySet());
        }
        if (scenario.model().withdrawal().isPresent()) {
            out.addAll(resolve(scenario.model().withdrawal().get(), "model.withdrawal").coefficients().keySet());
        }
        scenario.threshold().ifPresent(t -> out.addAll(t.cost().keySet()));
        scenario.overrides().forEach(o -> out.add(o.variable()));
        return out;
    }
}
