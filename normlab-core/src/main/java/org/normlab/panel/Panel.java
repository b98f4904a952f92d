package org.normlab.panel;

import java.util.List;
import java.util.Map;

/**
 * A risk-set panel: one row per state-year at risk, the event indicator and one column per
 * variable (column-major, so estimators read it without copying). Immutable by convention: the
 * arrays are not copied, callers must not change them.
 *
 * @param spec      what was asked for (with the years resolved)
 * @param iso3      state of each row
 * @param year      risk year of each row
 * @param event     1 when the transition happened in that year, else 0
 * @param names     column names: the variables, then any {@code _missing} flag columns
 * @param columns   values, {@code columns[j][row]}
 * @param dropped   rows dropped per variable because its value was missing (DROP policy)
 * @param filled    rows filled per variable (FILL policy)
 * @param leftOut   events of the year range that are not event rows of the panel, by reason: the
 *                  states and years ("MNE 2006") left out for that reason
 * @param levels    for each column of text categories, its categories in order: the column holds
 *                  a category's 1-based position in this list (empty for a panel of numbers)
 */
public record Panel(
        PanelSpec spec,
        String[] iso3,
        int[] year,
        double[] event,
        List<String> names,
        double[][] columns,
        Map<String, Integer> dropped,
        Map<String, Integer> filled,
        Map<String, List<String>> leftOut,
        Map<String, List<String>> levels) {
    /** A panel of numbers only. */
    public Panel(
            PanelSpec spec,
            String[] iso3,
            int[] year,
            double[] event,
            List<String> names,
            double[][] columns,
            Map<String, Integer> dropped,
            Map<String, Integer> filled,
            Map<String, List<String>> leftOut) {
        this(spec, iso3, year, event, names, columns, dropped, filled, leftOut, Map.of());
    }

    /** The categories of a column of text categories, or null for a column of numbers. */
    public List<String> levelsOf(String name) {
        return levels.get(name);
    }

    /** The category in a cell of a column of text categories, or null in a column of numbers. */
    public String category(int column, int row) {
        List<String> lv = levels.get(names.get(column));
        double v = columns[column][row];
        return lv == null ? null : lv.get((int) v - 1);
    }

    /** Events left out of the panel, in all. */
    public int eventsLeftOut() {
        return leftOut.values().stream().mapToInt(List::size).sum();
    }

    /** A sentence listing the events left out with their reasons, or saying there are none. */
    public String leftOutReport() {
        if (leftOut.isEmpty()) {
            return "every " + spec.transition().code() + " of " + spec.firstYear() + "-" + spec.lastYear()
                    + " is an event of the panel";
        }
        StringBuilder b = new StringBuilder(eventsLeftOut() + " "
                + spec.transition().code() + "(s) of " + spec.firstYear() + "-" + spec.lastYear() + " left out: ");
        List<String> parts = new java.util.ArrayList<>();
        new java.util.TreeMap<>(leftOut)
                .forEach((reason, who) -> parts.add(who.size() + " " + reason + " (" + String.join(", ", who) + ")"));
        return b.append(String.join("; ", parts)).toString();
    }

    public int rows() {
        return year.length;
    }

    public int events() {
        int n = 0;
        for (double e : event) {
            n += e > 0 ? 1 : 0;
        }
        return n;
    }

    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return columns[j];
    }

    /** A sentence saying how missing values were handled, for printing beside results. */
    public String missingReport() {
        if (dropped.isEmpty() && filled.isEmpty()) {
            return "no missing values among the variables";
        }
        StringBuilder b = new StringBuilder();
        if (!dropped.isEmpty()) {
            b.append("rows dropped for missing values (a row can miss several): ")
                    .append(dropped);
        }
        if (!filled.isEmpty()) {
            b.append(b.length() > 0 ? "; " : "")
                    .append("missing values set to 0 with a _missing flag column: ")
                    .append(filled);
        }
        return b.toString();
    }
}
