package org.normlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.normlab.data.InputFile;

/**
 * The typed checks of an input file read as a JSON tree (scenario and sweep files, in YAML or
 * JSON): objects with known fields, lists, text and finite numbers, each problem collected with the
 * path of its field ({@code overrides[1].years: 2040-2030 is an empty range}) rather than thrown,
 * so that a file's every problem is reported at once. Values of the file are quoted short
 * ({@link InputFile#quote}). Subclasses walk their own layout; not thread safe.
 */
public abstract class FieldReader {
    private final List<String> problems = new ArrayList<>();

    /** A reader without problems yet. */
    protected FieldReader() {}

    /** The problems found so far, each {@code path: reason}, in order, without repeats. */
    public List<String> problems() {
        return problems;
    }

    /** Records a problem at {@code path} (the empty path for the file as a whole). */
    public void problem(String path, String reason) {
        String p = (path.isEmpty() ? "" : path + ": ") + reason;
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    /** Whether {@code n} is an object; its fields outside {@code allowed} are problems. */
    public boolean object(JsonNode n, String path, Set<String> allowed) {
        if (!n.isObject()) {
            problem(path, "expected an object with fields " + sorted(allowed) + "; got " + kind(n));
            return false;
        }
        fields((ObjectNode) n, path, allowed);
        return true;
    }

    /** Records every field of {@code o} outside {@code allowed} as unknown. */
    public void fields(ObjectNode o, String path, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(
                        path.isEmpty() ? quote(f) : path + "." + quote(f),
                        "unknown field (expected one of: " + sorted(allowed) + ")");
            }
        }
    }

    /** Whether {@code n} is a list. */
    public boolean list(JsonNode n, String path) {
        if (!n.isArray()) {
            problem(path, "expected a list; got " + kind(n));
            return false;
        }
        return true;
    }

    /** The text of field {@code field} of {@code o}, which must be there; else a problem and null. */
    public String requiredString(ObjectNode o, String field, String path) {
        if (!o.has(field)) {
            problem(path, "required field is missing");
            return null;
        }
        return string(o.get(field), path);
    }

    /** The text {@code n} holds; else a problem and null. */
    public String string(JsonNode n, String path) {
        if (!n.isTextual()) {
            problem(path, "expected text; got " + kind(n));
            return null;
        }
        return n.asText();
    }

    /** The number of field {@code field} of {@code o}, which must be there; else a problem and null. */
    public Double requiredNumber(ObjectNode o, String field, String path) {
        if (!o.has(field)) {
            problem(path, "required field is missing");
            return null;
        }
        return number(o.get(field), path);
    }

    /** The finite number {@code n} holds; else a problem and null. */
    public Double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            problem(path, "expected a number; got " + kind(n));
            return null;
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            problem(path, quote(n.asText()) + " is not a finite number");
            return null;
        }
        return v;
    }

    /** What a node is, as a message names it: "text 'abc'", "the number 3", "an empty list", .... */
    public static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "text '" + quote(n.asText()) + "'";
        }
        if (n.isNumber()) {
            return "the number " + quote(n.asText());
        }
        if (n.isBoolean()) {
            return n.asText();
        }
        if (n.isArray()) {
            return n.isEmpty() ? "an empty list" : "a list";
        }
        if (n.isObject()) {
            return n.isEmpty() ? "an empty object" : "an object";
        }
        return "nothing (null)";
    }

    /** A value of the file as a message quotes it, cut short. */
    public static String quote(String text) {
        return InputFile.quote(text);
    }

    /** The names, sorted and joined by commas. */
    public static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
