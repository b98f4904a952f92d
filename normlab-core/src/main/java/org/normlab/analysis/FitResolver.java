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
import org.normlab.formula.Formula;
import org.normlab.formula.ModelMatrix;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.scenario.ModelResolver;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Terms;

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
    /** Model matrices of the formulas of the models, by formula text. */
    private final Map<String, ModelMatrix> matrices = new HashMap<>();
    /** By formula text: the model-matrix columns the models use that are not plain variables. */
    private final Map<String, java.util.Set<String>> derived = new LinkedHashMap<>();

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

    /** The formula whose model-matrix columns a model's coefficients name, if any. */
    private static java.util.Optional<String> formulaOf(ModelSource source, String path) throws ScenarioException {
        if (source instanceof ModelSource.Coefficients c) {
            return c.formula();
        }
        if (source instanceof ModelSource.Fit f) {
            return SavedFitReader.formula(f, path);
        }
        return java.util.Optional.empty();
    }

    /**
     * The model matrix of a formula, its codings (factor levels, polynomial coefficients) learned
     * from the instrument's consent risk set, as {@code normlab fit --formula} learns them with its
     * default options.
     */
    private ModelMatrix matrix(String text, String path) throws ScenarioException {
        ModelMatrix mm = matrices.get(text);
        if (mm != null) {
            return mm;
        }
        try {
            Formula f = Formula.parse(text);
            PanelSpec spec = new PanelSpec(
                    instrument, Transition.CONSENT, 0, 0, Simulations.LAG, f.variables(), MissingPolicy.DROP);
            mm = ModelMatrix.of(f, new PanelBuilder(data).build(spec));
        } catch (NormlabException e) {
            throw new ScenarioException(null, List.of(path + ".formula: " + e.getMessage()));
        }
        matrices.put(text, mm);
        return mm;
    }

    /**
     * The world with the formula columns the models use (those that are not plain variables) added
     * as covariates named as the columns, each computed for every state-year by the formula's model
     * matrix ({@link ModelMatrix#row}) from the world's own values of the variables it reads: time
     * terms as {@link Terms#timeValue} gives them and covariates as the world holds them. A column
     * that reads an exposure other than as a plain term (e.g. {@code log(share_border + 0.01)} or
     * {@code share_global:polyarchy}) is refused: the simulation takes exposures as linear terms,
     * from the simulated world.
     *
     * @throws ScenarioException naming the column and the reason
     */
    public SimWorld withFormulaColumns(SimWorld world) throws ScenarioException {
        Map<String, double[]> add = new LinkedHashMap<>();
        int n = world.stateCount();
        int opening = world.openingYear();
        for (var e : derived.entrySet()) {
            ModelMatrix mm = matrices.get(e.getKey());
            List<String> columns = new java.util.ArrayList<>();
            for (String c : e.getValue()) {
                if (!world.hasCovariate(c) && !add.containsKey(c)) {
                    columns.add(c);
                }
            }
            if (columns.isEmpty()) {
                continue;
            }
            int[] index = columns.stream().mapToInt(mm.names()::indexOf).toArray();
            double[][] values = new double[columns.size()][world.yearCount() * n];
            for (int t = 0; t < world.yearCount(); t++) {
                int year = world.firstYear() + t;
                for (int s = 0; s < n; s++) {
                    final int state = s;
                    double[] row;
                    try {
                        row = mm.row(v -> value(world, v, year, state, opening, Double.NaN));
                    } catch (org.normlab.formula.FormulaException notFitted) {
                        // a category the model was not fitted on (absent from its risk set)
                        throw new ScenarioException(
                                null,
                                List.of("model.formula: " + mm.formula().text() + ": for " + world.iso3(s) + " in "
                                        + year + ", " + notFitted.getMessage()));
                    }
                    double[] probe = null;
                    for (int j = 0; j < columns.size(); j++) {
                        double x = row[index[j]];
                        if (!Double.isFinite(x)) {
                            if (probe == null) {
                                probe = mm.row(v -> value(world, v, year, state, opening, 0.5));
                            }
                            String reason = Double.isFinite(probe[index[j]])
                                    ? "reads an exposure other than as a plain term; the simulation takes exposures"
                                            + " (share_*) as linear terms from the simulated world, so give them as"
                                            + " terms of their own"
                                    : "is undefined for " + world.iso3(s) + " in " + year
                                            + " (transform the variable so that every state-year has a value)";
                            throw new ScenarioException(
                                    null,
                                    List.of("model.formula (column " + columns.get(j) + "): "
                                            + mm.formula().text() + ": " + columns.get(j) + " " + reason));
                        }
                        values[j][t * n + s] = x;
                    }
                }
            }
            for (int j = 0; j < columns.size(); j++) {
                add.put(columns.get(j), values[j]);
            }
        }
        return add.isEmpty() ? world : world.withCovariates(add);
    }

    /** A variable's value in the world for a model-matrix row; {@code exposure} for an exposure. */
    private static double value(SimWorld world, String v, int year, int s, int opening, double exposure) {
        double time = Terms.timeValue(v, year, opening);
        if (!Double.isNaN(time)) {
            return time;
        }
        if (Terms.isBuiltIn(v)) {
            return exposure;
        }
        return world.covariate(v, year, s);
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
        return withCovariance(h, e.names(), e.covariance(), false, e.divergedTerms());
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
        return withCovariance(h, all, e.covariance(), !e.boundary(), e.divergedTerms());
    }

    /**
     * {@code h} with the covariance of its finite entries, marking the {@code diverged} terms; without
     * one when none is usable.
     */
    private static LinearIndexHazard withCovariance(
            LinearIndexHazard h, List<String> names, double[][] v, boolean logSigma, List<String> diverged) {
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
            return h.withCovariance(new ParameterCovariance(
                    kept, m, diverged.stream().filter(kept::contains).toList()));
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
            String v = scenario.overrides().get(i).variable();
            if (!data.levels(v).isEmpty()) {
                throw new ScenarioException(
                        null,
                        List.of("overrides[" + i + "].variable: " + v + " holds text categories, which a number "
                                + "cannot set"));
            }
            out.putIfAbsent(v, "overrides[" + i + "].variable");
        }
        return out;
    }

    private void terms(ModelSource source, String path, Map<String, String> out) throws ScenarioException {
        java.util.Optional<String> formula = formulaOf(source, path);
        ModelMatrix mm = formula.isPresent() ? matrix(formula.get(), path) : null;
        for (String term : resolve(source, path).coefficients().keySet()) {
            if (mm != null
                    && mm.names().contains(term)
                    && !mm.formula().variables().contains(term)) {
                // a column of the formula (an interaction, a transformation, a factor level): the world holds
                // the variables it reads, and the column is computed from them by the model matrix
                derived.computeIfAbsent(formula.get(), k -> new java.util.LinkedHashSet<>())
                        .add(term);
                for (String v : mm.formula().variables()) {
                    out.putIfAbsent(v, path + ".formula (variable " + v + ")");
                }
                continue;
            }
            if (!data.levels(term).isEmpty()) {
                throw new ScenarioException(
                        null,
                        List.of(path + " (term " + term + "): " + term + " holds text categories; give the model "
                                + "a formula with factor(" + term + ") and name its coefficients by the formula's "
                                + "columns"));
            }
            out.putIfAbsent(
                    term,
                    source instanceof ModelSource.Coefficients
                            ? path + ".coefficients." + term
                            : path + " (term " + term + ")");
        }
    }
}
