package org.normlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.RunFrame;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sim.Terms;
import org.normlab.sim.ThresholdModel;
import org.normlab.sim.TieNetwork;
import org.normlab.sim.TransitionModel;

/**
 * A what-if setting of a simulation: the instrument, the model, the simulated years, covariate
 * overrides and incentives, and optionally the threshold model. Read one with
 * {@link ScenarioReader}; check it against a world with {@link #validate}; turn it into a
 * {@link Simulation} with {@link #simulation}, and its baseline (the same without overrides and
 * incentives) with {@link #baseline}. Immutable.
 *
 * @param instrument the instrument's id
 * @param model      the hazards
 * @param start      first simulated year: the opening year replays history, a later year projects
 *                   from the observed status at the start of that year
 * @param horizon    last simulated year
 * @param overrides  covariate overrides, applied in order
 * @param incentives incentives added to the adoption index
 * @param threshold  settings of the threshold model, which then decides adoption
 * @param source     the scenario as given (a JSON tree), for the run manifest
 * @param origin     where the scenario came from (e.g. its file name), to prefix messages
 * @param startAfterData whether the scenario starts in the year after the world's last observed
 *                   status ({@code start: last}); {@link #at} resolves it, and until then {@code start}
 *                   is the horizon
 * @param ties       changes of stored networks (ties added or cut), applied in order
 */
public record Scenario(
        String instrument,
        ScenarioModel model,
        int start,
        int horizon,
        List<CovariateOverride> overrides,
        List<Incentive> incentives,
        Optional<ThresholdSettings> threshold,
        JsonNode source,
        Optional<String> origin,
        boolean startAfterData,
        List<TieChange> ties) {

    public Scenario {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(origin, "origin");
        overrides = List.copyOf(overrides);
        incentives = List.copyOf(incentives);
        ties = List.copyOf(ties);
        source = source == null ? JsonNodeFactory.instance.objectNode() : source.deepCopy();
        if (horizon < start) {
            throw new IllegalArgumentException("horizon " + horizon + " is before start " + start);
        }
        if (model.adoption().isPresent() == threshold.isPresent()) {
            throw new IllegalArgumentException(
                    "adoption needs exactly one of an adoption hazard or the threshold model");
        }
    }

    /** A scenario with a given start year that changes no network. */
    public Scenario(
            String instrument,
            ScenarioModel model,
            int start,
            int horizon,
            List<CovariateOverride> overrides,
            List<Incentive> incentives,
            Optional<ThresholdSettings> threshold,
            JsonNode source,
            Optional<String> origin) {
        this(instrument, model, start, horizon, overrides, incentives, threshold, source, origin, false, List.of());
    }

    /** A scenario that changes no network, starting at a given year or after the data ({@code start: last}). */
    public Scenario(
            String instrument,
            ScenarioModel model,
            int start,
            int horizon,
            List<CovariateOverride> overrides,
            List<Incentive> incentives,
            Optional<ThresholdSettings> threshold,
            JsonNode source,
            Optional<String> origin,
            boolean startAfterData) {
        this(
                instrument,
                model,
                start,
                horizon,
                overrides,
                incentives,
                threshold,
                source,
                origin,
                startAfterData,
                List.of());
    }

    /**
     * A scenario that starts in the year after {@code world}'s last observed status
     * ({@code start: last}), projecting from the status observed at its end; this scenario itself when
     * its start is a given year.
     *
     * @throws ScenarioException when the world holds no observed status or that year is after the horizon
     */
    public Scenario at(SimWorld world) throws ScenarioException {
        if (!startAfterData) {
            return this;
        }
        if (world.lastObservedStatusYear().isEmpty()) {
            throw new ScenarioException(
                    origin.orElse(null),
                    List.of("start: last needs an observed status, which the world does not hold"));
        }
        int first = world.lastObservedStatusYear().getAsInt() + 1;
        if (first > horizon) {
            throw new ScenarioException(
                    origin.orElse(null),
                    List.of("start: last is " + first + " (the year after the last data year), after the horizon "
                            + horizon));
        }
        return new Scenario(
                instrument, model, first, horizon, overrides, incentives, threshold, source, origin, false, ties);
    }

    /**
     * Whether the run covers years the world has observed ({@code start} at or before its last
     * observed status year): its outputs then carry what actually happened beside the simulation.
     */
    public boolean isHistorical(SimWorld world) {
        return !startAfterData
                && world.lastObservedStatusYear().isPresent()
                && start <= world.lastObservedStatusYear().getAsInt();
    }

    /** The scenario as given (a copy). */
    @Override
    public JsonNode source() {
        return source.deepCopy();
    }

    /** This scenario's baseline: the same model and years without overrides, incentives and changes of ties. */
    public Scenario baseline() {
        return new Scenario(
                instrument,
                model,
                start,
                horizon,
                List.of(),
                List.of(),
                threshold,
                source,
                origin,
                startAfterData,
                List.of());
    }

    /**
     * Checks the scenario against a world: the instrument, the years, the states, regions and
     * subregions named, the variables overridden, the terms of coefficients given in the file and
     * their values, and the names of incentives.
     *
     * @throws ScenarioException listing every problem, each with the path of the bad field
     */
    public void validate(SimWorld world) throws ScenarioException {
        if (startAfterData) {
            at(world).validate(world);
            return;
        }
        List<String> problems = new ArrayList<>();
        world.instrument().ifPresent(id -> {
            if (!id.equals(instrument)) {
                problems.add("instrument: " + instrument + " is not this world's instrument (" + id + ")");
            }
        });
        boolean yearsOk = true;
        if (start < world.openingYear()) {
            problems.add("start: " + start + " precedes the opening year " + world.openingYear());
            yearsOk = false;
        } else if (start < world.firstYear() || start > world.lastYear()) {
            problems.add("start: " + start + " is outside the world's years " + years(world));
            yearsOk = false;
        } else {
            try {
                world.statusAtStartOf(start);
            } catch (IllegalArgumentException e) {
                problems.add("start: " + e.getMessage());
                yearsOk = false;
            }
        }
        if (horizon > world.lastYear()) {
            problems.add("horizon: " + horizon + " is after the world's last year " + world.lastYear());
            yearsOk = false;
        }
        RunFrame frame = yearsOk ? RunFrame.of(world, start, horizon) : null;
        model.adoption().ifPresent(m -> checkSource(m, "model", world, frame, problems));
        model.withdrawal().ifPresent(m -> checkSource(m, "model.withdrawal", world, frame, problems));
        threshold.ifPresent(t ->
                t.cost().keySet().forEach(name -> checkTerm(name, "threshold.cost." + name, world, frame, problems)));
        for (int i = 0; i < overrides.size(); i++) {
            CovariateOverride o = overrides.get(i);
            String path = "overrides[" + i + "]";
            checkStates(o.states(), path + ".states", world, problems);
            if (!world.hasCovariate(o.variable())) {
                problems.add(path + ".variable: " + o.variable() + " is not a covariate of the world (known: "
                        + String.join(", ", world.covariateNames()) + ")");
            }
            checkYears(o.years(), path + ".years", world, problems);
        }
        if (model.frailtyMode() == FrailtyMode.POSTERIOR) {
            // The posterior conditions on what was observed before the start: a change there would rewrite it.
            for (int i = 0; i < overrides.size(); i++) {
                if (overrides.get(i).years().from() < start) {
                    problems.add(
                            "overrides[" + i + "].years: " + overrides.get(i).years() + " begins before start " + start
                                    + "; with model.frailty: posterior the years before the start stay as observed");
                }
            }
            for (int i = 0; i < incentives.size(); i++) {
                if (incentives.get(i).years().from() < start) {
                    problems.add("incentives[" + i + "].years: "
                            + incentives.get(i).years() + " begins before start " + start
                            + "; with model.frailty: posterior the years before the start stay as observed");
                }
            }
        }
        for (String name : world.covariateNames()) {
            checkValues(world, name, world.covariateValues(name), "covariate " + name + ": the data give", problems);
        }
        for (int i = 0; i < ties.size(); i++) {
            TieChange x = ties.get(i);
            String path = "ties[" + i + "]";
            if (world.ties(x.kind()).isEmpty()) {
                problems.add(path + ".kind: the world holds no ties of kind " + x.kind()
                        + " (a network enters the world with the model's term share_ties_" + x.kind()
                        + "; the world holds: "
                        + (world.tieKinds().isEmpty() ? "none" : String.join(", ", world.tieKinds())) + ")");
            }
            checkPairs(x.add(), path + ".add", world, problems);
            checkPairs(x.remove(), path + ".remove", world, problems);
            checkYears(x.years(), path + ".years", world, problems);
        }
        for (int i = 0; i < incentives.size(); i++) {
            Incentive x = incentives.get(i);
            String path = "incentives[" + i + "]";
            if (world.hasCovariate(x.name())) {
                problems.add(path + ".name: " + x.name() + " is already a covariate of the world");
            } else if (Terms.isBuiltIn(x.name())) {
                problems.add(path + ".name: " + x.name() + " is a built-in term");
            }
            checkStates(x.states(), path + ".states", world, problems);
            checkYears(x.years(), path + ".years", world, problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(origin.orElse(null), problems);
        }
    }

    /**
     * The world with this scenario applied: a copy whose covariates carry the overrides, in order,
     * and one indicator covariate per incentive. The given world is not changed.
     *
     * @throws ScenarioException if the scenario does not {@link #validate} against the world
     */
    public SimWorld apply(SimWorld world) throws ScenarioException {
        if (startAfterData) {
            return at(world).apply(world);
        }
        validate(world);
        int n = world.stateCount();
        Map<String, double[]> changed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            CovariateOverride o = overrides.get(i);
            double[] v = changed.computeIfAbsent(o.variable(), world::covariateValues);
            boolean[] selected = select(o.states(), world);
            for (int year = o.years().from(); year <= o.years().to(); year++) {
                int t = year - world.firstYear();
                for (int s = 0; s < n; s++) {
                    if (selected[s]) {
                        v[t * n + s] = o.change().apply(v[t * n + s]);
                    }
                }
            }
            // A delta can carry a value out of range (in the end to Infinity): refused, not simulated.
            String field = "overrides[" + i + "]."
                    + (o.change() instanceof CovariateOverride.Change.SetTo ? "value" : "delta");
            checkValues(world, o.variable(), v, field + ": gives", problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(origin.orElse(null), problems);
        }
        for (Incentive x : incentives) {
            double[] v = new double[world.yearCount() * n];
            boolean[] selected = select(x.states(), world);
            for (int year = x.years().from(); year <= x.years().to(); year++) {
                int t = year - world.firstYear();
                for (int s = 0; s < n; s++) {
                    if (selected[s]) {
                        v[t * n + s] = 1.0;
                    }
                }
            }
            changed.put(x.name(), v);
        }
        SimWorld out = changed.isEmpty() ? world : world.withCovariates(changed);
        if (!ties.isEmpty()) {
            Map<String, TieNetwork> networks = new TreeMap<>();
            for (TieChange x : ties) {
                TieNetwork net =
                        networks.getOrDefault(x.kind(), world.ties(x.kind()).orElseThrow());
                networks.put(
                        x.kind(),
                        net.with(
                                indices(x.add(), world),
                                indices(x.remove(), world),
                                x.years().from(),
                                x.years().to()));
            }
            out = out.withTies(networks);
        }
        return out;
    }

    private static List<int[]> indices(List<List<String>> pairs, SimWorld world) {
        List<int[]> out = new ArrayList<>();
        for (List<String> p : pairs) {
            out.add(new int[] {world.indexOf(p.get(0)), world.indexOf(p.get(1))});
        }
        return out;
    }

    private static void checkPairs(List<List<String>> pairs, String path, SimWorld world, List<String> problems) {
        for (int j = 0; j < pairs.size(); j++) {
            for (int e = 0; e < 2; e++) {
                String code = pairs.get(j).get(e);
                if (world.indexOf(code) < 0) {
                    problems.add(path + "[" + j + "][" + e + "]: " + code + " is not a known state");
                }
            }
        }
    }

    /**
     * The simulation this scenario describes on {@code world}: the world with the scenario applied,
     * the adoption model (the resolved hazard plus the incentive terms, or the threshold model with
     * incentives lowering the thresholds) and the withdrawal hazard if any. A hazard's
     * {@code frailty_sd}, if the scenario gives one, is applied after resolution, so it also holds
     * for saved fits and specifications.
     *
     * @param resolver turns fits and specifications into hazards
     * @throws ScenarioException if the scenario does not validate or a model cannot be resolved or
     *                           evaluated on the world
     */
    public Simulation simulation(SimWorld world, ModelResolver resolver) throws ScenarioException {
        if (startAfterData) {
            return at(world).simulation(world, resolver);
        }
        SimWorld applied = apply(world);
        Map<String, Double> incentiveTerms = new TreeMap<>();
        Map<String, String> ties = new TreeMap<>();
        LinearIndexHazard fitted = null;
        for (int i = 0; i < incentives.size(); i++) {
            Incentive x = incentives.get(i);
            double coefficient = x.coefficient();
            if (x.like().isPresent()) {
                String field = "incentives[" + i + "].coefficient.term";
                if (threshold.isPresent()) {
                    throw new ScenarioException(
                            origin.orElse(null),
                            List.of(field + ": the threshold model has no coefficients to take; give a number"));
                }
                if (fitted == null) {
                    fitted = resolved(model.adoption().get(), model.adoptionFrailty(), "model", resolver, world);
                }
                Double c = fitted.coefficients().get(x.like().get());
                if (c == null) {
                    throw new ScenarioException(
                            origin.orElse(null),
                            List.of(field + ": " + x.like().get() + " is not a term of the adoption model (terms: "
                                    + String.join(", ", fitted.coefficients().keySet()) + ")"));
                }
                coefficient = c;
                ties.put(x.name(), x.like().get());
            }
            incentiveTerms.put(x.name(), coefficient);
        }
        TransitionModel adoption;
        if (threshold.isPresent()) {
            ThresholdSettings t = threshold.get();
            adoption = ThresholdModel.of(t.mean(), t.sd())
                    .withExposure(t.exposure())
                    .withCost(t.cost())
                    .withIncentives(incentiveTerms);
        } else {
            LinearIndexHazard h =
                    resolved(model.adoption().orElseThrow(), model.adoptionFrailty(), "model", resolver, world);
            for (String name : incentiveTerms.keySet()) {
                if (h.coefficients().containsKey(name)) {
                    throw new ScenarioException(
                            origin.orElse(null),
                            List.of("incentives: " + name + " is already a term of the adoption model"));
                }
            }
            adoption = h.withTerms(incentiveTerms).withTies(ties);
        }
        Simulation sim = new Simulation(applied, start, horizon, adoption, Optional.empty());
        if (model.withdrawal().isPresent()) {
            sim = sim.withWithdrawal(
                    resolved(model.withdrawal().get(), model.withdrawalFrailty(), "model.withdrawal", resolver, world));
        }
        return sim;
    }

    /** The resolved hazard, with the scenario's frailty if it gives one (for any source). */
    private LinearIndexHazard resolved(
            ModelSource source, OptionalDouble frailty, String path, ModelResolver resolver, SimWorld world)
            throws ScenarioException {
        LinearIndexHazard h;
        try {
            h = resolver.resolve(source, path);
        } catch (ScenarioException e) {
            throw new ScenarioException(origin.orElse(null), e.problems());
        }
        if (!(source instanceof ModelSource.Coefficients)) {
            List<String> problems = new ArrayList<>();
            RunFrame frame = RunFrame.of(world, start, horizon);
            for (Map.Entry<String, Double> e : h.coefficients().entrySet()) {
                checkTerm(e.getKey(), path + " (term " + e.getKey() + ")", world, frame, problems);
                if (!ScenarioLimits.isCoefficient(e.getValue())) {
                    problems.add(path + " (term " + e.getKey() + "): the coefficient "
                            + ScenarioLimits.number(e.getValue()) + " is " + ScenarioLimits.coefficientReason());
                }
            }
            if (!problems.isEmpty()) {
                throw new ScenarioException(origin.orElse(null), problems);
            }
        }
        if (frailty.isPresent()) {
            h = h.withFrailty(frailty.getAsDouble());
            // σ given in the file replaces the fit's: it is then not drawn.
            if (h.covariance().isPresent() && h.covariance().get().hasFrailty()) {
                h = h.withCovariance(
                        h.covariance().get().restrictedTo(h.coefficients().keySet()));
            }
        }
        if (path.equals("model")) {
            h = adoptionSettings(h);
        }
        return h;
    }

    /** The adoption hazard with the scenario's {@code model.frailty}, {@code covariance} and {@code uncertainty}. */
    private LinearIndexHazard adoptionSettings(LinearIndexHazard h) throws ScenarioException {
        List<String> problems = new ArrayList<>();
        if (model.covariance().isPresent()) {
            try {
                h = h.withCovariance(model.covariance().get());
            } catch (IllegalArgumentException e) {
                problems.add("model.covariance: " + e.getMessage());
            }
        }
        if (model.frailtyMode() == FrailtyMode.POSTERIOR) {
            if (h.frailtySd() == 0) {
                problems.add("model.frailty: posterior needs a frailty sd σ > 0: give frailty_sd, or a fit or"
                        + " specification with a frailty");
            }
            h = h.withFrailtyMode(FrailtyMode.POSTERIOR);
        }
        if (model.uncertainty()) {
            if (h.covariance().isEmpty()) {
                problems.add("model.uncertainty: coefficients needs the covariance of the estimates: "
                        + (model.adoption().orElseThrow() instanceof ModelSource.Coefficients
                                ? "give model.covariance with the coefficients"
                                : "the saved fit holds none; use a specification or give coefficients with their"
                                        + " covariance"));
            } else if (!h.covariance().get().diverged().isEmpty()) {
                problems.add("model.uncertainty: the estimates of "
                        + String.join(", ", h.covariance().get().diverged())
                        + " diverged (the risk set separates the events on them), so draws from their covariance "
                        + "mean nothing: refit with Firth's penalty (fit --firth) and use that fit");
            } else {
                h = h.withParameterSampling(true);
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(origin.orElse(null), problems);
        }
        return h;
    }

    /**
     * Adds one problem if a covariate's values leave {@link ScenarioLimits#MAX_VALUE}: the first
     * offending state-year, so that η stays finite.
     */
    private static void checkValues(
            SimWorld world, String name, double[] values, String prefix, List<String> problems) {
        int n = world.stateCount();
        for (int i = 0; i < values.length; i++) {
            if (!ScenarioLimits.isValue(values[i])) {
                problems.add(prefix + " " + name + " = " + ScenarioLimits.number(values[i]) + " for "
                        + world.iso3(i % n) + " in " + (world.firstYear() + i / n) + ", "
                        + ScenarioLimits.valueReason());
                return;
            }
        }
    }

    private static void checkSource(ModelSource m, String path, SimWorld world, RunFrame frame, List<String> problems) {
        if (m instanceof ModelSource.Coefficients c) {
            for (String term : c.hazard().coefficients().keySet()) {
                checkTerm(term, path + ".coefficients." + term, world, frame, problems);
            }
        }
    }

    private static void checkTerm(String term, String path, SimWorld world, RunFrame frame, List<String> problems) {
        String kind = Terms.tieKind(term);
        if (kind != null && world.ties(kind).isEmpty()) {
            problems.add(path + ": the world holds no ties of kind " + kind + " (kinds: "
                    + (world.tieKinds().isEmpty() ? "none" : String.join(", ", world.tieKinds())) + ")");
            return;
        }
        if (Terms.isBuiltIn(term)) {
            return;
        }
        if (!world.hasCovariate(term)) {
            problems.add(path + ": unknown term: neither a built-in term (" + Terms.builtInList()
                    + ") nor a covariate of the world");
            return;
        }
        if (frame != null) {
            try {
                frame.term(term);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
    }

    private static void checkStates(List<StateSelector> states, String path, SimWorld world, List<String> problems) {
        for (int j = 0; j < states.size(); j++) {
            StateSelector sel = states.get(j);
            String p = path + "[" + j + "]";
            if (sel instanceof StateSelector.State st && world.indexOf(st.iso3()) < 0) {
                problems.add(p + ": " + st.iso3() + " is not a known state");
            } else if (sel instanceof StateSelector.Region r
                    && !names(world, true).contains(r.name())) {
                problems.add(p + ": " + r.name() + " is not a region of the world (known: "
                        + String.join(", ", names(world, true)) + ")");
            } else if (sel instanceof StateSelector.Subregion r
                    && !names(world, false).contains(r.name())) {
                problems.add(p + ": " + r.name() + " is not a subregion of the world (known: "
                        + String.join(", ", names(world, false)) + ")");
            }
        }
    }

    private static void checkYears(YearRange years, String path, SimWorld world, List<String> problems) {
        if (years.from() < world.firstYear() || years.to() > world.lastYear()) {
            problems.add(path + ": " + years + " reaches outside the world's years " + years(world));
        }
    }

    private static String years(SimWorld world) {
        return world.firstYear() + "-" + world.lastYear();
    }

    private static List<String> names(SimWorld world, boolean regions) {
        TreeMap<String, Boolean> seen = new TreeMap<>();
        for (int s = 0; s < world.stateCount(); s++) {
            seen.put(regions ? world.region(s) : world.subregion(s), true);
        }
        return List.copyOf(seen.keySet());
    }

    private static boolean[] select(List<StateSelector> states, SimWorld world) {
        boolean[] out = new boolean[world.stateCount()];
        for (int s = 0; s < out.length; s++) {
            for (StateSelector sel : states) {
                if (sel.matches(world, s)) {
                    out[s] = true;
                    break;
                }
            }
        }
        return out;
    }
}
