package org.normlab.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normlab.data.InputFile;
import org.normlab.estimate.Link;
import org.normlab.sim.Exposure;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;

/**
 * Reads scenario files (YAML or JSON, see {@code docs/scenarios.md}) and checks their syntax and
 * structure: required and unknown fields, types, ranges, and the rules between fields. Every
 * problem is collected and reported at once in a {@link ScenarioException}. Checks against a
 * world (known states, regions, variables, years) come second, in {@link Scenario#validate}.
 * Stateless and thread-safe.
 */
public final class ScenarioReader {

    /** The two file formats. */
    public enum Format {
        /** YAML 1.1, as read by SnakeYAML. */
        YAML,
        /** JSON. */
        JSON
    }

    private static final Set<String> ROOT =
            Set.of("instrument", "model", "start", "horizon", "overrides", "incentives", "threshold", "ties");
    private static final Set<String> MODEL = Set.of(
            "fit",
            "spec",
            "coefficients",
            "formula",
            "link",
            "frailty_sd",
            "frailty",
            "uncertainty",
            "covariance",
            "withdrawal");
    private static final Set<String> COVARIANCE = Set.of("names", "matrix");
    private static final Set<String> WITHDRAWAL =
            Set.of("fit", "spec", "coefficients", "formula", "link", "frailty_sd");
    private static final Set<String> OVERRIDE = Set.of("states", "variable", "years", "value", "delta");
    private static final Set<String> INCENTIVE = Set.of("name", "coefficient", "states", "years");
    private static final Set<String> THRESHOLD = Set.of("mean", "sd", "exposure", "cost");
    private static final Set<String> YEARS = Set.of("from", "to");
    private static final Set<String> TIES = Set.of("kind", "add", "remove", "years");
    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,4})\\s*(?:-\\s*(\\d{1,4})\\s*)?");

    private ScenarioReader() {}

    /**
     * Reads a scenario file; {@code .yaml}/{@code .yml} is YAML, {@code .json} is JSON. The file must
     * be a regular file of at most {@link InputFile.Kind#SCENARIO}'s limit, in UTF-8 (a byte order
     * mark is accepted). A fit path in the file is resolved against the file's folder and may not
     * leave it.
     */
    public static Scenario read(Path file) throws ScenarioException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Format format;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            format = Format.YAML;
        } else if (lower.endsWith(".json")) {
            format = Format.JSON;
        } else {
            throw new ScenarioException(name, List.of("a scenario file must end in .yaml, .yml or .json"));
        }
        String text;
        try {
            text = InputFile.utf8(InputFile.read(file, InputFile.Kind.SCENARIO));
        } catch (InputFile.Refused e) {
            throw new ScenarioException(name, List.of(e.getMessage()));
        } catch (InputFile.MalformedText e) {
            throw new ScenarioException(
                    name, List.of("line " + e.where().line() + ": " + e.where().reason() + "; save the file as UTF-8"));
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, format, name, folder);
    }

    /**
     * Parses scenario text: one YAML or JSON document (content after it, such as a second YAML
     * document, is refused), optionally preceded by a byte order mark.
     *
     * @param source name used in messages (e.g. the file name), or null
     * @param folder folder against which a fit path is resolved, and which it may not leave; null
     *               for the working folder
     */
    public static Scenario parse(String text, Format format, String source, Path folder) throws ScenarioException {
        JsonNode root;
        try {
            ObjectMapper mapper = format == Format.YAML ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            root = mapper.readTree(InputFile.withoutBom(text));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, List.of(syntax(e, format)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(source, List.of("the scenario is empty"));
        }
        Walker w = new Walker(folder, source);
        Scenario s = w.scenario(root);
        if (!w.problems().isEmpty()) {
            throw new ScenarioException(source, w.problems());
        }
        return s;
    }

    /**
     * "line L, column C: YAML syntax error: reason". SnakeYAML's message holds a problem and, before
     * it, the construct being parsed, each followed by its location and a snippet; the snippets
     * are dropped and the construct's start kept, as it is often where the mistake is.
     */
    private static String syntax(JsonProcessingException e, Format format) {
        JsonLocation at = e.getLocation();
        List<String> texts = new ArrayList<>();
        List<String> places = new ArrayList<>();
        Pattern place = Pattern.compile("\\s*in '[^']*', (line \\d+, column \\d+):");
        for (String line : e.getOriginalMessage().split("\\R")) {
            Matcher m = place.matcher(line);
            if (m.matches()) {
                if (places.size() < texts.size()) {
                    places.add(m.group(1));
                }
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                while (places.size() < texts.size()) {
                    places.add(null);
                }
                texts.add(line.trim());
            }
        }
        String reason;
        if (e.getOriginalMessage().startsWith("Trailing token")) {
            reason = "content after the end of the document (a file holds one " + format + " document)";
        } else if (texts.size() >= 2) {
            reason = texts.get(texts.size() - 1) + " (" + texts.get(0)
                    + (places.get(0) == null ? "" : " that starts at " + places.get(0)) + ")";
        } else {
            reason = texts.isEmpty() ? "unreadable" : texts.get(0);
        }
        String where = at == null || at.getLineNr() < 0
                ? ""
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + format + " syntax error: " + clipQuoted(withoutParserHints(reason));
    }

    /**
     * A reason without what the parser says to its programmers: the location it gives again in
     * brackets ("[Source: REDACTED ...; line: 1, column: 5]") and the features that would relax it.
     */
    private static String withoutParserHints(String reason) {
        return reason.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
                .replaceAll(":?\\s*\\(?(?:enable|disable) `[^`]*`[^)]*\\)?$", "");
    }

    /** The longest piece of a file's text a message quotes. */
    static final int QUOTE_LIMIT = InputFile.QUOTE_LIMIT;

    /**
     * A parser's reason with every quoted token cut to {@link #QUOTE_LIMIT} characters, so that a
     * message names the offending token without echoing the file.
     */
    static String clipQuoted(String reason) {
        // Parsers quote a token without white space: '...' spans with spaces lie between two tokens.
        Matcher m = Pattern.compile("'([^'\\s]{" + QUOTE_LIMIT + "})[^'\\s]+'").matcher(reason);
        String clipped = m.replaceAll(r -> Matcher.quoteReplacement("'" + r.group(1) + "…'"));
        // A quoted name may hold spaces; no word of a message is longer than a quote may be.
        clipped = Pattern.compile("(\\S{" + QUOTE_LIMIT + "})\\S{20,}")
                .matcher(clipped)
                .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "…"));
        return InputFile.clip(clipped, 6 * QUOTE_LIMIT);
    }

    /** A value of the file as a message quotes it: at most {@link #QUOTE_LIMIT} characters. */
    static String quote(String text) {
        return InputFile.quote(text);
    }

    /** Walks the tree, building values and collecting problems. */
    private static final class Walker extends FieldReader {
        final Path folder;
        final Optional<String> origin;

        Walker(Path folder, String origin) {
            this.folder = folder;
            this.origin = Optional.ofNullable(origin);
        }

        Scenario scenario(JsonNode root) {
            if (!root.isObject()) {
                problem("", "a scenario must be an object with fields " + sorted(ROOT) + "; got " + kind(root));
                return null;
            }
            ObjectNode o = (ObjectNode) root;
            fields(o, "", ROOT);
            String instrument = name(requiredString(o, "instrument", "instrument"), "instrument");
            boolean startAfterData = o.has("start") && o.get("start").isTextual();
            Integer horizon = requiredYear(o, "horizon", "horizon");
            Integer start = startAfterData ? startLast(o.get("start"), horizon) : requiredYear(o, "start", "start");
            if (!startAfterData && start != null && horizon != null && horizon < start) {
                problem("horizon", horizon + " is before start " + start);
            }
            Optional<ThresholdSettings> threshold = Optional.empty();
            if (o.has("threshold")) {
                threshold = Optional.ofNullable(threshold(o.get("threshold"), "threshold"));
            }
            ScenarioModel model = null;
            if (o.has("model")) {
                model = model(o.get("model"), "model", o.has("threshold"));
            } else if (!o.has("threshold")) {
                problem("model", "required field is missing (give model, or threshold for the threshold model)");
            } else {
                model = ScenarioModel.none();
            }
            List<CovariateOverride> overrides = new ArrayList<>();
            JsonNode ov = o.get("overrides");
            if (ov != null && list(ov, "overrides")) {
                for (int i = 0; i < ov.size(); i++) {
                    CovariateOverride x = override(ov.get(i), "overrides[" + i + "]");
                    if (x != null) {
                        overrides.add(x);
                    }
                }
            }
            List<Incentive> incentives = new ArrayList<>();
            JsonNode in = o.get("incentives");
            if (in != null && list(in, "incentives")) {
                Map<String, Integer> names = new HashMap<>();
                for (int i = 0; i < in.size(); i++) {
                    String path = "incentives[" + i + "]";
                    Incentive x = incentive(in.get(i), path);
                    if (x != null) {
                        Integer before = names.putIfAbsent(x.name(), i);
                        if (before != null) {
                            problem(path + ".name", quote(x.name()) + " already names incentives[" + before + "]");
                        }
                        incentives.add(x);
                    }
                }
            }
            List<TieChange> ties = new ArrayList<>();
            JsonNode tn = o.get("ties");
            if (tn != null && list(tn, "ties")) {
                for (int i = 0; i < tn.size(); i++) {
                    TieChange x = tieChange(tn.get(i), "ties[" + i + "]");
                    if (x != null) {
                        ties.add(x);
                    }
                }
            }
            if (!problems().isEmpty()) {
                return null;
            }
            return new Scenario(
                    instrument,
                    model,
                    start,
                    horizon,
                    overrides,
                    incentives,
                    threshold,
                    root,
                    origin,
                    startAfterData,
                    ties);
        }

        /** {@code start: last}: the horizon stands for the start until a world resolves it. */
        Integer startLast(JsonNode n, Integer horizon) {
            if (!n.asText().equals("last")) {
                problem("start", "expected a whole number (a year) or last; got text '" + quote(n.asText()) + "'");
                return null;
            }
            return horizon;
        }

        ScenarioModel model(JsonNode n, String path, boolean thresholdGiven) {
            if (!object(n, path, MODEL)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            Optional<ModelSource> adoption = Optional.empty();
            OptionalDouble adoptionFrailty = OptionalDouble.empty();
            FrailtyMode mode = FrailtyMode.PRIOR;
            boolean uncertainty = false;
            Optional<ParameterCovariance> covariance = Optional.empty();
            if (thresholdGiven) {
                if (List.of("fit", "spec", "coefficients", "link", "frailty_sd", "frailty", "uncertainty", "covariance")
                        .stream()
                        .anyMatch(o::has)) {
                    problem(path, "with threshold, adoption follows the threshold model; give only model.withdrawal");
                }
            } else {
                adoptionFrailty = frailty(o, path);
                String kind = o.has("frailty") ? string(o.get("frailty"), path + ".frailty") : null;
                boolean fitFrailty = false;
                if (kind != null) {
                    switch (kind) {
                        case "none" -> {
                            if (adoptionFrailty.isPresent() && adoptionFrailty.getAsDouble() > 0) {
                                problem(
                                        path + ".frailty",
                                        "none contradicts frailty_sd "
                                                + o.get("frailty_sd").asText());
                            }
                            adoptionFrailty = OptionalDouble.of(0);
                        }
                        case "prior", "posterior" -> {
                            mode = kind.equals("prior") ? FrailtyMode.PRIOR : FrailtyMode.POSTERIOR;
                            fitFrailty = adoptionFrailty.isEmpty();
                            if (fitFrailty && o.has("coefficients")) {
                                problem(path + ".frailty", kind + " with coefficients needs frailty_sd");
                            }
                        }
                        default ->
                            problem(
                                    path + ".frailty",
                                    quote(kind) + " is not a frailty (expected none, prior or posterior)");
                    }
                }
                if (o.has("uncertainty")) {
                    String u = string(o.get("uncertainty"), path + ".uncertainty");
                    if (u != null && u.equals("coefficients")) {
                        uncertainty = true;
                    } else if (u != null && !u.equals("none")) {
                        problem(
                                path + ".uncertainty",
                                quote(u) + " is not an uncertainty (expected none or coefficients)");
                    }
                }
                if (o.has("covariance")) {
                    if (!o.has("coefficients")) {
                        problem(path + ".covariance", "only with coefficients: a fit or specification brings its own");
                    } else {
                        covariance = Optional.ofNullable(covariance(o.get("covariance"), path + ".covariance"));
                    }
                }
                ModelSource src = source(o, path);
                if (src instanceof ModelSource.Coefficients c) {
                    if (uncertainty && covariance.isEmpty() && !o.has("covariance")) {
                        problem(
                                path + ".uncertainty",
                                "coefficients given in the file need their covariance: give model.covariance");
                    }
                    for (String name :
                            covariance.map(ParameterCovariance::names).orElse(List.of())) {
                        if (!c.hazard().coefficients().containsKey(name)
                                && !name.equals(ParameterCovariance.LOG_FRAILTY_SD)) {
                            problem(path + ".covariance.names", quote(name) + " is not one of the coefficients");
                        }
                    }
                }
                if (fitFrailty && src instanceof ModelSource.Spec sp) {
                    src = new ModelSource.Spec(sp.name(), sp.link(), true);
                } else if (fitFrailty && src instanceof ModelSource.Fit f) {
                    src = new ModelSource.Fit(f.folder(), f.file(), true);
                }
                adoption = Optional.ofNullable(src);
            }
            Optional<ModelSource> withdrawal = Optional.empty();
            OptionalDouble withdrawalFrailty = OptionalDouble.empty();
            if (o.has("withdrawal")) {
                JsonNode w = o.get("withdrawal");
                if (object(w, path + ".withdrawal", WITHDRAWAL)) {
                    withdrawal = Optional.ofNullable(source((ObjectNode) w, path + ".withdrawal"));
                    withdrawalFrailty = frailty((ObjectNode) w, path + ".withdrawal");
                }
            }
            // A bad source is already a problem; the model is then not built.
            if (adoption.isEmpty()) {
                return new ScenarioModel(
                        adoption,
                        withdrawal,
                        OptionalDouble.empty(),
                        withdrawal.isPresent() ? withdrawalFrailty : OptionalDouble.empty());
            }
            return new ScenarioModel(
                    adoption,
                    withdrawal,
                    adoptionFrailty,
                    withdrawal.isPresent() ? withdrawalFrailty : OptionalDouble.empty(),
                    mode,
                    uncertainty,
                    covariance);
        }

        /** {@code model.covariance}: {@code names} and a symmetric positive definite {@code matrix}. */
        ParameterCovariance covariance(JsonNode n, String path) {
            if (!object(n, path, COVARIANCE)) {
                return null;
            }
            JsonNode names = n.get("names");
            JsonNode matrix = n.get("matrix");
            if (names == null || matrix == null) {
                problem(path, "give names and matrix");
                return null;
            }
            if (!list(names, path + ".names") || !list(matrix, path + ".matrix")) {
                return null;
            }
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String t = name(string(names.get(i), path + ".names[" + i + "]"), path + ".names[" + i + "]");
                if (t == null) {
                    return null;
                }
                terms.add(t);
            }
            int m = terms.size();
            if (matrix.size() != m) {
                problem(path + ".matrix", "expected " + m + " rows, one per name; got " + matrix.size());
                return null;
            }
            double[][] v = new double[m][m];
            for (int i = 0; i < m; i++) {
                JsonNode row = matrix.get(i);
                String rp = path + ".matrix[" + i + "]";
                if (!list(row, rp)) {
                    return null;
                }
                if (row.size() != m) {
                    problem(rp, "expected " + m + " numbers; got " + row.size());
                    return null;
                }
                for (int j = 0; j < m; j++) {
                    Double x = number(row.get(j), rp + "[" + j + "]");
                    if (x == null) {
                        return null;
                    }
                    v[i][j] = x;
                }
            }
            try {
                return new ParameterCovariance(terms, v);
            } catch (IllegalArgumentException e) {
                problem(path, e.getMessage());
                return null;
            }
        }

        /** The hazard's {@code frailty_sd}, a number ≥ 0, if given next to its source. */
        OptionalDouble frailty(ObjectNode o, String path) {
            if (!o.has("frailty_sd")) {
                return OptionalDouble.empty();
            }
            JsonNode n = o.get("frailty_sd");
            Double sd = number(n, path + ".frailty_sd");
            if (sd == null) {
                return OptionalDouble.empty();
            }
            if (sd < 0) {
                problem(path + ".frailty_sd", n.asText() + " is negative");
                return OptionalDouble.empty();
            }
            if (!ScenarioLimits.isCoefficient(sd)) {
                problem(path + ".frailty_sd", n.asText() + " is " + ScenarioLimits.coefficientReason());
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(sd);
        }

        ModelSource source(ObjectNode o, String path) {
            int given = (o.has("fit") ? 1 : 0) + (o.has("spec") ? 1 : 0) + (o.has("coefficients") ? 1 : 0);
            if (given != 1) {
                problem(path, "give exactly one of fit, spec, coefficients");
                return null;
            }
            if (o.has("formula") && !o.has("coefficients")) {
                problem(
                        path + ".formula",
                        "goes with coefficients named as its model matrix names its columns; a fit made with "
                                + "normlab fit --formula carries its formula (give it as fit)");
                return null;
            }
            Optional<Link> link = Optional.empty();
            if (o.has("link")) {
                String l = string(o.get("link"), path + ".link");
                if (l != null) {
                    try {
                        link = Optional.of(Link.parse(l));
                    } catch (org.normlab.estimate.EstimationException e) {
                        problem(path + ".link", quote(l) + " is not a link (expected logit or cloglog)");
                    }
                }
                if (o.has("fit")) {
                    problem(path + ".link", "a saved fit carries its own link");
                }
            }
            if (o.has("fit")) {
                String f = string(o.get("fit"), path + ".fit");
                if (f == null) {
                    return null;
                }
                if (f.isBlank()) {
                    problem(path + ".fit", "the path is empty");
                    return null;
                }
                return fit(f, path + ".fit");
            }
            if (o.has("spec")) {
                String name = name(string(o.get("spec"), path + ".spec"), path + ".spec");
                if (name == null) {
                    return null;
                }
                if (name.isBlank()) {
                    problem(path + ".spec", "the name is empty");
                    return null;
                }
                return new ModelSource.Spec(name, link);
            }
            Optional<String> formula = Optional.empty();
            if (o.has("formula")) {
                String f = string(o.get("formula"), path + ".formula");
                if (f == null) {
                    return null;
                }
                try {
                    org.normlab.formula.Formula.parse(f);
                } catch (org.normlab.formula.FormulaException e) {
                    problem(path + ".formula", clipQuoted(e.getMessage()));
                    return null;
                }
                formula = Optional.of(f);
            }
            Map<String, Double> c = coefficients(
                    o.get("coefficients"),
                    path + ".coefficients",
                    formula.isPresent() ? ScenarioLimits.MAX_COLUMN_NAME : ScenarioLimits.MAX_NAME);
            if (c == null) {
                return null;
            }
            if (c.isEmpty()) {
                problem(path + ".coefficients", "give at least one coefficient");
                return null;
            }
            return new ModelSource.Coefficients(LinearIndexHazard.of(c, link.orElse(Link.LOGIT)), formula);
        }

        ThresholdSettings threshold(JsonNode n, String path) {
            if (!object(n, path, THRESHOLD)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            Double mean = coefficient(requiredNumber(o, "mean", path + ".mean"), path + ".mean");
            Double sd = coefficient(requiredNumber(o, "sd", path + ".sd"), path + ".sd");
            if (sd != null && sd < 0) {
                problem(path + ".sd", sd + " is negative");
                sd = null;
            }
            Exposure exposure = Exposure.GLOBAL;
            if (o.has("exposure")) {
                String e = string(o.get("exposure"), path + ".exposure");
                if (e != null) {
                    Optional<Exposure> x = Exposure.ofTerm(e);
                    if (x.isEmpty()) {
                        problem(
                                path + ".exposure",
                                quote(e) + " is not an exposure (expected share_global, share_border,"
                                        + " share_subregion or share_allies)");
                    } else {
                        exposure = x.get();
                    }
                }
            }
            Map<String, Double> cost = Map.of();
            if (o.has("cost")) {
                cost = coefficients(o.get("cost"), path + ".cost", ScenarioLimits.MAX_NAME);
                if (cost != null) {
                    for (String k : cost.keySet()) {
                        if (Exposure.ofTerm(k).isPresent() || org.normlab.sim.Terms.tieKind(k) != null) {
                            problem(path + ".cost." + k, "an exposure cannot be a cost term");
                        }
                    }
                }
            }
            if (mean == null || sd == null || cost == null) {
                return null;
            }
            return new ThresholdSettings(mean, sd, exposure, cost);
        }

        /** One entry of {@code ties}: {@code {kind, add: [[A, B], ...], remove: [[A, B], ...], years}}. */
        TieChange tieChange(JsonNode n, String path) {
            if (!object(n, path, TIES)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            String kind = requiredString(o, "kind", path + ".kind");
            if (kind != null && !org.normlab.data.TieFile.KIND.matcher(kind).matches()) {
                problem(
                        path + ".kind",
                        "'" + quote(kind) + "' is not a tie kind (lower-case letters, digits, underscores)");
                kind = null;
            }
            YearRange years = requiredYears(o, path);
            if (!o.has("add") && !o.has("remove")) {
                problem(path, "give add, remove or both: lists of pairs of states such as [[RUS, BLR]]");
            }
            List<List<String>> add = pairs(o.get("add"), path + ".add");
            List<List<String>> remove = pairs(o.get("remove"), path + ".remove");
            if (kind == null || years == null || add == null || remove == null || add.isEmpty() && remove.isEmpty()) {
                return null;
            }
            return new TieChange(kind, add, remove, years);
        }

        /** A list of pairs of ISO3 codes; empty when the field is absent, null after a problem. */
        List<List<String>> pairs(JsonNode n, String path) {
            List<List<String>> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (!list(n, path)) {
                return null;
            }
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                JsonNode p = n.get(i);
                String at = path + "[" + i + "]";
                if (!p.isArray() || p.size() != 2) {
                    problem(
                            at,
                            "expected a pair of states such as [RUS, BLR]; got "
                                    + (p.isArray() ? "a list of " + p.size() : kind(p)));
                    ok = false;
                    continue;
                }
                List<String> pair = new ArrayList<>();
                boolean codes = true;
                for (int j = 0; j < 2; j++) {
                    String code = string(p.get(j), at + "[" + j + "]");
                    if (code != null && !ISO3.matcher(code).matches()) {
                        problem(at + "[" + j + "]", "'" + quote(code) + "' is not an ISO 3166-1 alpha-3 code");
                        code = null;
                    }
                    if (code == null) {
                        ok = false;
                        codes = false;
                    }
                    pair.add(code);
                }
                if (codes && pair.get(0).equals(pair.get(1))) {
                    problem(at, "a tie joins two different states, got " + pair.get(0) + " twice");
                    ok = false;
                }
                out.add(pair);
            }
            return ok ? out : null;
        }

        CovariateOverride override(JsonNode n, String path) {
            if (!object(n, path, OVERRIDE)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            List<StateSelector> states = requiredStates(o, path);
            String variable = name(requiredString(o, "variable", path + ".variable"), path + ".variable");
            YearRange years = requiredYears(o, path);
            CovariateOverride.Change change = null;
            if (o.has("value") == o.has("delta")) {
                problem(path, "give exactly one of value or delta");
            } else if (o.has("value")) {
                Double v = value(number(o.get("value"), path + ".value"), path + ".value");
                change = v == null ? null : new CovariateOverride.Change.SetTo(v);
            } else {
                Double d = value(number(o.get("delta"), path + ".delta"), path + ".delta");
                change = d == null ? null : new CovariateOverride.Change.Shift(d);
            }
            if (states == null || variable == null || years == null || change == null) {
                return null;
            }
            return new CovariateOverride(states, variable, years, change);
        }

        Incentive incentive(JsonNode n, String path) {
            if (!object(n, path, INCENTIVE)) {
                return null;
            }
            ObjectNode o = (ObjectNode) n;
            String name = name(requiredString(o, "name", path + ".name"), path + ".name");
            if (name != null && name.isBlank()) {
                problem(path + ".name", "the name is empty");
                name = null;
            }
            Double coefficient;
            Optional<String> like = Optional.empty();
            if (o.has("coefficient") && o.get("coefficient").isObject()) {
                // {term: NAME}: as large as the adoption model's coefficient of NAME.
                JsonNode c = o.get("coefficient");
                coefficient = null;
                if (object(c, path + ".coefficient", Set.of("term"))) {
                    String term = c.has("term")
                            ? name(string(c.get("term"), path + ".coefficient.term"), path + ".coefficient.term")
                            : null;
                    if (!c.has("term")) {
                        problem(path + ".coefficient.term", "required field is missing");
                    } else if (term != null) {
                        coefficient = 0.0;
                        like = Optional.of(term);
                    }
                }
            } else {
                coefficient =
                        coefficient(requiredNumber(o, "coefficient", path + ".coefficient"), path + ".coefficient");
            }
            List<StateSelector> states = requiredStates(o, path);
            YearRange years = requiredYears(o, path);
            if (name == null || coefficient == null || states == null || years == null) {
                return null;
            }
            return new Incentive(name, coefficient, states, years, like);
        }

        List<StateSelector> requiredStates(ObjectNode o, String path) {
            if (!o.has("states")) {
                problem(path + ".states", "required field is missing");
                return null;
            }
            return states(o.get("states"), path + ".states");
        }

        List<StateSelector> states(JsonNode n, String path) {
            if (n.isTextual() && n.asText().equals("all")) {
                return List.of(new StateSelector.All());
            }
            if (!n.isArray()) {
                problem(
                        path,
                        "expected a list of ISO3 codes, {region: NAME}, {subregion: NAME} or \"all\"; got " + kind(n));
                return null;
            }
            if (n.isEmpty()) {
                problem(path, "the list is empty");
                return null;
            }
            List<StateSelector> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                JsonNode item = n.get(i);
                String p = path + "[" + i + "]";
                if (item.isTextual()) {
                    String t = item.asText();
                    if (t.equals("all")) {
                        out.add(new StateSelector.All());
                    } else if (ISO3.matcher(t).matches()) {
                        out.add(new StateSelector.State(t));
                    } else {
                        problem(p, quote(t) + " is not an ISO3 code (three capital letters) or \"all\"");
                        ok = false;
                    }
                } else if (item.isObject()) {
                    ObjectNode io = (ObjectNode) item;
                    Iterator<String> names = io.fieldNames();
                    String key = names.hasNext() ? names.next() : null;
                    if (io.size() != 1 || !(key.equals("region") || key.equals("subregion"))) {
                        problem(p, "expected {region: NAME} or {subregion: NAME}");
                        ok = false;
                        continue;
                    }
                    String name = name(string(io.get(key), p + "." + key), p + "." + key);
                    if (name == null) {
                        ok = false;
                    } else {
                        out.add(
                                key.equals("region")
                                        ? new StateSelector.Region(name)
                                        : new StateSelector.Subregion(name));
                    }
                } else {
                    problem(
                            p,
                            "expected an ISO3 code, {region: NAME}, {subregion: NAME} or \"all\"; got " + kind(item));
                    ok = false;
                }
            }
            return ok ? out : null;
        }

        YearRange requiredYears(ObjectNode o, String path) {
            if (!o.has("years")) {
                problem(path + ".years", "required field is missing");
                return null;
            }
            return years(o.get("years"), path + ".years");
        }

        YearRange years(JsonNode n, String path) {
            Integer from;
            Integer to;
            if (n.isIntegralNumber()) {
                from = n.asInt();
                to = from;
            } else if (n.isTextual()) {
                Matcher m = RANGE.matcher(n.asText());
                if (!m.matches()) {
                    problem(
                            path,
                            "'" + quote(n.asText()) + "' is not a year range (expected \"2009-2030\", a single year"
                                    + " or {from, to})");
                    return null;
                }
                from = Integer.parseInt(m.group(1));
                to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            } else if (n.isObject()) {
                if (!object(n, path, YEARS)) {
                    return null;
                }
                from = requiredYear((ObjectNode) n, "from", path + ".from");
                to = requiredYear((ObjectNode) n, "to", path + ".to");
                if (from == null || to == null) {
                    return null;
                }
            } else {
                problem(path, "expected \"2009-2030\", a single year or {from, to}; got " + kind(n));
                return null;
            }
            if (!ScenarioLimits.isYear(from) || !ScenarioLimits.isYear(to)) {
                problem(path, (from.equals(to) ? "" + from : from + "-" + to) + " is " + ScenarioLimits.yearReason());
                return null;
            }
            if (to < from) {
                problem(path, from + "-" + to + " is an empty range");
                return null;
            }
            return YearRange.of(from, to);
        }

        /**
         * A name (of a term, variable, specification, incentive, region) if it is at most
         * {@link ScenarioLimits#MAX_NAME} characters long; else a problem and null (null stays null).
         */
        String name(String name, String path) {
            return name(name, path, ScenarioLimits.MAX_NAME);
        }

        /** A name if it is at most {@code max} characters long; else a problem and null (null stays null). */
        String name(String name, String path, int max) {
            if (name != null && name.length() > max) {
                problem(path, "'" + quote(name) + "' is longer than the " + max + " characters a name may have");
                return null;
            }
            return name;
        }

        /** An object of term: coefficient, each name at most {@code maxName} long and each coefficient in range. */
        Map<String, Double> coefficients(JsonNode n, String path, int maxName) {
            Map<String, Double> c = numbers(n, path, maxName);
            if (c == null) {
                return null;
            }
            boolean ok = true;
            for (Map.Entry<String, Double> e : c.entrySet()) {
                ok &= coefficient(e.getValue(), path + "." + quote(e.getKey())) != null;
            }
            return ok ? c : null;
        }

        /** The number if it is a coefficient in range; else a problem and null (null stays null). */
        Double coefficient(Double v, String path) {
            if (v != null && !ScenarioLimits.isCoefficient(v)) {
                problem(path, ScenarioLimits.number(v) + " is " + ScenarioLimits.coefficientReason());
                return null;
            }
            return v;
        }

        /** The number if it is a covariate value in range; else a problem and null (null stays null). */
        Double value(Double v, String path) {
            if (v != null && !ScenarioLimits.isValue(v)) {
                problem(path, ScenarioLimits.number(v) + " is " + ScenarioLimits.valueReason());
                return null;
            }
            return v;
        }

        /**
         * A saved fit's path: relative, and inside the scenario's folder once {@code .} and {@code ..}
         * are resolved. Symbolic links are checked when the fit is read (see {@link ModelSource.Fit}).
         */
        ModelSource.Fit fit(String f, String path) {
            Path given;
            try {
                given = Path.of(f);
            } catch (java.nio.file.InvalidPathException e) {
                problem(path, "'" + quote(f) + "' is not a path");
                return null;
            }
            if (given.isAbsolute() || given.getRoot() != null) {
                problem(path, "'" + quote(f) + "' is absolute; give a path relative to the scenario's folder");
                return null;
            }
            Path normal = given.normalize();
            if (normal.toString().isEmpty() || normal.startsWith("..")) {
                problem(path, "'" + quote(f) + "' leaves the scenario's folder; a saved fit must be inside it");
                return null;
            }
            Path base = folder == null ? Path.of("").toAbsolutePath() : folder;
            return new ModelSource.Fit(base, normal);
        }

        /** An object of name: number, each name at most {@code maxName} characters long. */
        Map<String, Double> numbers(JsonNode n, String path, int maxName) {
            if (!n.isObject()) {
                problem(path, "expected an object of name: number; got " + kind(n));
                return null;
            }
            Map<String, Double> out = new LinkedHashMap<>();
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                Double v = number(e.getValue(), path + "." + quote(e.getKey()));
                if (e.getKey().isBlank()) {
                    problem(path, "a term name is empty");
                    ok = false;
                } else if (name(e.getKey(), path, maxName) == null) {
                    ok = false;
                } else if (v == null) {
                    ok = false;
                } else {
                    out.put(e.getKey(), v);
                }
            }
            return ok ? out : null;
        }

        /** A required year in {@link ScenarioLimits#FIRST_YEAR}–{@link ScenarioLimits#LAST_YEAR}. */
        Integer requiredYear(ObjectNode o, String field, String path) {
            Integer year = requiredInt(o, field, path);
            if (year != null && !ScenarioLimits.isYear(year)) {
                problem(path, year + " is " + ScenarioLimits.yearReason());
                return null;
            }
            return year;
        }

        Integer requiredInt(ObjectNode o, String field, String path) {
            if (!o.has(field)) {
                problem(path, "required field is missing");
                return null;
            }
            JsonNode n = o.get(field);
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                problem(path, "expected a whole number (a year); got " + kind(n));
                return null;
            }
            return n.asInt();
        }
    }
}
