package org.normlab.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON request body with typed, checked access to its fields: a missing optional field gives the
 * default, a field of the wrong type or an unknown field is a 400 naming the field. Immutable.
 */
final class Body {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final JsonNode root;

    private Body(JsonNode root) {
        this.root = root;
    }

    /**
     * The request's body as UTF-8 text, read up to {@code limit} bytes: a longer body (also one sent
     * without a Content-Length, in chunks) is a 413.
     */
    static String read(io.javalin.http.Context ctx, long limit) {
        try {
            byte[] bytes = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit) + 1);
            if (bytes.length > limit) {
                throw new ApiException(
                        413,
                        "body_too_large",
                        "the body is larger than the limit of " + limit + " bytes (max_body_bytes)");
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /** Parses {@code text}, which must be a JSON object whose fields are all in {@code known}. */
    static Body parse(String text, Set<String> known) {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON body: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.badRequest(f + ": unknown field (expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
        return new Body(root);
    }

    /** An object with the given key-value pairs in this order (JSON output keeps it, so answers are byte-stable). */
    static java.util.Map<String, Object> obj(Object... keyValues) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    JsonNode node(String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n;
    }

    String text(String field, String dflt) {
        JsonNode n = node(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field + ": must be a string");
        }
        return n.asText();
    }

    long integer(String field, long dflt) {
        JsonNode n = node(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest(field + ": must be a whole number");
        }
        return n.asLong();
    }

    double number(String field, double dflt) {
        JsonNode n = node(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw ApiException.badRequest(field + ": must be a number");
        }
        return n.asDouble();
    }

    Boolean bool(String field) {
        JsonNode n = node(field);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest(field + ": must be true or false");
        }
        return n.asBoolean();
    }

    /** A list of strings, given as a JSON array or as one comma-separated string; null when absent. */
    List<String> strings(String field) {
        JsonNode n = node(field);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw ApiException.badRequest(field + "[" + i + "]: must be a string");
                }
                out.add(n.get(i).asText().trim());
            }
        } else {
            throw ApiException.badRequest(field + ": must be an array of strings");
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest(field + ": must not be empty");
        }
        return out;
    }
}
