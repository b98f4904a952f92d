package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.data.IndicatorFile;
import org.normlab.data.IndicatorValue;
import org.normlab.data.Instrument;
import org.normlab.data.Measure;
import org.normlab.data.MeasureFile;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.ParticipationFile;
import org.normlab.data.SafeText;
import org.normlab.data.StateStatus;
import org.normlab.data.Status;
import org.normlab.data.StatusTable;
import org.normlab.data.Tie;
import org.normlab.data.TieFile;
import org.normlab.data.VariableNames;
import org.normlab.data.csv.CsvTable;
import org.normlab.report.JsonViews;
import org.normlab.store.EntryKind;
import org.normlab.store.IndicatorSummary;
import org.normlab.store.NormlabStore;
import org.normlab.store.Origin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code normlab data}: import, validate, query and export the stored data. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Import, validate, query and export treaty participation, indicators and ties.",
        subcommands = {
            DataCommand.Import.class,
            DataCommand.Validate.class,
            DataCommand.StatusCmd.class,
            DataCommand.Where.class,
            DataCommand.ListCmd.class,
            DataCommand.Export.class,
            DataCommand.Remove.class
        })
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Kind {
        instrument,
        indicators,
        ties,
        measures
    }

    /** What a file of a given kind holds once checked. */
    record Checked(
            Kind kind,
            List<Participation> participation,
            List<IndicatorValue> indicators,
            List<Tie> ties,
            List<Measure> measures) {
        int size() {
            return switch (kind) {
                case instrument -> participation.size();
                case indicators -> indicators.size();
                case ties -> ties.size();
                case measures -> measures.size();
            };
        }
    }

    /** Options that say how to read a file. */
    static final class FileOptions {
        @Parameters(index = "0", paramLabel = "FILE", description = "CSV file to read")
        Path file;

        @Option(
                names = "--kind",
                required = true,
                paramLabel = "KIND",
                description = "what the file holds: ${COMPLETION-CANDIDATES}")
        Kind kind;

        @Option(
                names = "--allow-unknown-states",
                description = "accept well-formed ISO3 codes that are not in the bundled country list")
        boolean allowUnknown;

        @Option(
                names = "--text",
                split = ",",
                paramLabel = "NAME",
                description = "indicators of the file whose values are text categories (kind indicators), e.g. "
                        + "--text regime_type; they enter models as factor(NAME)")
        Set<String> text;

        Checked check(NormlabStore store) {
            if (text != null && kind != Kind.indicators) {
                throw new BadInputException(
                        "--text names indicators of text categories; it applies to " + "--kind indicators only");
            }
            Set<String> known = store.knownStates();
            return switch (kind) {
                case instrument ->
                    new Checked(
                            kind,
                            ParticipationFile.parse(
                                    CsvTable.read(file, ParticipationFile.COLUMNS, ParticipationFile.OPTIONAL),
                                    known,
                                    allowUnknown),
                            null,
                            null,
                            null);
                case indicators ->
                    new Checked(
                            kind,
                            null,
                            IndicatorFile.parse(
                                    CsvTable.read(file, IndicatorFile.COLUMNS, List.of()),
                                    known,
                                    allowUnknown,
                                    text == null ? Set.of() : text),
                            null,
                            null);
                case ties ->
                    new Checked(
                            kind,
                            null,
                            null,
                            TieFile.parse(CsvTable.read(file, TieFile.COLUMNS, TieFile.OPTIONAL), known, allowUnknown),
                            null);
                case measures ->
                    new Checked(
                            kind,
                            null,
                            null,
                            null,
                            MeasureFile.parse(
                                    CsvTable.read(file, MeasureFile.COLUMNS, MeasureFile.OPTIONAL),
                                    known,
                                    store.instruments().stream()
                                            .map(Instrument::id)
                                            .collect(java.util.stream.Collectors.toSet()),
                                    allowUnknown));
            };
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Check a CSV file and store it in one transaction; a file with any problem is refused "
                        + "whole (exit code 2) and nothing changes.",
                "Instrument files have the columns iso3,state,signature_date,consent_date,consent_type,"
                        + "entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date[,notes]; "
                        + "indicator files iso3,year,name,value,source (values numbers, or categories for the "
                        + "indicators named by --text); tie files iso3_a,iso3_b,kind,from_year,to_year; "
                        + "measure files iso3,instruments,measure,scope,scope_detail,year_from,year_to,source[,notes] "
                        + "(instruments: stored instrument ids separated by ';'; scope all, partial, unknown or none; "
                        + "empty year_from = before the data, empty year_to = in force as of the source)."
            })
    static final class Import implements Runnable {
        @Mixin
        DbOption db;

        @ArgGroup(exclusive = false, multiplicity = "1")
        FileOptions file;

        @Option(names = "--id", paramLabel = "ID", description = "instrument id (kind instrument)")
        String id;

        @Option(names = "--title", paramLabel = "TEXT", description = "instrument title (kind instrument)")
        String title;

        @Option(
                names = "--opened",
                paramLabel = "YYYY-MM-DD",
                description = "date opened for signature (kind instrument)")
        String opened;

        @Option(
                names = "--eif-count",
                paramLabel = "N",
                defaultValue = "0",
                description =
                        "consents needed for entry into force (kind instrument; default ${DEFAULT-VALUE} = not given)")
        int eifCount;

        @Option(
                names = "--replace",
                description = "replace an instrument, indicator or tie kind of the same name; "
                        + "for measures, the imported measures of the instruments the file names")
        boolean replace;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Instrument instrument = null;
            if (file.kind == Kind.instrument) {
                instrument = instrument();
            }
            PrintWriter out = spec.commandLine().getOut();
            try (NormlabStore store = db.openForWriting()) {
                Checked checked = file.check(store);
                if (instrument != null) {
                    checkAgainstOpening(instrument, checked.participation());
                }
                String source = file.file.getFileName().toString();
                switch (file.kind) {
                    case instrument -> store.importInstrument(instrument, checked.participation(), replace);
                    case indicators -> store.importIndicators(checked.indicators(), source, replace);
                    case ties -> store.importTies(checked.ties(), source, replace);
                    case measures -> store.importMeasures(checked.measures(), replace);
                }
                out.println(SafeText.printable("imported " + checked.size() + " rows of " + file.kind + " from "
                        + file.file + (instrument != null ? " as instrument '" + instrument.id() + "'" : "")));
            }
        }

        /** The instrument the options describe; every option problem is bad input (exit code 2). */
        private Instrument instrument() {
            if (id == null || title == null || opened == null) {
                throw new BadInputException("--kind instrument needs --id, --title and --opened");
            }
            try {
                Instrument.checkId(id);
            } catch (NormlabException e) {
                throw new BadInputException("--id: " + e.getMessage());
            }
            if (title.isBlank()) {
                throw new BadInputException("--title is empty; give the instrument's title");
            }
            if (SafeText.hasControl(title)) {
                throw new BadInputException("--title contains control characters (line breaks, tabs or terminal "
                        + "codes); give it on one line of plain text");
            }
            if (eifCount < 0) {
                throw new BadInputException("--eif-count must be 0 (not given) or more, got " + eifCount);
            }
            LocalDate openedOn = parseDate("--opened", opened);
            if (!ParticipationFile.inRange(openedOn)) {
                throw new BadInputException("--opened " + openedOn + " is outside " + ParticipationFile.EARLIEST_DATE
                        + ".." + ParticipationFile.LATEST_DATE);
            }
            return new Instrument(id, title.strip(), openedOn, eifCount, "imported from " + file.file.getFileName());
        }

        /** A signature or consent before the opening date is an impossible sequence. */
        private void checkAgainstOpening(Instrument instrument, List<Participation> rows) {
            for (Participation p : rows) {
                LocalDate first = p.firstEvent();
                if (first != null && first.isBefore(instrument.opened().minusYears(1))) {
                    throw new BadInputException(file.file + ": " + p.iso3() + " acts on " + first
                            + ", more than a year before --opened " + instrument.opened() + "; check --opened");
                }
            }
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check a CSV file as import would, without storing anything. Exit code 2 when it has problems.")
    static final class Validate implements Runnable {
        @Mixin
        DbOption db;

        @ArgGroup(exclusive = false, multiplicity = "1")
        FileOptions file;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            try (NormlabStore store = db.openReadOnly()) {
                Checked checked = file.check(store);
                spec.commandLine().getOut().println(file.file + ": OK, " + checked.size() + " rows of " + file.kind);
            }
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Every state's status towards an instrument on a date: none, signatory, party or withdrawn.",
                "States are the state system on that date (Gleditsch-Ward list; dates after its last day carry "
                        + "it forward, flagged) plus every participant that has signed or consented by then."
            })
    static final class StatusCmd implements Runnable {
        @Mixin
        DbOption db;

        @Option(names = "--instrument", required = true, paramLabel = "ID", description = "instrument id")
        String instrument;

        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "the date")
        String date;

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); CSV columns are iso3,name,status")
        Format format;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            LocalDate day = parseDate("--date", date);
            PrintWriter out = spec.commandLine().getOut();
            StatusTable table;
            try (NormlabStore store = db.openReadOnly()) {
                table = StatusTable.on(
                        day, store.participation(instrument), store.spells(), store.countries(), store.systemListEnd());
                if (table.extrapolated()) {
                    spec.commandLine()
                            .getErr()
                            .println("note: " + day + " is after the end of the state-system list ("
                                    + store.systemListEnd() + "); its last membership is carried forward");
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (StateStatus s : table.rows()) {
                rows.add(List.of(s.iso3(), s.name(), s.status().code()));
            }
            switch (format) {
                case csv -> Output.csv(out, List.of("iso3", "name", "status"), rows);
                case json -> Output.json(out, JsonViews.status(instrument, day, table));
                case table -> {
                    Output.table(out, List.of("iso3", "name", "status"), rows);
                    Map<Status, Integer> c = table.counts();
                    out.println();
                    out.println(instrument + " on " + day + ": " + c.get(Status.PARTY) + " parties, "
                            + c.get(Status.SIGNATORY) + " signatories, " + c.get(Status.WITHDRAWN) + " withdrawn, "
                            + c.get(Status.NONE) + " none (" + table.rows().size() + " states"
                            + (table.extrapolated() ? ", system carried forward" : "") + ")");
                }
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List the instruments (id, title, parties today), indicators (name, years, states, "
                        + "source) and tie kinds, each with its origin: bundled, imported, or imported in place of the "
                        + "bundled entry of the same name (undo that with normlab data remove)."
            })
    static final class ListCmd implements Runnable {
        @Mixin
        DbOption db;

        @Option(
                names = "--date",
                paramLabel = "YYYY-MM-DD",
                description = "count parties on this date (default: today)")
        String date;

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "table or json (default ${DEFAULT-VALUE})")
        Format format;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            if (format == Format.csv) {
                throw new BadInputException("data list prints table or json");
            }
            LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : parseDate("--date", date);
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> instruments = new ArrayList<>();
            List<Map<String, Object>> indicators = new ArrayList<>();
            List<Map<String, Object>> ties = new ArrayList<>();
            try (NormlabStore store = db.openReadOnly()) {
                Map<String, Origin> origins = store.origins(EntryKind.INSTRUMENT);
                for (Instrument i : store.instruments()) {
                    long parties = store.participation(i.id()).stream()
                            .filter(p -> p.statusOn(day) == Status.PARTY)
                            .count();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", i.id());
                    m.put("title", i.title());
                    m.put("parties", parties);
                    m.put("origin", origins.get(i.id()).label());
                    instruments.add(m);
                }
                origins = store.origins(EntryKind.INDICATOR);
                for (IndicatorSummary s : store.indicators()) {
                    // Imported by an earlier release, before the name was reserved: panels would mix
                    // it up with the variable normlab computes under that name.
                    if (origins.get(s.info().name()) != Origin.BUNDLED) {
                        VariableNames.reservedReason(s.info().name())
                                .ifPresent(reason -> spec.commandLine()
                                        .getErr()
                                        .println("note: imported indicator "
                                                + s.info().name() + " was stored before its name "
                                                + "was reserved (" + reason.replace("; rename it", "")
                                                + "); remove it with "
                                                + "normlab data remove --indicator "
                                                + s.info().name()
                                                + " and import it under another name"));
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.info().name());
                    m.put("years", s.firstYear() + "-" + s.lastYear());
                    m.put("states", s.states());
                    m.put("type", s.info().type());
                    m.put("source", s.info().source());
                    m.put("origin", origins.get(s.info().name()).label());
                    indicators.add(m);
                }
                origins = store.origins(EntryKind.TIES);
                for (Map.Entry<String, Long> e : store.tieCounts().entrySet()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", e.getKey());
                    m.put("ties", e.getValue());
                    m.put("origin", origins.get(e.getKey()).label());
                    ties.add(m);
                }
            }
            if (format == Format.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("date", day.toString());
                doc.put("instruments", instruments);
                doc.put("indicators", indicators);
                doc.put("ties", ties);
                Output.json(out, doc);
                return;
            }
            out.println("Instruments (parties on " + day + ")");
            Output.table(out, List.of("id", "title", "parties", "origin"), cells(instruments));
            out.println();
            out.println("Indicators");
            Output.table(out, List.of("name", "years", "states", "type", "source", "origin"), cells(indicators));
            out.println();
            out.println("Ties");
            Output.table(out, List.of("kind", "ties", "origin"), cells(ties));
        }

        private static List<List<String>> cells(List<Map<String, Object>> rows) {
            return rows.stream()
                    .map(r -> r.values().stream().map(String::valueOf).toList())
                    .toList();
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {
                "Remove an instrument, indicator or tie kind you imported. When it replaced the bundled "
                        + "entry of the same name (import --replace), the bundled one is back in force. Bundled data "
                        + "cannot be removed."
            })
    static final class Remove implements Runnable {
        @Mixin
        DbOption db;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Spec
        CommandSpec spec;

        /** Exactly one entry to remove. */
        static final class Target {
            @Option(names = "--instrument", paramLabel = "ID", description = "an imported instrument")
            String instrument;

            @Option(names = "--indicator", paramLabel = "NAME", description = "an imported indicator")
            String indicator;

            @Option(names = "--ties", paramLabel = "KIND", description = "the imported ties of a kind")
            String ties;
        }

        @Override
        public void run() {
            EntryKind kind = target.instrument != null
                    ? EntryKind.INSTRUMENT
                    : target.indicator != null ? EntryKind.INDICATOR : EntryKind.TIES;
            String key = target.instrument != null
                    ? target.instrument
                    : target.indicator != null ? target.indicator : target.ties;
            Origin removed;
            try (NormlabStore store = db.openForWriting()) {
                removed = store.removeImported(kind, key);
            }
            String what = kind == EntryKind.TIES ? "ties of kind '" + key + "'" : kind.code() + " '" + key + "'";
            spec.commandLine()
                    .getOut()
                    .println(SafeText.printable("removed the imported " + what
                            + (removed == Origin.REPLACES_BUNDLED ? "; the bundled one is in force again" : "")));
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write a stored table to CSV or Parquet (chosen by the --out extension).")
    static final class Export implements Runnable {
        @Mixin
        DbOption db;

        @Parameters(
                index = "0",
                paramLabel = "TABLE",
                description = "country, system_spell, instrument, participation, indicator, indicator_value, tie, "
                        + "bundled_entry or meta")
        String table;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.csv or FILE.parquet")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            try (NormlabStore store = db.openReadOnly()) {
                store.export(table, out);
            }
            spec.commandLine().getOut().println("wrote " + out);
        }
    }

    @Command(
            name = "where",
            mixinStandardHelpOptions = true,
            description = {
                "Print which database file is in use and what chose it (--db, NORMLAB_DB, XDG_DATA_HOME "
                        + "or the default ~/.local/share/normlab), and whether it exists yet."
            })
    static final class Where implements Runnable {
        @Mixin
        DbOption db;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            String source;
            if (spec.commandLine().getParseResult().hasMatchedOption("--db")) {
                source = "the --db option";
            } else {
                source = DbLocation.of(env(spec)).source();
            }
            PrintWriter out = spec.commandLine().getOut();
            Path p = db.db.toAbsolutePath();
            out.println(p);
            out.println("chosen by " + source + "; "
                    + (Files.exists(p)
                            ? "exists"
                            : "does not exist yet (created " + "and filled with the bundled data on first use)"));
        }
    }

    /** The environment the command line was started with (see {@link Main#execute}). */
    static java.util.Map<String, String> env(CommandSpec spec) {
        Object env = spec.root().userObject() instanceof Main m ? m.env : null;
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> e = (java.util.Map<String, String>) env;
        return e == null ? System.getenv() : e;
    }

    static LocalDate parseDate(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException(option + " '" + text + "' is not a date that exists (expected YYYY-MM-DD)");
        }
    }
}
