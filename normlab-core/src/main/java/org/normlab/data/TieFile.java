package org.normlab.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.normlab.data.csv.CsvTable;

/**
 * Reads and checks a ties file: {@code iso3_a,iso3_b,kind,from_year,to_year} (to_year may be empty)
 * and an optional {@code weight} column (a finite number &gt; 0; empty or absent = 1).
 */
public final class TieFile {
    public static final List<String> COLUMNS = List.of("iso3_a", "iso3_b", "kind", "from_year", "to_year");
    /** Optional columns: {@code weight}, the strength of the tie in a weighted exposure. */
    public static final List<String> OPTIONAL = List.of("weight");

    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private TieFile() {}

    /** @throws DataException listing every problem found */
    public static List<Tie> parse(CsvTable table, Set<String> knownStates, boolean allowUnknown) {
        ProblemCollector problems = new ProblemCollector(table.name());
        List<Tie> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            long line = row.line();
            String a = row.get("iso3_a");
            String b = row.get("iso3_b");
            ParticipationFile.checkState(problems, line, a, knownStates, allowUnknown);
            ParticipationFile.checkState(problems, line, b, knownStates, allowUnknown);
            if (!a.isEmpty() && a.equals(b)) {
                problems.add(line, "a tie needs two different states, got " + a + " twice");
            }
            String kind = row.get("kind");
            if (!KIND.matcher(kind).matches()) {
                problems.add(line, "kind '" + kind + "' is not valid (lower-case letters, digits, underscores)");
            }
            Integer from = IndicatorFile.year(problems, line, "from_year", row.get("from_year"));
            Integer to = row.get("to_year").isEmpty()
                    ? null
                    : IndicatorFile.year(problems, line, "to_year", row.get("to_year"));
            if (from != null && to != null && to < from) {
                problems.add(line, "to_year " + to + " is before from_year " + from);
            }
            double weight = 1.0;
            String w = row.get("weight");
            if (!w.isEmpty()) {
                try {
                    weight = Double.parseDouble(w);
                } catch (NumberFormatException e) {
                    weight = Double.NaN;
                }
                if (!(weight > 0) || !Double.isFinite(weight) || !w.matches("[0-9.eE+-]+")) {
                    problems.add(line, "weight '" + SafeText.printable(w) + "' is not a finite number > 0");
                }
            }
            String lo = a.compareTo(b) <= 0 ? a : b;
            String hi = a.compareTo(b) <= 0 ? b : a;
            String key = lo + "|" + hi + "|" + kind + "|" + from;
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add(
                        line,
                        "duplicate tie " + lo + "-" + hi + " " + kind + " from " + from + " (first on line " + first
                                + ")");
            }
            if (problems.isEmpty()) {
                out.add(new Tie(lo, hi, kind, from, to, weight));
            }
        }
        problems.throwIfAny();
        return out;
    }
}
