package org.normlab.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.normlab.data.csv.CsvTable;

/**
 * Reads and checks a long-format indicator file: {@code iso3,year,name,value,source}. Values are
 * numbers, except for the indicators named as text, whose values are categories ("democracy",
 * "one-party state"): non-blank, on one line (spaces around a cell are trimmed), at most
 * {@value #MAX_CATEGORY} characters.
 */
public final class IndicatorFile {
    public static final List<String> COLUMNS = List.of("iso3", "year", "name", "value", "source");
    /** Indicator names are usable as variable names. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final int MIN_YEAR = 1800;
    public static final int MAX_YEAR = 2200;
    /** Longest category of a text indicator, in characters. */
    public static final int MAX_CATEGORY = 100;

    private IndicatorFile() {}

    /** @throws DataException listing every problem found */
    public static List<IndicatorValue> parse(CsvTable table, Set<String> knownStates, boolean allowUnknown) {
        return parse(table, knownStates, allowUnknown, Set.of());
    }

    /**
     * Reads the file; the indicators named in {@code text} hold categories, every other one numbers.
     *
     * @throws DataException listing every problem found, including a name of {@code text} that the
     *                       file does not hold
     */
    public static List<IndicatorValue> parse(
            CsvTable table, Set<String> knownStates, boolean allowUnknown, Set<String> text) {
        ProblemCollector problems = new ProblemCollector(table.name());
        Set<String> names = new java.util.HashSet<>();
        List<IndicatorValue> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            long line = row.line();
            String iso3 = row.get("iso3");
            ParticipationFile.checkState(problems, line, iso3, knownStates, allowUnknown);
            Integer year = year(problems, line, "year", row.get("year"));
            String name = row.get("name");
            if (!NAME.matcher(name).matches()) {
                problems.add(
                        line,
                        "name '" + name + "' is not a valid indicator name "
                                + "(lower-case letters, digits and underscores, starting with a letter)");
            } else {
                VariableNames.reservedReason(name).ifPresent(reason -> problems.add(line, reason));
            }
            names.add(name);
            String valueText = row.get("value");
            Double value = null;
            if (text.contains(name)) {
                category(problems, line, name, valueText);
            } else {
                try {
                    value = Double.parseDouble(valueText);
                    if (!Double.isFinite(value)) {
                        problems.add(line, "value '" + valueText + "' is not a finite number");
                    }
                } catch (NumberFormatException e) {
                    problems.add(
                            line,
                            "value '" + valueText + "' is not a number (if " + name
                                    + " holds categories, import it with --text " + name + ")");
                }
            }
            String key = iso3 + "|" + year + "|" + name;
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add(
                        line, "duplicate key " + iso3 + " " + year + " " + name + " (first on line " + first + ")");
            }
            if (problems.isEmpty()) {
                out.add(
                        value == null
                                ? IndicatorValue.category(name, iso3, year, valueText, row.get("source"))
                                : new IndicatorValue(name, iso3, year, value, row.get("source")));
            }
        }
        for (String t : new java.util.TreeSet<>(text)) {
            if (!names.contains(t)) {
                problems.add(0, "--text " + t + ": the file has no indicator of that name");
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static void category(ProblemCollector problems, long line, String name, String text) {
        if (text.isBlank()) {
            problems.add(line, "value of " + name + " is empty; leave the state-year out instead (unknown)");
        } else if (SafeText.hasControl(text)) {
            problems.add(
                    line,
                    "value of " + name + " contains control characters (line breaks, tabs or "
                            + "terminal codes); give each category on one line of plain text");
        } else if (text.length() > MAX_CATEGORY) {
            problems.add(
                    line,
                    "value of " + name + " is " + text.length() + " characters long; a category " + "has at most "
                            + MAX_CATEGORY);
        }
    }

    static Integer year(ProblemCollector problems, long line, String column, String text) {
        try {
            int year = Integer.parseInt(text);
            if (year < MIN_YEAR || year > MAX_YEAR) {
                problems.add(line, column + " " + year + " is outside " + MIN_YEAR + "-" + MAX_YEAR);
                return null;
            }
            return year;
        } catch (NumberFormatException e) {
            problems.add(line, column + " '" + text + "' is not a year");
            return null;
        }
    }
}
