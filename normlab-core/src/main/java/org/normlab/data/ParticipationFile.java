package org.normlab.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.normlab.data.csv.CsvTable;

/**
 * Reads and checks a participation file: one row per state with its dated events, in the
 * columns of the bundled {@code mine_ban_convention.csv}. Every problem is collected with its
 * line before anything is returned.
 */
public final class ParticipationFile {
    public static final List<String> COLUMNS = List.of(
            "iso3",
            "state",
            "signature_date",
            "consent_date",
            "consent_type",
            "entry_into_force_date",
            "withdrawal_notified_date",
            "withdrawal_effective_date");
    public static final List<String> OPTIONAL = List.of("notes");
    static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    /** Earliest date a file may give: treaty records begin long after it, so an earlier one is a typo. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** Latest date a file may give: placeholders such as 9999-12-31 are refused, not stored. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);

    private ParticipationFile() {}

    /**
     * Checks the table and returns its rows as participations.
     *
     * @param table          the parsed CSV
     * @param knownStates    ISO3 codes accepted
     * @param allowUnknown   accept well-formed codes outside {@code knownStates}
     * @throws DataException listing every problem found
     */
    public static List<Participation> parse(CsvTable table, Set<String> knownStates, boolean allowUnknown) {
        ProblemCollector problems = new ProblemCollector(table.name());
        List<Participation> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            long line = row.line();
            String iso3 = row.get("iso3");
            checkState(problems, line, iso3, knownStates, allowUnknown);
            Long first = seen.putIfAbsent(iso3, line);
            if (first != null) {
                problems.add(
                        line, "state " + iso3 + " appears twice (first on line " + first + "); give one row per state");
            }
            LocalDate signature = date(problems, line, row, "signature_date");
            LocalDate consent = date(problems, line, row, "consent_date");
            LocalDate eif = date(problems, line, row, "entry_into_force_date");
            LocalDate notified = date(problems, line, row, "withdrawal_notified_date");
            LocalDate effective = date(problems, line, row, "withdrawal_effective_date");
            String typeCode = row.get("consent_type");
            ConsentType type = null;
            if (!typeCode.isEmpty()) {
                Optional<ConsentType> parsed = ConsentType.parse(typeCode);
                if (parsed.isEmpty()) {
                    problems.add(line, "consent_type '" + typeCode + "' is not one of: " + ConsentType.allowedCodes());
                } else {
                    type = parsed.get();
                }
            }
            boolean ok = sequence(problems, line, row, signature, consent, typeCode, eif, notified, effective);
            if (ok && problems.isEmpty()) { // rows are built only while the file is clean: any problem refuses all
                out.add(new Participation(
                        iso3, row.get("state"), signature, consent, type, eif, notified, effective, row.get("notes")));
            }
        }
        problems.throwIfAny();
        return out;
    }

    static void checkState(ProblemCollector problems, long line, String iso3, Set<String> known, boolean allowUnknown) {
        if (iso3.isEmpty()) {
            problems.add(line, "iso3 is empty");
        } else if (!ISO3.matcher(iso3).matches()) {
            problems.add(line, "iso3 '" + iso3 + "' is not a three-letter upper-case code");
        } else if (!allowUnknown && !known.contains(iso3)) {
            problems.add(
                    line,
                    "unknown country code " + iso3
                            + " (not in the bundled country list; use --allow-unknown-states to accept it)");
        }
    }

    private static LocalDate date(ProblemCollector problems, long line, CsvTable.Row row, String column) {
        String text = row.get(column);
        if (text.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(line, column + " '" + text + "' is not a date that exists (expected YYYY-MM-DD)");
            return null;
        }
        if (!inRange(date)) {
            problems.add(line, column + " " + date + " is outside " + EARLIEST_DATE + ".." + LATEST_DATE);
            return null;
        }
        return date;
    }

    /** Whether {@code date} lies within {@link #EARLIEST_DATE}..{@link #LATEST_DATE}. */
    public static boolean inRange(LocalDate date) {
        return !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
    }

    /** Checks the order of events; returns false when the row cannot be a real history. */
    private static boolean sequence(
            ProblemCollector problems,
            long line,
            CsvTable.Row row,
            LocalDate signature,
            LocalDate consent,
            String typeCode,
            LocalDate eif,
            LocalDate notified,
            LocalDate effective) {
        boolean ok = true;
        if (consent != null && typeCode.isEmpty()) {
            problems.add(line, "consent_date is given but consent_type is empty");
            ok = false;
        }
        if (consent == null && !typeCode.isEmpty() && row.get("consent_date").isEmpty()) {
            problems.add(line, "consent_type '" + typeCode + "' is given but consent_date is empty");
            ok = false;
        }
        if (signature != null && consent != null && signature.isAfter(consent)) {
            problems.add(line, "signature_date " + signature + " is after consent_date " + consent);
            ok = false;
        }
        if (eif != null && consent == null && row.get("consent_date").isEmpty()) {
            problems.add(line, "entry_into_force_date " + eif + " is given without a consent_date");
            ok = false;
        }
        // A succession may take effect from independence, before the notification is deposited.
        if (eif != null && consent != null && eif.isBefore(consent) && !"succession".equals(typeCode)) {
            problems.add(line, "entry_into_force_date " + eif + " is before consent_date " + consent);
            ok = false;
        }
        if (notified != null && consent == null && row.get("consent_date").isEmpty()) {
            problems.add(line, "withdrawal_notified_date " + notified + " is given but the state never consented");
            ok = false;
        }
        if (notified != null && consent != null && notified.isBefore(consent)) {
            problems.add(line, "consent_date " + consent + " is after the withdrawal notified on " + notified);
            ok = false;
        }
        if (effective != null
                && notified == null
                && row.get("withdrawal_notified_date").isEmpty()) {
            problems.add(
                    line, "withdrawal_effective_date " + effective + " is given without a withdrawal_notified_date");
            ok = false;
        }
        if (effective != null && notified != null && effective.isBefore(notified)) {
            problems.add(
                    line, "withdrawal_effective_date " + effective + " is before withdrawal_notified_date " + notified);
            ok = false;
        }
        if (signature == null
                && consent == null
                && row.get("signature_date").isEmpty()
                && row.get("consent_date").isEmpty()) {
            problems.add(line, "the row has neither a signature_date nor a consent_date");
            ok = false;
        }
        return ok;
    }
}
