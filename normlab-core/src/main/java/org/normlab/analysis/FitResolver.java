package org.normlab.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.estimate.EstimationException;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.FrailtyEstimator;
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
import org.normlab.sim.ParameterCovariance;

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
                if (s.frailty()) {
                    if (firth) {
                        throw new ScenarioException(
                                null,
                                List.of(path + ".spec: " + s.name() + " is fitted with Firth's penalty"
                                        + (withdrawal ? " (withdrawals are few)" : " (it has yearly terms)")
                                        + ", which the frailty model does not take; give frailty_sd instead"));
                    }
                    var panel = new PanelBuilder(data).build(spec);
                    FrailtyEstimate fe = FrailtyEstimator.of()
                            .fit(Models.problem(panel, Models.withMissingFlags(panel, vars), link));
                    h = hazard(fe);
                } else {
                    HazardEstimator est =
                            HazardEstimator.of().withSeType(SeType.MODEL).withFirth(firth);
                    h = hazard(Models.fit(s.name(), new PanelBuilder(data).build(spec), vars, link, est)
                            .estimate());
                }
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

    /**
     * The hazard of a fitted model, with the estimated covariance of its coefficients; aliased (NaN)
     * coefficients are left out.
     */
    public static LinearIndexHazard hazard(HazardEstimate e) {
        Map<String, Double> coefs = new TreeMap<>();
        for (int i = 0; i < e.names().size(); i++) {
            if (!Double.isNaN(e.coefficients()[i])) {
                coefs.put(e.names().get(i), e.coefficients()[i]);
            }
        }
        LinearIndexHazard h = LinearIndexHazard.of(coefs, e.link());
        return withCovariance(h, e.names(), e.covariance(), false);
    }

    /**
     * The hazard of a fitted frailty model: its fixed effects, its σ, and the estimated covariance of
     * the fixed effects and log σ (log σ left out on the boundary σ = 0, where it has none); aliased
     * coefficients are left out.
     */
    public static LinearIndexHazard hazard(FrailtyEstimate e) {
        Map<String, Double> coefs = new TreeMap<>();
        List<String> names = e.coefficientNames();
        double[] beta = e.coefficients();
        for (int i = 0; i < names.size(); i++) {
            if (!Double.isNaN(beta[i])) {
                coefs.put(names.get(i), beta[i]);
            }
        }
        LinearIndexHazard h = new LinearIndexHazard(coefs, e.link(), e.boundary() ? 0.0 : e.sigma());
        List<String> all = new ArrayList<>(names);
        all.add(ParameterCovariance.LOG_FRAILTY_SD);
        return withCovariance(h, all, e.covariance(), !e.boundary());
    }

    /** {@code h} with the covariance of its finite entries; without one when none is usable. */
    private static LinearIndexHazard withCovariance(
            LinearIndexHazard h, List<String> names, double[][] v, boolean logSigma) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            boolean known =
                    h.coefficients().containsKey(n) || (logSigma && n.equals(ParameterCovariance.LOG_FRAILTY_SD));
            if (known && i < v.length && Double.isFinite(v[i][i]) && v[i][i] > 0) {
                keep.add(i);
            }
        }
        if (keep.isEmpty()) {
            return h;
        }
        double[][] m = new double[keep.size()][keep.size()];
        List<String> kept = new ArrayList<>();
        for (int a = 0; a < keep.size(); a++) {
            kept.add(names.get(keep.get(a)));
            for (int b = 0; b < keep.size(); b++) {
                m[a][b] = v[keep.get(a)][keep.get(b)];
            }
        }
        try {
            return h.withCovariance(new ParameterCovariance(kept, m));
        } catch (IllegalArgumentException notPositiveDefinite) {
            return h; // a singular covariance cannot be sampled: the hazard has none, and uncertainty is refused
        }
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
