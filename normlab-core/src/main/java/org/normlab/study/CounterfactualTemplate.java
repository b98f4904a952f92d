package org.normlab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A counterfactual question the study asks of any instrument, shipped as a file in
 * {@code org/normlab/study/counterfactuals/} (listed in its {@code index.txt}, documented in
 * {@code docs/study.md}). The study turns a template into scenarios from the data of the instrument
 * studied: which states it concerns, from which year, which terms change. Immutable.
 *
 * @param id       short name; a per-state scenario appends the state's code
 * @param target   which states it concerns
 * @param limit    at most this many target states (0: all), in the order of the target
 * @param perState one scenario per target state, or one for them all
 * @param timing   historical (from the year the condition began, beside what happened) or forward
 *                 (from the year after the last data year)
 * @param change   what the scenario changes
 * @param block    for {@link Change#REMOVE}: the block whose 0/1 terms are set to 0
 * @param like     for {@link Change#INCENTIVE}: the term whose coefficient sizes the incentive
 * @param counts   what the scenario's series count
 * @param question the question, with placeholders {states}, {from}, {to}, {terms}, {like},
 *                 {coefficient} and {interval}
 */
record CounterfactualTemplate(
        String id,
        Target target,
        int limit,
        boolean perState,
        Timing timing,
        Change change,
        String block,
        String like,
        Counts counts,
        String question) {

    /** Which states a template concerns. */
    enum Target {
        /** Holdouts the typology calls blocked. */
        BLOCKED,
        /** States that withdrew. */
        WITHDRAWN,
        /**
         * Holdouts with the most land neighbours in the data: the states whose joining moves the most
         * others through their neighbour exposure (ties: the lowest modelled hazard first).
         */
        LARGEST_HOLDOUTS
    }

    /** When a scenario starts. */
    enum Timing {
        HISTORICAL,
        FORWARD
    }

    /** What a scenario changes. */
    enum Change {
        /** Sets the block's 0/1 terms that push the states away from the norm to 0. */
        REMOVE,
        /** Offers an incentive. */
        INCENTIVE
    }

    /** What a scenario's series count. */
    enum Counts {
        PARTIES,
        WITHDRAWN
    }

    /** The folder of the shipped templates (a class-path resource). */
    static final String FOLDER = "/org/normlab/study/counterfactuals/";

    private static final Set<String> FIELDS =
            Set.of("id", "target", "limit", "per_state", "timing", "change", "block", "like", "counts", "question");

    CounterfactualTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(question, "question");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or more");
        }
        if (change == Change.REMOVE && block == null) {
            throw new IllegalArgumentException("a removal needs the block whose terms it removes");
        }
        if (change == Change.INCENTIVE && like == null) {
            throw new IllegalArgumentException("an incentive needs the term it is as strong as ('like')");
        }
    }

    /** The shipped templates, in the order of the index. */
    static List<CounterfactualTemplate> shipped() {
        List<CounterfactualTemplate> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                out.add(parse(name, resource(name)));
            }
        }
        return out;
    }

    /**
     * Parses a template's YAML text.
     *
     * @throws IllegalArgumentException naming the file and field when the text is not a template
     */
    static CounterfactualTemplate parse(String file, String yaml) {
        JsonNode n;
        try {
            n = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not YAML: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(file + ": a template is a mapping of fields");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": " + f + ": unknown field");
            }
        }
        try {
            return new CounterfactualTemplate(
                    text(n, "id", file),
                    enumOf(Target.class, text(n, "target", file)),
                    n.has("limit") ? n.get("limit").asInt() : 0,
                    n.has("per_state") && n.get("per_state").asBoolean(),
                    enumOf(Timing.class, text(n, "timing", file)),
                    enumOf(Change.class, text(n, "change", file)),
                    n.has("block") ? n.get("block").asText() : null,
                    n.has("like") ? n.get("like").asText() : null,
                    enumOf(Counts.class, text(n, "counts", file)),
                    text(n, "question", file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The question with its placeholders filled. */
    String question(Map<String, String> values) {
        String q = question;
        for (Map.Entry<String, String> e : values.entrySet()) {
            q = q.replace("{" + e.getKey() + "}", e.getValue());
        }
        return q;
    }

    private static String text(JsonNode n, String field, String file) {
        if (!n.has(field) || !n.get(field).isValueNode()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return n.get(field).asText();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value + " is not one of "
                    + List.of(type.getEnumConstants()).stream()
                            .map(x -> x.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList());
        }
    }

    private static String resource(String name) {
        try (InputStream in = CounterfactualTemplate.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing counterfactual template " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
