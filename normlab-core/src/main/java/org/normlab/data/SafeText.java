package org.normlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two rules for text that came from a user's file or option and leaves normlab again. Every
 * CSV writer passes its cells through {@link #csvCell}; every title, name or source printed to a
 * terminal goes through {@link #printable}. Stateless; thread safe.
 */
public final class SafeText {
    /** A cell that is only a number, such as {@code -1.5} or {@code +3e-2}: spreadsheets read it as one. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private SafeText() {}

    /**
     * Neutralises a CSV cell that a spreadsheet would run as a formula (the OWASP rule for CSV
     * injection): a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
     * carriage return gets a single quote in front, unless it is a plain number such as
     * {@code -0.25}, which stays as it is. Every other cell is returned unchanged; null stays null.
     */
    public static String csvCell(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !PLAIN_NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }

    /** {@link #csvCell} for any value: numbers and other non-text values are written by {@code toString}. */
    public static Object csvValue(Object value) {
        return value instanceof CharSequence s ? csvCell(s.toString()) : value;
    }

    /** {@link #csvValue} applied to every value of a record, ready for {@code CSVPrinter.printRecord}. */
    public static List<Object> csvRecord(Object... values) {
        List<Object> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(csvValue(v));
        }
        return out;
    }

    /**
     * Text safe to print on a terminal: line breaks and tabs become one space each run, other
     * control characters (escape codes, bell, C1 controls) and the invisible bidirectional
     * overrides are dropped. Null stays null.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                if (!space) {
                    b.append(' ');
                    space = true;
                }
                continue;
            }
            space = false;
            if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Whether {@code text} holds a character that {@link #printable} would change. */
    public static boolean hasControl(String text) {
        return text != null && !printable(text).equals(text);
    }
}
