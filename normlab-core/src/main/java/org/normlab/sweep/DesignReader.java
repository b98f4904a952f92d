package org.normlab.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.normlab.scenario.FieldReader;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sweep.SweepDesign.DesignType;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Output;
import org.normlab.sweep.SweepDesign.Parameter;
import org.normlab.sweep.SweepDesign.Response;

/**
 * Reads sweep designs (YAML or JSON, see {@code docs/sweeps.md}) and checks them strictly: syntax,
 * required and unknown fields, types, ranges, the rules between fields, the scenario files named,
 * and that every parameter's path leads to a number of every scenario (the scenario with the
 * parameter set is read again, so it is checked like any scenario). Every problem is reported at
 * once, each with the path of the bad field, in a {@link ScenarioException}. Stateless.
 */
public final class DesignReader {
    /** Most points a design may have. */
    public static final int MAX_POINTS = 1_000_000;
    /** Most replicates per point and scenario. */
    public static final int MAX_REPLICATES = 1_000_000;

    private static final Set<String> ROOT =
            Set.of("scenarios", "seed", "replicates", "design", "parameters", "outputs", "sensitivity");
    private static final Set<String> DESIGN = Set.of("type", "points");
    private static final Set<String> RANGE = Set.of("from", "to");
    private static final Set<String> SENSITIVITY = Set.of("scenario", "statistic", "year", "bootstrap");
    private static final Set<String> CALIBRATION_ROOT =
            Set.of("scenarios", "seed", "replicates", "parameters", "calibrate");
    private static final Set<String> CALIBRATE =
            Set.of("method", "particles", "generations", "draws", "quantile", "years");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DesignReader() {}

    /** Reads a design file; {@code .yaml}/{@code .yml} is YAML, {@code .json} is JSON. Scenario paths are relative to its folder. */
    public static SweepDesign read(Path file) throws ScenarioException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".json")) {
            throw new ScenarioException(name, List.of("a design file must end in .yaml, .yml or .json"));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name, List.of("cannot be read: " + e.getMessage()));
        }
        return parse(text, yaml, name, file.toAbsolutePath().getParent());
    }

    /**
     * Reads a calibration design: {@code scenarios} (exactly one), {@code seed}, {@code replicates},
     * {@code parameters} (ranges are the uniform priors, single values are held) and a
     * {@code calibrate} section (see {@code docs/sweeps.md}).
     */
    public static CalibrationDesign readCalibration(Path file) throws ScenarioException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".json")) {
            throw new ScenarioException(name, List.of("a design file must end in .yaml, .yml or .json"));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name, List.of("cannot be read: " + e.getMessage()));
        }
        return parseCalibration(text, yaml, name, file.toAbsolutePath().getParent());
    }

    /** Parses calibration design text, as {@link #readCalibration}. */
    public static CalibrationDesign parseCalibration(String text, boolean yaml, String source, Path folder)
            throws ScenarioException {
        JsonNode root = tree(text, yaml, source);
        Walker w = new Walker(folder);
        CalibrationDesign d = w.calibration(root, source);
        if (!w.problems().isEmpty()) {
            throw new ScenarioException(source, w.problems());
        }
        return d;
    }

    private static JsonNode tree(String text, boolean yaml, String source) throws ScenarioException {
        JsonNode root;
        try {
            ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : "line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": ";
            throw new ScenarioException(
                    source,
                    List.of(where + (yaml ? "YAML" : "JSON") + " syntax error: "
                            + e.getOriginalMessage().lines().findFirst().orElse("unreadable")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(source, List.of("the design is empty"));
        }
        return root;
    }

    /**
     * Parses design text.
     *
     * @param yaml   YAML (else JSON)
     * @param source name used in messages, or null
     * @param folder the folder scenario paths are resolved against
     */
    public static SweepDesign parse(String text, boolean yaml, String source, Path folder) throws ScenarioException {
        JsonNode root = tree(text, yaml, source);
        if (root.isObject() && root.has("calibrate")) {
            throw new ScenarioException(
                    source, List.of("calibrate: a calibration design; run it with normlab calibrate"));
        }
        Walker w = new Walker(folder);
        SweepDesign d = w.design(root, source);
        if (!w.problems().isEmpty()) {
            throw new ScenarioException(source, w.problems());
        }
        return d;
    }

    private static final class Walker extends FieldReader {
        final Path folder;

        Walker(Path folder) {
            this.folder = folder;
        }

        SweepDesign design(JsonNode root, String source) {
            if (!root.isObject()) {
                problem("", "a design must be an object with fields " + sorted(ROOT) + "; got " + kind(root));
                return null;
            }
            ObjectNode o = (ObjectNode) root;
            fields(o, "", ROOT);
            List<NamedScenario> scenarios = scenarios(o.get("scenarios"));
            long seed = 1;
            if (o.has("seed")) {
                JsonNode s = o.get("seed");
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    problem("seed", "expected a whole number; got " + kind(s));
                } else {
                    seed = s.asLong();
                }
            }
            Integer replicates = bounded(o, "replicates", "replicates", 1, MAX_REPLICATES, true);
            DesignType type = null;
            Integer size = 0;
            JsonNode d = o.get("design");
            if (d == null) {
                problem("design", "required field is missing");
            } else if (object(d, "design", DESIGN)) {
                String t = requiredString((ObjectNode) d, "type", "design.type");
                if (t != null) {
                    try {
                        type = DesignType.valueOf(t.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problem("design.type", t + " is not a design (expected grid, random, lhs or saltelli)");
                    }
                }
                if (type == DesignType.GRID) {
                    if (d.has("points")) {
                        problem("design.points", "a grid has the points its lists make; leave points out");
                    }
                } else if (type != null) {
                    size = bounded((ObjectNode) d, "points", "design.points", 1, MAX_POINTS, true);
                }
            }
            List<Parameter> parameters = parameters(o.get("parameters"), type);
            Set<Output> outputs = outputs(o.get("outputs"));
            Optional<Response> response = Optional.empty();
            if (o.has("sensitivity")) {
                response = Optional.ofNullable(response(o.get("sensitivity"), scenarios));
            }
            if (type != null && parameters != null && size != null) {
                long points = DesignPoints.count(type, size, parameters);
                if (points > MAX_POINTS) {
                    problem("design", "the design has " + points + " points; at most " + MAX_POINTS + " are allowed");
                }
                if (type != DesignType.GRID && parameters.stream().noneMatch(Parameter::isRange)) {
                    problem("parameters", "a " + type.label() + " design needs at least one range {from, to}");
                }
            }
            if (scenarios != null && parameters != null) {
                for (Parameter p : parameters) {
                    for (NamedScenario s : scenarios) {
                        // Both ends of a range, every listed value: each must make a scenario.
                        for (double v : p.isRange() ? List.of(p.from(), p.to()) : p.values()) {
                            check(s, p.path(), v);
                        }
                    }
                }
            }
            if (!problems().isEmpty() || type == null || replicates == null || size == null) {
                return null;
            }
            return new SweepDesign(
                    scenarios,
                    type,
                    size,
                    parameters,
                    replicates,
                    seed,
                    outputs,
                    response,
                    root,
                    Optional.ofNullable(source));
        }

        CalibrationDesign calibration(JsonNode root, String source) {
            if (!root.isObject()) {
                problem(
                        "",
                        "a calibration design must be an object with fields " + sorted(CALIBRATION_ROOT) + "; got "
                                + kind(root));
                return null;
            }
            ObjectNode o = (ObjectNode) root;
            fields(o, "", CALIBRATION_ROOT);
            List<NamedScenario> scenarios = scenarios(o.get("scenarios"));
            if (scenarios != null && scenarios.size() != 1) {
                problem("scenarios", "a calibration fits one scenario; got " + scenarios.size());
                scenarios = null;
            }
            long seed = 1;
            if (o.has("seed")) {
                JsonNode s = o.get("seed");
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    problem("seed", "expected a whole number; got " + kind(s));
                } else {
                    seed = s.asLong();
                }
            }
            Integer replicates = bounded(o, "replicates", "replicates", 1, MAX_REPLICATES, true);
            List<Parameter> parameters = parameters(o.get("parameters"), DesignType.RANDOM);
            if (parameters != null && parameters.stream().noneMatch(Parameter::isRange)) {
                problem("parameters", "a calibration needs at least one range {from, to} (its uniform prior)");
            }
            JsonNode c = o.get("calibrate");
            CalibrationDesign.Method method = null;
            Integer particles = null;
            Integer generations = 3;
            Integer draws = null;
            Double quantile = 0.5;
            Optional<org.normlab.scenario.YearRange> years = Optional.empty();
            if (c == null) {
                problem("calibrate", "required field is missing");
            } else if (object(c, "calibrate", CALIBRATE)) {
                ObjectNode co = (ObjectNode) c;
                String m = requiredString(co, "method", "calibrate.method");
                if (m != null) {
                    try {
                        method = CalibrationDesign.Method.valueOf(m.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problem("calibrate.method", m + " is not a method (expected rejection or smc)");
                    }
                }
                particles = bounded(co, "particles", "calibrate.particles", 2, 100_000, true);
                if (co.has("generations")) {
                    generations = bounded(co, "generations", "calibrate.generations", 0, 100, false);
                    if (method == CalibrationDesign.Method.REJECTION) {
                        problem("calibrate.generations", "rejection has no generations; leave it out");
                    }
                }
                if (co.has("draws")) {
                    draws = bounded(co, "draws", "calibrate.draws", 2, MAX_POINTS, false);
                    if (method == CalibrationDesign.Method.SMC) {
                        problem("calibrate.draws", "smc starts from particles prior draws; draws are for rejection");
                    }
                } else if (method == CalibrationDesign.Method.REJECTION) {
                    problem("calibrate.draws", "required field is missing (the prior draws of rejection)");
                }
                if (co.has("quantile")) {
                    quantile = number(co.get("quantile"), "calibrate.quantile");
                    if (quantile != null && !(quantile > 0 && quantile < 1)) {
                        problem("calibrate.quantile", quantile + " is not strictly between 0 and 1");
                        quantile = null;
                    }
                }
                if (co.has("years")) {
                    JsonNode y = co.get("years");
                    if (object(y, "calibrate.years", RANGE)) {
                        Integer from = bounded((ObjectNode) y, "from", "calibrate.years.from", 1, 9999, true);
                        Integer to = bounded((ObjectNode) y, "to", "calibrate.years.to", 1, 9999, true);
                        if (from != null && to != null) {
                            if (to < from) {
                                problem("calibrate.years", from + "-" + to + " is an empty range");
                            } else {
                                years = Optional.of(new org.normlab.scenario.YearRange(from, to));
                            }
                        }
                    }
                }
                if (method == CalibrationDesign.Method.REJECTION
                        && particles != null
                        && draws != null
                        && quantile != null
                        && Math.round(quantile * draws) < 2) {
                    problem("calibrate.quantile", "keeps fewer than 2 of " + draws + " draws");
                }
            }
            if (scenarios != null && parameters != null) {
                for (Parameter p : parameters) {
                    check(
                            scenarios.get(0),
                            p.path(),
                            p.isRange() ? p.from() : p.values().get(0));
                    if (p.isRange()) {
                        check(scenarios.get(0), p.path(), p.to());
                    }
                }
            }
            if (!problems().isEmpty()
                    || method == null
                    || particles == null
                    || generations == null
                    || quantile == null
                    || replicates == null) {
                return null;
            }
            return new CalibrationDesign(
                    scenarios.get(0),
                    parameters,
                    replicates,
                    seed,
                    method,
                    particles,
                    generations,
                    draws == null ? 0 : draws,
                    quantile,
                    years,
                    root,
                    Optional.ofNullable(source));
        }

        /** The scenario with the parameter set must still be a scenario. */
        void check(NamedScenario s, String path, double value) {
            String at = "parameters." + path;
            try {
                ObjectNode tree = (ObjectNode) JSON.readTree(s.json());
                Optional<String> why = ScenarioPaths.set(tree, path, value);
                if (why.isPresent()) {
                    problem(at, s.name() + ": " + why.get());
                    return;
                }
                ScenarioReader.parse(
                        JSON.writeValueAsString(tree), ScenarioReader.Format.JSON, null, Path.of(s.folder()));
            } catch (ScenarioException e) {
                for (String p : e.problems()) {
                    problem(at, s.name() + " with " + path + " = " + value + ": " + p);
                }
            } catch (IOException e) {
                problem(at, s.name() + ": " + e.getMessage());
            }
        }

        List<NamedScenario> scenarios(JsonNode n) {
            if (n == null) {
                problem("scenarios", "required field is missing");
                return null;
            }
            if (!n.isArray() || n.isEmpty()) {
                problem("scenarios", "expected a list of scenario files; got " + kind(n));
                return null;
            }
            List<NamedScenario> out = new ArrayList<>();
            Map<String, Integer> names = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                String path = "scenarios[" + i + "]";
                String f = string(n.get(i), path);
                if (f == null) {
                    ok = false;
                    continue;
                }
                Path file = folder == null ? Path.of(f) : folder.resolve(f);
                Scenario sc;
                try {
                    sc = ScenarioReader.read(file);
                } catch (ScenarioException e) {
                    e.problems().forEach(p -> problem(path, f + ": " + p));
                    ok = false;
                    continue;
                }
                String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                Integer before = names.putIfAbsent(name, i);
                if (before != null) {
                    problem(path, name + " already names scenarios[" + before + "]");
                    ok = false;
                    continue;
                }
                try {
                    out.add(new NamedScenario(
                            name,
                            JSON.writeValueAsString(sc.source()),
                            file.toAbsolutePath().getParent().toString()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ok ? out : null;
        }

        List<Parameter> parameters(JsonNode n, DesignType type) {
            if (n == null) {
                problem("parameters", "required field is missing");
                return null;
            }
            if (!n.isObject() || n.isEmpty()) {
                problem("parameters", "expected an object of field paths to values or ranges; got " + kind(n));
                return null;
            }
            List<Parameter> out = new ArrayList<>();
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "parameters." + e.getKey();
                JsonNode v = e.getValue();
                if (!ScenarioPaths.wellFormed(e.getKey())) {
                    problem(path, "not a field path (expected names separated by dots, e.g. model.frailty_sd)");
                    ok = false;
                } else if (v.isNumber()) {
                    Double x = number(v, path);
                    if (x == null) {
                        ok = false;
                    } else {
                        out.add(Parameter.of(e.getKey(), List.of(x)));
                    }
                } else if (v.isArray()) {
                    List<Double> xs = new ArrayList<>();
                    boolean good = true;
                    for (int i = 0; i < v.size(); i++) {
                        Double x = number(v.get(i), path + "[" + i + "]");
                        if (x == null) {
                            good = false;
                        } else {
                            xs.add(x);
                        }
                    }
                    if (v.isEmpty()) {
                        problem(path, "an empty list");
                    } else if (type != null && type != DesignType.GRID && v.size() > 1) {
                        problem(path, "a " + type.label() + " design samples ranges {from, to}; lists are for grids");
                    } else if (good) {
                        out.add(Parameter.of(e.getKey(), xs));
                    }
                } else if (v.isObject()) {
                    if (type == DesignType.GRID) {
                        problem(path, "a grid scans lists of values; ranges are for random, lhs and saltelli designs");
                        ok = false;
                        continue;
                    }
                    if (!object(v, path, RANGE)) {
                        ok = false;
                        continue;
                    }
                    Double from = requiredNumber((ObjectNode) v, "from", path + ".from");
                    Double to = requiredNumber((ObjectNode) v, "to", path + ".to");
                    if (from == null || to == null) {
                        ok = false;
                    } else if (!(to > from)) {
                        problem(path, "the range " + from + " to " + to + " is empty (to must exceed from)");
                        ok = false;
                    } else {
                        out.add(Parameter.range(e.getKey(), from, to));
                    }
                } else {
                    problem(path, "expected a number, a list of numbers or a range {from, to}; got " + kind(v));
                    ok = false;
                }
            }
            // The good parameters are checked against the scenarios even when others are bad.
            return out;
        }

        Set<Output> outputs(JsonNode n) {
            if (n == null) {
                problem("outputs", "required field is missing");
                return null;
            }
            if (!n.isArray() || n.isEmpty()) {
                problem("outputs", "expected a list of outputs (" + outputNames() + "); got " + kind(n));
                return null;
            }
            Set<Output> out = EnumSet.noneOf(Output.class);
            for (int i = 0; i < n.size(); i++) {
                String s = string(n.get(i), "outputs[" + i + "]");
                if (s == null) {
                    continue;
                }
                try {
                    if (!out.add(Output.valueOf(s.toUpperCase(Locale.ROOT)))) {
                        problem("outputs[" + i + "]", s + " is listed twice");
                    }
                } catch (IllegalArgumentException e) {
                    problem("outputs[" + i + "]", s + " is not an output (expected one of: " + outputNames() + ")");
                }
            }
            return out;
        }

        Response response(JsonNode n, List<NamedScenario> scenarios) {
            if (!object(n, "sensitivity", SENSITIVITY)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            String scenario = scenarios == null || scenarios.isEmpty()
                    ? null
                    : scenarios.get(0).name();
            if (o.has("scenario")) {
                scenario = string(o.get("scenario"), "sensitivity.scenario");
                if (scenario != null
                        && scenarios != null
                        && scenarios.stream()
                                .noneMatch(
                                        s -> s.name().equals(o.get("scenario").asText()))) {
                    problem(
                            "sensitivity.scenario",
                            scenario + " is not a scenario of the design (known: "
                                    + String.join(
                                            ", ",
                                            scenarios.stream()
                                                    .map(NamedScenario::name)
                                                    .toList()) + ")");
                    scenario = null;
                }
            }
            String statistic =
                    o.has("statistic") ? string(o.get("statistic"), "sensitivity.statistic") : "parties_mean";
            if (statistic != null && !Summaries.STATISTICS.contains(statistic)) {
                problem(
                        "sensitivity.statistic",
                        statistic + " is not a statistic (expected one of: " + String.join(", ", Summaries.STATISTICS)
                                + ")");
                statistic = null;
            }
            OptionalInt year = OptionalInt.empty();
            if (o.has("year")) {
                Integer y = bounded(o, "year", "sensitivity.year", 1, 9999, false);
                year = y == null ? OptionalInt.empty() : OptionalInt.of(y);
            }
            if (statistic != null && Summaries.YEARLY.contains(statistic) != o.has("year")) {
                problem(
                        "sensitivity.year",
                        statistic
                                + (Summaries.YEARLY.contains(statistic)
                                        ? " is given by year: give the year"
                                        : " has no year: leave year out"));
            }
            Integer bootstrap = o.has("bootstrap")
                    ? bounded(o, "bootstrap", "sensitivity.bootstrap", 0, 100_000, false)
                    : Integer.valueOf(1000);
            if (scenario == null || statistic == null || bootstrap == null) {
                return null;
            }
            return new Response(scenario, statistic, year, bootstrap);
        }

        Integer bounded(ObjectNode o, String field, String path, int min, int max, boolean required) {
            JsonNode n = o.get(field);
            if (n == null) {
                if (required) {
                    problem(path, "required field is missing");
                }
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                problem(path, "expected a whole number; got " + kind(n));
                return null;
            }
            int v = n.asInt();
            if (v < min || v > max) {
                problem(path, v + " is outside " + min + ".." + max);
                return null;
            }
            return v;
        }

        static String outputNames() {
            return String.join(
                    ", ",
                    java.util.Arrays.stream(Output.values()).map(Output::label).toList());
        }
    }
}
