package org.normlab.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.normlab.data.csv.CsvTable;

/** Reads and checks a long-format indicator file: {@code iso3,year,name,value,source}. */
public final class IndicatorFile {
    public static final List<String> COLUMNS = List.of("iso3", "year", "name", "value", "source");
    /** Indicator names are usable as variable names. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final int MIN_YEAR = 1800;
    public static final int MAX_YEAR = 2200;

    private IndicatorFile() {}

    /** @throws DataException listing every problem found */
    public static List<IndicatorValue> parse(CsvTable table, Set<String> knownStates, boolean allowUnknown) {
        ProblemCollector problems = new ProblemCollector(table.name());
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
            String valueText = row.get("value");
            Double value = null;
            try {
                value = Double.parseDouble(valueText);
                if (!Double.isFinite(value)) {
                    problems.add(line, "value '" + valueText + "' is not a finite number");
                }
            } catch (NumberFormatException e) {
                problems.add(line, "value '" + valueText + "' is not a number");
            }
            String key = iso3 + "|" + year + "|" + name;
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add(
                        line, "duplicate key " + iso3 + " " + year + " " + name + " (first on line " + first + ")");
            }
            if (problems.isEmpty()) {
                out.add(new IndicatorValue(name, iso3, year, value, row.get("source")));
            }
        }
        problems.throwIfAny();
        return out;
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
