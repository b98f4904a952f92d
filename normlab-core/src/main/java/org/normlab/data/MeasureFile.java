package org.normlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.data.csv.CsvTable;

/**
 * Reads and checks a measures file ({@code data import --kind measures}): one row per measure,
 * columns {@code iso3,instruments,measure,scope,scope_detail,year_from,year_to,source} and an
 * optional {@code notes}. {@code instruments} names the instrument ids the measure concerns,
 * separated by {@code ;}; {@code scope} is {@code all}, {@code partial}, {@code unknown} or
 * {@code none}; empty {@code year_from} means before any year in the data, empty {@code year_to}
 * means still in force as of the source. Stateless.
 */
public final class MeasureFile {
    public static final List<String> COLUMNS =
            List.of("iso3", "instruments", "measure", "scope", "scope_detail", "year_from", "year_to", "source");
    public static final List<String> OPTIONAL = List.of("notes");

    private MeasureFile() {}

    /**
     * @param instruments ids of the stored instruments (a measure must concern one of them)
     * @throws DataException listing every problem found
     */
    public static List<Measure> parse(
            CsvTable table, Set<String> knownStates, Set<String> instruments, boolean allowUnknown) {
        ProblemCollector problems = new ProblemCollector(table.name());
        List<Measure> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            long line = row.line();
            String iso3 = row.get("iso3");
            ParticipationFile.checkState(problems, line, iso3, knownStates, allowUnknown);
            List<String> ids = Arrays.stream(row.get("instruments").split(";"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (ids.isEmpty()) {
                problems.add(
                        line, "instruments is empty: name the instrument id(s) the measure concerns, separated by ';'");
            }
            for (String id : ids) {
                if (!instruments.contains(id)) {
                    problems.add(
                            line,
                            "instruments: unknown instrument '" + id + "' (stored: "
                                    + String.join(", ", new java.util.TreeSet<>(instruments)) + ")");
                }
            }
            String measure = row.get("measure");
            if (!IndicatorFile.NAME.matcher(measure).matches()) {
                problems.add(
                        line,
                        "measure '" + measure + "' is not a valid name (lower-case letters, digits and "
                                + "underscores, starting with a letter)");
            }
            String scope = row.get("scope");
            if (!Measure.SCOPES.contains(scope)) {
                problems.add(line, "scope '" + scope + "' is not one of all, partial, unknown, none");
            }
            Integer from = optionalYear(problems, line, "year_from", row.get("year_from"));
            Integer to = optionalYear(problems, line, "year_to", row.get("year_to"));
            if (from != null && to != null && to < from) {
                problems.add(line, "year_to " + to + " is before year_from " + from);
            }
            String key = iso3 + "|" + String.join(";", ids) + "|" + measure + "|" + from;
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add(
                        line,
                        "duplicate measure " + measure + " of " + iso3 + " from " + from + " (first on line " + first
                                + ")");
            }
            if (problems.isEmpty()) {
                out.add(new Measure(
                        iso3,
                        ids,
                        measure,
                        scope,
                        row.get("scope_detail"),
                        from,
                        to,
                        row.get("source"),
                        row.get("notes")));
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static Integer optionalYear(ProblemCollector problems, long line, String column, String text) {
        return text.isEmpty() ? null : IndicatorFile.year(problems, line, column, text);
    }
}
