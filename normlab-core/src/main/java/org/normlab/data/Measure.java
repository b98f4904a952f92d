package org.normlab.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A state's measure towards a norm short of joining its instrument, as its source states it: what
 * it is (a production halt, an export moratorium, a stockpile destroyed, or a listing that
 * contradicts the norm), its scope, the years it is in force and the instrument(s) whose norm it
 * concerns. A measure of scope {@code none} records no restraint (e.g. a Landmine Monitor producer
 * listing) and does not count as sharing the norm in deeds. Immutable.
 *
 * @param iso3        state
 * @param instruments ids of the instruments whose norm the measure concerns (at least one)
 * @param measure     lower-case name, e.g. {@code production_halt}
 * @param scope       {@code all} (the whole class of weapons the instrument covers), {@code partial}
 *                    (some types or recipients only), {@code unknown} (not stated) or {@code none}
 * @param scopeDetail what a partial measure covers, in the source's words ("" when not stated)
 * @param yearFrom    first calendar year in force, or null when it began before any year in the data
 * @param yearTo      last calendar year in force, or null when open (in force as of its last source)
 * @param source      where it comes from; for bundled measures the file and row, so a reader can check it
 * @param notes       the evidence in words
 */
public record Measure(
        String iso3,
        List<String> instruments,
        String measure,
        String scope,
        String scopeDetail,
        Integer yearFrom,
        Integer yearTo,
        String source,
        String notes) {
    /** Scopes a measure may have. */
    public static final Set<String> SCOPES = Set.of("all", "partial", "unknown", "none");

    public Measure {
        Objects.requireNonNull(iso3, "iso3");
        Objects.requireNonNull(measure, "measure");
        instruments = List.copyOf(instruments);
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("a measure concerns at least one instrument");
        }
        if (!SCOPES.contains(scope)) {
            throw new IllegalArgumentException("unknown scope " + scope);
        }
        if (yearFrom != null && yearTo != null && yearTo < yearFrom) {
            throw new IllegalArgumentException("year_to before year_from");
        }
        scopeDetail = scopeDetail == null ? "" : scopeDetail;
        source = source == null ? "" : source;
        notes = notes == null ? "" : notes;
    }

    /** Whether the measure concerns the instrument's norm. */
    public boolean concerns(String instrument) {
        return instruments.contains(instrument);
    }

    /** Whether the measure is in force in the calendar year. */
    public boolean inForce(int year) {
        return (yearFrom == null || yearFrom <= year) && (yearTo == null || year <= yearTo);
    }

    /** Whether the measure shares the norm in deeds (any scope but {@code none}). */
    public boolean adherent() {
        return !"none".equals(scope);
    }

    /** The years in words: "1994-2012", "2001", "from 1997 (open as of its last source)", "before the data to 2005". */
    public String years() {
        if (yearFrom == null) {
            return yearTo == null
                    ? "since before the data (open as of its last source)"
                    : "since before the data to " + yearTo;
        }
        if (yearTo == null) {
            return "from " + yearFrom + " (open as of its last source)";
        }
        return yearFrom.equals(yearTo) ? Integer.toString(yearFrom) : yearFrom + "-" + yearTo;
    }

    /** e.g. "production halt, partial (blast mines only), 1994-2012". */
    public String describe() {
        String what = measure.replace('_', ' ');
        String sc = switch (scope) {
            case "all" -> "all types";
            case "none" -> "no restraint";
            case "unknown" -> "scope not stated";
            default -> scopeDetail.isEmpty() ? "partial" : "partial (" + scopeDetail + ")";
        };
        return String.format(Locale.ROOT, "%s, %s, %s", what, sc, years());
    }
}
