package org.normlab.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for the three places the report puts text: HTML, JSON in a script element, inline code. */
final class Html {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCRIPT_BREAKERS = Pattern.compile("<(?=/script|!--)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_END = Pattern.compile("<(?=/style)", Pattern.CASE_INSENSITIVE);

    private Html() {}

    /** Text for an element's content or a quoted attribute value; null prints as nothing. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A fragment identifier made of letters, digits, '-' and '_' only. */
    static String id(String s) {
        String id = s == null ? "" : s.replaceAll("[^A-Za-z0-9_-]+", "-");
        return id.isEmpty() ? "x" : id;
    }

    /**
     * A value as JSON that can sit inside {@code <script type="application/json">}: '<', '>' and
     * '&' (which JSON only allows inside strings) become unicode escapes, so neither
     * {@code </script>} nor {@code <!--} can occur, and the text still parses as the same JSON.
     */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the study report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * JavaScript source for an inline script element: {@code </script} and {@code <!--} have their
     * '<' written as {@code \x3C}, which means the same inside strings and regular expressions,
     * the only places they can occur in working code.
     */
    static String script(String js) {
        return SCRIPT_BREAKERS.matcher(js).replaceAll(Matcher.quoteReplacement("\\x3C"));
    }

    /** A style sheet for an inline style element: {@code </style} cannot end it early. */
    static String style(String css) {
        return STYLE_END.matcher(css).replaceAll(Matcher.quoteReplacement("\\3C "));
    }
}
