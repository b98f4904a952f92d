package org.normlab.analysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.normlab.data.InputFile;
import org.normlab.estimate.EstimationException;
import org.normlab.estimate.Link;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioLimits;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;

/**
 * Reads a saved fit, the JSON object that {@code normlab fit --format json} writes, as strictly as
 * an import: the file must lie inside the scenario's folder (its real path, symbolic links
 * followed), be a regular file within {@link InputFile.Kind#SAVED_FIT}'s size limit, hold exactly
 * one JSON document (a byte order mark is accepted) whose {@code link} is {@code logit} or
 * {@code cloglog} and whose {@code coefficients} are objects with a non-empty, unique {@code name}
 * and an {@code estimate} that is a number within {@link ScenarioLimits#MAX_COEFFICIENT} or
 * {@code null} (an aliased term, left out as the fit left it out). Other fields are the fit's
 * report and are not read. Problems name the field path, never the file's content: a file that is
 * not JSON is reported by line and column only. Stateless and thread-safe.
 */
public final class SavedFitReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SavedFitReader() {}

    /**
     * Reads the saved fit a scenario names.
     *
     * @param fit  the fit's place
     * @param path the scenario field it came from, e.g. {@code model}, for messages
     * @throws ScenarioException naming {@code path.fit} and the reason
     */
    public static LinearIndexHazard read(ModelSource.Fit fit, String path) throws ScenarioException {
        byte[] bytes = bytes(fit, path + ".fit");
        String where = path + ".fit (" + fit.file() + ")";
        LinearIndexHazard h = parse(bytes, where);
        if (fit.frailty()) {
            h = withFrailty(bytes, h, where);
        }
        return h;
    }

    /**
     * The formula a saved fit was made with ({@code normlab fit --formula} records it as
     * {@code formula}), if any: its coefficients are then named as the formula's model matrix names
     * its columns.
     *
     * @throws ScenarioException if the file cannot be read or its {@code formula} is not text
     */
    public static java.util.Optional<String> formula(ModelSource.Fit fit, String path) throws ScenarioException {
        String where = path + ".fit (" + fit.file() + ")";
        JsonNode node;
        try {
            node = JSON.readTree(InputFile.utf8(bytes(fit, path + ".fit"))).get("formula");
        } catch (JsonProcessingException | InputFile.MalformedText e) {
            throw problem(where, "not a saved fit");
        }
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (!node.isTextual()) {
            throw problem(where + ".formula", "expected text; got " + kind(node));
        }
        return java.util.Optional.of(node.asText());
    }

    /** The bytes of a saved fit, confined to the scenario's folder. */
    private static byte[] bytes(ModelSource.Fit fit, String field) throws ScenarioException {
        String shown = fit.file().toString();
        Path real;
        try {
            Path folder = fit.folder().toRealPath();
            real = fit.path().toRealPath();
            if (!real.startsWith(folder)) {
                throw problem(
                        field,
                        shown + " leads outside the scenario's folder (through a symbolic link); a saved"
                                + " fit must be inside it");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw problem(field, shown + ": no such file");
        } catch (IOException | SecurityException e) {
            throw problem(field, shown + ": cannot be read");
        }
        byte[] bytes;
        try {
            bytes = InputFile.read(real, InputFile.Kind.SAVED_FIT);
        } catch (InputFile.Refused e) {
            throw problem(field, shown + " " + e.getMessage());
        }
        return bytes;
    }

    /**
     * Parses a saved fit's bytes.
     *
     * @param where the field and file, e.g. {@code model.fit (two.json)}, prefixing every problem
     * @throws ScenarioException listing every problem found
     */
    public static LinearIndexHazard parse(byte[] bytes, String where) throws ScenarioException {
        String text;
        try {
            text = InputFile.utf8(bytes);
        } catch (InputFile.MalformedText e) {
            throw problem(where, "line " + e.where().line() + ": " + e.where().reason());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null || at.getLineNr() < 0
                    ? ""
                    : String.format(Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
            throw problem(where, "not a saved fit: not a single JSON document" + place);
        }
        if (root == null || !root.isObject()) {
            throw problem(where, "not a saved fit: expected the JSON object of normlab fit --format json");
        }
        List<String> problems = new ArrayList<>();
        JsonNode linkNode = root.get("link");
        Link link = null;
        if (linkNode == null) {
            problems.add(where + ".link: required field is missing");
        } else if (!linkNode.isTextual()) {
            problems.add(where + ".link: expected text (logit or cloglog); got " + kind(linkNode));
        } else {
            try {
                link = Link.parse(linkNode.asText());
            } catch (EstimationException e) {
                problems.add(where + ".link: not a link (expected logit or cloglog)");
            }
        }
        Map<String, Double> coefficients = new TreeMap<>();
        JsonNode list = root.get("coefficients");
        if (list == null) {
            problems.add(where + ".coefficients: required field is missing");
        } else if (!list.isArray()) {
            problems.add(where + ".coefficients: expected a list; got " + kind(list));
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                coefficient(list.get(i), where + ".coefficients[" + i + "]", i, seen, coefficients, problems);
            }
            if (problems.isEmpty() && coefficients.isEmpty()) {
                problems.add(where + ".coefficients: no coefficient has an estimate");
            }
        }
        ParameterCovariance covariance = null;
        JsonNode cov = root.get("covariance");
        if (cov != null && !cov.isNull() && problems.isEmpty()) {
            covariance = covariance(cov, where + ".covariance", problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(null, problems);
        }
        LinearIndexHazard h = LinearIndexHazard.of(coefficients, link);
        if (covariance != null) {
            // restricted to the fit's terms (and log σ), with the terms whose estimates diverged
            h = h.withCovariance(covariance.withDiverged(diverged(root.get("separation"))));
        }
        return h;
    }

    /**
     * The terms a saved fit's {@code separation} marks as diverged ({@code terms[].diverged}), as
     * {@code fit --format json} writes them; none when the fit carries no such field.
     */
    private static List<String> diverged(JsonNode separation) {
        List<String> out = new ArrayList<>();
        JsonNode terms = separation == null ? null : separation.get("terms");
        if (terms != null && terms.isArray()) {
            for (JsonNode t : terms) {
                if (t.path("diverged").asBoolean(false) && t.path("name").isTextual()) {
                    out.add(t.get("name").asText());
                }
            }
        }
        return out;
    }

    /**
     * The optional {@code covariance} of a saved fit, as {@code fit --format json} writes it:
     * {@code names} (terms, and {@code log(frailty_sd)} for a frailty fit) and a {@code matrix}.
     */
    private static ParameterCovariance covariance(JsonNode n, String where, List<String> problems) {
        JsonNode names = n.get("names");
        JsonNode matrix = n.get("matrix");
        if (!n.isObject()
                || names == null
                || !names.isArray()
                || matrix == null
                || !matrix.isArray()
                || matrix.size() != names.size()) {
            problems.add(where + ": expected an object with names (a list) and matrix (one row per name)");
            return null;
        }
        List<String> list = new ArrayList<>();
        int m = names.size();
        double[][] v = new double[m][m];
        for (int i = 0; i < m; i++) {
            JsonNode row = matrix.get(i);
            if (!names.get(i).isTextual() || !row.isArray() || row.size() != m) {
                problems.add(where + ": names[" + i + "] must be text and matrix[" + i + "] hold " + m + " numbers");
                return null;
            }
            list.add(names.get(i).asText());
            for (int j = 0; j < m; j++) {
                if (!row.get(j).isNumber() || !Double.isFinite(row.get(j).asDouble())) {
                    problems.add(
                            where + ".matrix[" + i + "][" + j + "]: expected a finite number; got " + kind(row.get(j)));
                    return null;
                }
                v[i][j] = row.get(j).asDouble();
            }
        }
        try {
            return new ParameterCovariance(list, v);
        } catch (IllegalArgumentException e) {
            // A fit near separation can have a singular covariance: it cannot be sampled, but the
            // coefficients still serve; a scenario asking for uncertainty is then refused.
            return null;
        }
    }

    /** {@code h} with the fit's {@code frailty_sd}, which must be a number ≥ 0 within the limits. */
    private static LinearIndexHazard withFrailty(byte[] bytes, LinearIndexHazard h, String where)
            throws ScenarioException {
        JsonNode sd;
        try {
            sd = JSON.readTree(InputFile.utf8(bytes)).get("frailty_sd");
        } catch (JsonProcessingException | InputFile.MalformedText e) {
            throw problem(where, "not a saved fit");
        }
        if (sd == null || !sd.isNumber()) {
            throw problem(
                    where + ".frailty_sd",
                    "the fit holds no frailty sd (fit it with normlab fit --frailty, or give frailty_sd)");
        }
        double v = sd.asDouble();
        if (!(v >= 0) || !ScenarioLimits.isCoefficient(v)) {
            throw problem(where + ".frailty_sd", "expected a number from 0 to " + ScenarioLimits.MAX_COEFFICIENT);
        }
        return h.withFrailty(v);
    }

    private static void coefficient(
            JsonNode c,
            String p,
            int index,
            Map<String, Integer> seen,
            Map<String, Double> out,
            List<String> problems) {
        if (!c.isObject()) {
            problems.add(p + ": expected an object with name and estimate; got " + kind(c));
            return;
        }
        JsonNode name = c.get("name");
        String term = null;
        if (name == null || name.isNull()) {
            problems.add(p + ".name: required field is missing");
        } else if (!name.isTextual()) {
            problems.add(p + ".name: expected text; got " + kind(name));
        } else if (name.asText().isBlank()) {
            problems.add(p + ".name: the name is empty");
        } else {
            term = name.asText();
            Integer before = seen.putIfAbsent(term, index);
            if (before != null) {
                problems.add(p + ".name: repeats the name of coefficients[" + before + "]");
                term = null;
            }
        }
        if (!c.has("estimate")) {
            problems.add(p + ".estimate: required field is missing (null for an aliased term)");
            return;
        }
        JsonNode estimate = c.get("estimate");
        if (estimate.isNull()) {
            return;
        }
        if (!estimate.isNumber()) {
            problems.add(p + ".estimate: expected a number or null; got " + kind(estimate));
            return;
        }
        double v = estimate.asDouble();
        if (!ScenarioLimits.isCoefficient(v)) {
            problems.add(p + ".estimate: " + ScenarioLimits.number(v) + " is " + ScenarioLimits.coefficientReason());
            return;
        }
        if (term != null) {
            out.put(term, v);
        }
    }

    /** What a node is, without its content (a saved fit may be any file the user pointed at). */
    private static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "text";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "true or false";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static ScenarioException problem(String field, String reason) {
        return new ScenarioException(null, List.of(field + ": " + reason));
    }
}
