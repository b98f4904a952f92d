package org.normlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a numeric field of a scenario tree named by a path such as
 * {@code model.coefficients.share_global} or {@code overrides[0].value}: dot-separated field names,
 * each optionally followed by list indices. Every step but the last must exist; the last may be a
 * new field of an existing object (e.g. a coefficient the scenario does not have yet). Stateless.
 */
public final class ScenarioPaths {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private ScenarioPaths() {}

    /** Whether a path is well formed. */
    public static boolean wellFormed(String path) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            return false;
        }
        for (String step : path.split("\\.")) {
            if (!STEP.matcher(step).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the field at {@code path} of {@code tree} to {@code value}, in place.
     *
     * @return empty when done, else why the path does not lead to a field
     */
    public static Optional<String> set(ObjectNode tree, String path, double value) {
        List<Object> steps = new ArrayList<>();
        for (String step : path.split("\\.")) {
            Matcher m = STEP.matcher(step);
            if (!m.matches()) {
                return Optional.of("not a field path (expected names separated by dots, e.g. model.frailty_sd)");
            }
            steps.add(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                steps.add(Integer.parseInt(i.group(1)));
            }
        }
        JsonNode node = tree;
        StringBuilder at = new StringBuilder();
        for (int k = 0; k < steps.size() - 1; k++) {
            Object s = steps.get(k);
            JsonNode next = s instanceof Integer i
                    ? (node.isArray() ? node.get(i) : null)
                    : (node.isObject() ? node.get((String) s) : null);
            at.append(s instanceof Integer i ? "[" + i + "]" : (at.length() == 0 ? "" : ".") + s);
            if (next == null || !(next.isObject() || next.isArray())) {
                return Optional.of("the scenario has no " + (s instanceof Integer ? "list item " : "object ") + at);
            }
            node = next;
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            if (!node.isArray() || i >= node.size()) {
                return Optional.of("the scenario has no list item " + path);
            }
            ((ArrayNode) node).set(i, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(value));
        } else {
            if (!node.isObject()) {
                return Optional.of("the scenario has no object " + at);
            }
            JsonNode old = node.get((String) last);
            if (old != null && !old.isNumber()) {
                return Optional.of("the scenario's " + path + " is not a number");
            }
            ((ObjectNode) node).put((String) last, value);
        }
        return Optional.empty();
    }
}
