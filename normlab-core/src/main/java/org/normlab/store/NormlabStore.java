package org.normlab.store;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.ConsentType;
import org.normlab.data.Country;
import org.normlab.data.Depositor;
import org.normlab.data.IndicatorInfo;
import org.normlab.data.IndicatorValue;
import org.normlab.data.InputException;
import org.normlab.data.Instrument;
import org.normlab.data.Measure;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.SafeText;
import org.normlab.data.SystemSpell;
import org.normlab.data.Tie;
import org.normlab.data.bundled.BundledData;
import org.normlab.output.AtomicOutput;

/**
 * The embedded DuckDB database that holds normlab's data: the bundled sources, loaded on first
 * use, and whatever a user imports. Every change runs in one transaction, so a refused or failed
 * import leaves the database as it was.
 *
 * <p>Bundled and imported data are kept apart: every stored instrument, indicator and tie kind is
 * either bundled or the user's, and a user's entry of the same name as a bundled one (imported with
 * {@code --replace}) replaces it. When a release brings other bundled data, the bundled entries are
 * refreshed and the user's replacements stay in force; {@link #removeImported} brings the bundled
 * entry back.
 *
 * <p>Open it with {@link #openReadOnly} to read (any number of processes may, at once) or with
 * {@link #openForWriting} to import or remove (one process at a time, and only while nobody reads
 * it). A reader whose file does not exist yet, or was written by another release, first runs a
 * short write step (create and fill, migrate, refresh), then reopens read-only. A store is not
 * thread safe: use one per thread; within one process, read-only stores of one file share one
 * DuckDB instance.
 */
public final class NormlabStore implements AutoCloseable {
    /** Version of the table layout; a later release migrates older databases step by step. */
    public static final int SCHEMA_VERSION = 5;
    /** Tables that {@link #export} accepts. */
    public static final List<String> TABLES = List.of(
            "country",
            "system_spell",
            "instrument",
            "participation",
            "indicator",
            "indicator_value",
            "tie",
            "bundled_entry",
            "meta",
            "measure",
            "depositor");
    /** How long a reader waits, in all, for a writer that holds the file or brings it up to date. */
    static final int LOCK_ATTEMPTS = 300;

    static final long LOCK_PAUSE_MILLIS = 100;

    /** How a store is opened. */
    public enum Access {
        /** Reads only; any number of read-only stores may share a file. */
        READ_ONLY,
        /** Reads and writes; needs the file to itself. */
        WRITE
    }

    /** What a database needs before it can be read by this build. */
    private enum Condition {
        NEW,
        NEEDS_MIGRATION,
        NEEDS_REFRESH,
        READY
    }

    private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");
    private static final int META_VALUE_SHOWN = 40;
    private static final ConcurrentMap<Path, Object> PREPARING = new ConcurrentHashMap<>();
    private static final String BUNDLED_TIE_SOURCE = "bundled: countries.csv land borders; memberships.csv NATO";

    private final Connection conn;
    private final Path path;
    private final Access access;
    private boolean bundledOutdated;

    private NormlabStore(Connection conn, Path path, Access access) {
        this.conn = conn;
        this.path = path;
        this.access = access;
    }

    /**
     * Opens the database at {@code path} for writing; on first use creates and fills it, and brings
     * a database of an older schema or other bundled data up to date.
     *
     * @throws DatabaseInUseException when another process (or a read-only store of this one) holds the file
     * @throws NormlabException       when the file is read-only, not a normlab database, damaged or of a
     *                                newer schema
     */
    public static NormlabStore openForWriting(Path path) {
        createFolder(path);
        if (Files.exists(path) && !writable(path)) {
            throw new NormlabException(path + " is read-only; importing or removing data needs a database "
                    + "file (and folder) you can write, so copy it or give another --db");
        }
        NormlabStore store = new NormlabStore(connect(path, Access.WRITE), path, Access.WRITE);
        // Writers of one process share one DuckDB instance, so two of them preparing a new file at
        // once would conflict; the second waits and then finds the file ready.
        Object fileLock = PREPARING.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new Object());
        try {
            synchronized (fileLock) {
                store.prepare();
            }
        } catch (SQLException e) {
            store.closeQuietly();
            throw store.failure("prepare", e);
        } catch (RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
        return store;
    }

    /** Same as {@link #openForWriting}: the store's historical entry point. */
    public static NormlabStore open(Path path) {
        return openForWriting(path);
    }

    /**
     * Opens the database at {@code path} read-only, so that any number of readers (commands, the
     * HTTP server) use one file at once. A file that does not exist yet, or that needs a migration
     * or a refresh of the bundled data, is first brought up to date by a short write step; while
     * another process holds the file for writing, this waits (up to about
     * {@value #LOCK_ATTEMPTS} x {@value #LOCK_PAUSE_MILLIS} ms) and tries again, so that two readers
     * racing on first use both succeed. A file whose bundled data is another release's is read as
     * it is when it cannot be refreshed now, because it is read-only or other readers hold it
     * ({@link #bundledDataOutdated()} says so).
     *
     * @throws DatabaseInUseException when a writer holds the file for longer than the wait
     * @throws NormlabException       when the file cannot be created, is not a normlab database, is
     *                                damaged, is of a newer schema, or is read-only and of an older one
     */
    public static NormlabStore openReadOnly(Path path) {
        DatabaseInUseException busy = null;
        boolean wrote = false;
        boolean refreshBlocked = false;
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            if (attempt > 0 && !wrote) {
                pause();
            }
            wrote = false;
            Condition condition = Condition.NEW;
            try {
                if (Files.exists(path)) {
                    NormlabStore store = new NormlabStore(connect(path, Access.READ_ONLY), path, Access.READ_ONLY);
                    try {
                        condition = store.inspect();
                    } catch (SQLException e) {
                        store.closeQuietly();
                        throw store.failure("read", e);
                    } catch (RuntimeException e) {
                        store.closeQuietly();
                        throw e;
                    }
                    if (condition == Condition.READY) {
                        return store;
                    }
                    // Older bundled data in the current layout can still be read: do so when the
                    // file cannot be written, or while other readers keep the refresh from running.
                    if (condition == Condition.NEEDS_REFRESH && (refreshBlocked || !writable(path))) {
                        store.bundledOutdated = true;
                        return store;
                    }
                    store.closeQuietly();
                    if (!writable(path)) {
                        throw new NormlabException(path + " is read-only and "
                                + (condition == Condition.NEW ? "empty" : "of an older schema")
                                + "; open it once where it can be written, or give another --db");
                    }
                }
                try {
                    openForWriting(path).close();
                    wrote = true;
                } catch (DatabaseInUseException e) {
                    refreshBlocked = condition == Condition.NEEDS_REFRESH;
                    throw e;
                }
            } catch (DatabaseInUseException e) {
                busy = e;
            }
        }
        throw busy != null
                ? busy
                : new NormlabException(path + " keeps being changed by another normlab "
                        + "release; run one release against it at a time");
    }

    public Path path() {
        return path;
    }

    /** How this store was opened. */
    public Access access() {
        return access;
    }

    /**
     * True when this read-only store holds the bundled data of another release and could not be
     * refreshed, because the file is read-only or other readers were using it; reading works, with
     * that data. The next reader that finds the file free refreshes it.
     */
    public boolean bundledDataOutdated() {
        return bundledOutdated;
    }

    private static Connection connect(Path path, Access access) {
        Properties config = new Properties();
        if (access == Access.READ_ONLY) {
            config.setProperty("access_mode", "READ_ONLY");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), config);
        } catch (SQLException e) {
            throw openFailure(path, access, e);
        }
    }

    /** Turns DuckDB's refusal to open a file into a one-line message. */
    private static NormlabException openFailure(Path path, Access access, SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher holder = LOCK_HOLDER.matcher(message);
        if (holder.find()) {
            return new DatabaseInUseException(
                    path + " is in use by process " + holder.group(2) + " ("
                            + SafeText.printable(holder.group(1)) + ")"
                            + (access == Access.WRITE
                                    ? "; it cannot be changed while another normlab reads or writes it"
                                    : " that is writing to it")
                            + "; try again when it has finished",
                    e);
        }
        if (message.contains("Could not set lock") || message.contains("different configuration")) {
            return new DatabaseInUseException(
                    path + " is in use "
                            + (message.contains("different configuration") ? "by this process" : "by another process")
                            + (access == Access.WRITE
                                    ? "; it cannot be changed while it is being read or written"
                                    : " that is writing to it")
                            + "; try again when it has finished",
                    e);
        }
        return new NormlabException("cannot open the database " + path + ": " + firstLine(message), e);
    }

    private static String firstLine(String message) {
        return SafeText.printable(message.lines().findFirst().orElse(""));
    }

    private static void createFolder(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new NormlabException("cannot create the folder for " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** DuckDB writes the file and, beside it, a write-ahead log: both must be writable. */
    private static boolean writable(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return (!Files.exists(path) || Files.isWritable(path)) && (parent == null || Files.isWritable(parent));
    }

    private static void pause() {
        try {
            Thread.sleep(LOCK_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NormlabException("interrupted while waiting for the database", e);
        }
    }

    private void closeQuietly() {
        try {
            conn.close();
        } catch (SQLException e) {
            // the store is being abandoned because of another error, which is the one to report
        }
    }

    /** Brings the database up to date (write access). */
    private void prepare() throws SQLException {
        Condition condition = inspect();
        switch (condition) {
            case NEW ->
                inTransaction(() -> {
                    Schema.create(conn);
                    loadBundled(BundledData.load());
                });
            case NEEDS_MIGRATION -> {
                int version = schemaVersion();
                BundledData data = BundledData.load();
                inTransaction(() -> {
                    Schema.migrate(conn, version);
                    replaceBundled(data);
                });
            }
            case NEEDS_REFRESH -> {
                BundledData data = BundledData.load();
                inTransaction(() -> replaceBundled(data));
            }
            case READY -> {}
        }
    }

    /**
     * What the database needs before this build can read it; refuses a file that is not a normlab
     * database, is of a newer schema or has a damaged {@code meta} table.
     */
    private Condition inspect() throws SQLException {
        Set<String> tables = tableNames();
        if (!tables.contains("meta")) {
            if (!tables.isEmpty()) {
                throw new NormlabException(path + " is a DuckDB database but not a normlab one; give another --db");
            }
            return Condition.NEW;
        }
        int version = schemaVersion();
        if (version > SCHEMA_VERSION) {
            throw new NormlabException(path + " has schema version " + version + ", newer than this normlab ("
                    + SCHEMA_VERSION + "); use a newer release or another --db");
        }
        String digest = meta("bundled_digest");
        if (digest == null || digest.isBlank()) {
            throw damaged("bundled_digest is missing");
        }
        String listEnd = meta("system_list_end");
        try {
            LocalDate.parse(String.valueOf(listEnd));
        } catch (DateTimeParseException e) {
            throw damaged(
                    listEnd == null
                            ? "system_list_end is missing"
                            : "system_list_end " + shown(listEnd) + " is not a date");
        }
        String lastYear = meta("last_data_year");
        if (lastYear != null) {
            try {
                Integer.parseInt(lastYear);
            } catch (NumberFormatException e) {
                throw damaged("last_data_year " + shown(lastYear) + " is not a year");
            }
        }
        if (version < SCHEMA_VERSION) {
            return Condition.NEEDS_MIGRATION;
        }
        return digest.equals(BundledData.currentDigest()) ? Condition.READY : Condition.NEEDS_REFRESH;
    }

    private int schemaVersion() {
        String text = meta("schema_version");
        if (text == null) {
            throw damaged("schema_version is missing");
        }
        try {
            int version = Integer.parseInt(text);
            if (version < 1) {
                throw damaged("schema_version " + version + " is not a version (1 or more)");
            }
            return version;
        } catch (NumberFormatException e) {
            throw damaged("schema_version " + shown(text) + " is not a number");
        }
    }

    private NormlabException damaged(String what) {
        // A damaged file given as --db is bad input (exit code 2), like any other bad file.
        return new InputException(path + " is damaged: in its meta table, " + what
                + "; restore the file from a copy or give another --db");
    }

    /** A stored value quoted in a message: one line, at most a few dozen characters. */
    private static String shown(String value) {
        String v = SafeText.printable(value);
        return "'" + (v.length() > META_VALUE_SHOWN ? v.substring(0, META_VALUE_SHOWN) + "..." : v) + "'";
    }

    /**
     * Replaces the bundled data by this build's (a newer release ships newer data), keeping
     * everything a user imported; a user's entry that replaces a bundled one keeps replacing it.
     * Runs inside the caller's transaction.
     */
    private void replaceBundled(BundledData data) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DELETE FROM participation WHERE instrument_id IN (SELECT id FROM instrument WHERE bundled)");
            st.execute("DELETE FROM instrument WHERE bundled");
            st.execute("DELETE FROM indicator_value WHERE name IN (SELECT name FROM indicator WHERE bundled)");
            st.execute("DELETE FROM indicator WHERE bundled");
            st.execute("DELETE FROM tie WHERE bundled");
            st.execute("DELETE FROM measure WHERE bundled");
            st.execute("DELETE FROM depositor");
            st.execute("DELETE FROM system_spell");
            st.execute("DELETE FROM country");
            st.execute("DELETE FROM bundled_entry");
        }
        loadBundled(data);
    }

    private Set<String> tableNames() throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    /** Stores the bundled data, leaving out every entry a user's import replaces. */
    private void loadBundled(BundledData data) throws SQLException {
        Set<String> userInstruments = new HashSet<>();
        Set<String> userIndicators = new HashSet<>();
        Set<String> userTieKinds = new HashSet<>();
        query("SELECT id FROM instrument WHERE NOT bundled", rs -> userInstruments.add(rs.getString(1)));
        query("SELECT name FROM indicator WHERE NOT bundled", rs -> userIndicators.add(rs.getString(1)));
        query("SELECT DISTINCT kind FROM tie WHERE NOT bundled", rs -> userTieKinds.add(rs.getString(1)));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO country VALUES (?, ?, ?, ?, ?)")) {
            for (Country c : data.countries()) {
                ps.setString(1, c.iso3());
                ps.setString(2, c.name());
                ps.setString(3, c.region());
                ps.setString(4, c.subregion());
                ps.setString(5, String.join(";", c.landBorders()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO system_spell VALUES (?, ?, ?, ?, ?)")) {
            for (SystemSpell s : data.spells()) {
                ps.setString(1, s.iso3());
                ps.setInt(2, s.gwcode());
                ps.setString(3, s.name());
                ps.setDate(4, Date.valueOf(s.start()));
                setDate(ps, 5, s.end());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Set<String> kinds = new TreeSet<>();
        data.ties().forEach(t -> kinds.add(t.kind()));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bundled_entry VALUES (?, ?)")) {
            for (Instrument i : data.instruments().keySet()) {
                addEntry(ps, EntryKind.INSTRUMENT, i.id());
            }
            for (IndicatorInfo i : data.indicatorInfo()) {
                addEntry(ps, EntryKind.INDICATOR, i.name());
            }
            for (String kind : kinds) {
                addEntry(ps, EntryKind.TIES, kind);
            }
            ps.executeBatch();
        }
        for (Map.Entry<Instrument, List<Participation>> e : data.instruments().entrySet()) {
            if (!userInstruments.contains(e.getKey().id())) {
                insertInstrument(e.getKey(), e.getValue(), true);
            }
        }
        insertIndicators(
                data.indicatorInfo().stream()
                        .filter(i -> !userIndicators.contains(i.name()))
                        .toList(),
                data.indicatorValues().stream()
                        .filter(v -> !userIndicators.contains(v.name()))
                        .toList(),
                true);
        insertTies(
                data.ties().stream()
                        .filter(t -> !userTieKinds.contains(t.kind()))
                        .toList(),
                BUNDLED_TIE_SOURCE,
                true);
        insertMeasures(data.measures(), true);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO depositor VALUES (?, ?, ?)")) {
            for (Depositor d : data.depositors()) {
                ps.setString(1, d.iso3());
                if (d.fromYear() == null) {
                    ps.setNull(2, Types.INTEGER);
                } else {
                    ps.setInt(2, d.fromYear());
                }
                ps.setString(3, d.basis());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (Map.Entry<String, List<String>> e : BundledData.RELATED.entrySet()) {
            setMeta("related:" + e.getKey(), String.join(",", e.getValue()));
        }
        for (Map.Entry<String, List<String>> e : BundledData.PERCEPTION_INDICATORS.entrySet()) {
            setMeta("perception:" + e.getKey(), String.join(",", e.getValue()));
        }
        setMeta("schema_version", Integer.toString(SCHEMA_VERSION));
        setMeta("bundled_digest", data.digest());
        setMeta("system_list_end", BundledData.SYSTEM_LIST_END.toString());
        setMeta("last_data_year", Integer.toString(BundledData.LAST_DATA_YEAR));
    }

    private static void addEntry(PreparedStatement ps, EntryKind kind, String key) throws SQLException {
        ps.setString(1, kind.code());
        ps.setString(2, key);
        ps.addBatch();
    }

    // ---------------------------------------------------------------- reads

    public String meta(String key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure("read meta", e);
        }
    }

    /** Digest of the bundled data this database was filled from. */
    public String dataDigest() {
        return meta("bundled_digest");
    }

    /** Last day of the state-system list; dates after it carry the list forward. */
    public LocalDate systemListEnd() {
        return LocalDate.parse(meta("system_list_end"));
    }

    public List<Country> countries() {
        List<Country> out = new ArrayList<>();
        query("SELECT iso3, name, region, subregion, land_borders FROM country ORDER BY iso3", rs -> {
            String b = rs.getString(5);
            out.add(new Country(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    b == null || b.isEmpty() ? List.of() : List.of(b.split(";"))));
        });
        return out;
    }

    /** ISO3 codes accepted in files. */
    public Set<String> knownStates() {
        Set<String> out = new HashSet<>();
        query("SELECT iso3 FROM country", rs -> out.add(rs.getString(1)));
        return out;
    }

    public List<SystemSpell> spells() {
        List<SystemSpell> out = new ArrayList<>();
        query("SELECT iso3, gwcode, gw_name, start_date, end_date FROM system_spell ORDER BY iso3, start_date", rs -> {
            Date end = rs.getDate(5);
            out.add(new SystemSpell(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getDate(4).toLocalDate(),
                    end == null ? null : end.toLocalDate()));
        });
        return out;
    }

    public List<Instrument> instruments() {
        List<Instrument> out = new ArrayList<>();
        query(
                "SELECT id, title, opened, eif_count, source FROM instrument ORDER BY opened, id",
                rs -> out.add(new Instrument(
                        rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getString(5))));
        return out;
    }

    /** @throws NormlabException naming the known ids when {@code id} is unknown */
    public Instrument instrument(String id) {
        return instruments().stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NormlabException("unknown instrument '" + id + "'; known: "
                        + String.join(
                                ", ", instruments().stream().map(Instrument::id).toList())));
    }

    public List<Participation> participation(String instrumentId) {
        instrument(instrumentId);
        List<Participation> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT iso3, state, signature_date, consent_date, "
                + "consent_type, entry_into_force_date, withdrawal_notified_date, withdrawal_effective_date, notes "
                + "FROM participation WHERE instrument_id = ? ORDER BY iso3")) {
            ps.setString(1, instrumentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(5);
                    out.add(new Participation(
                            rs.getString(1),
                            rs.getString(2),
                            date(rs, 3),
                            date(rs, 4),
                            type == null ? null : ConsentType.valueOf(type.toUpperCase(Locale.ROOT)),
                            date(rs, 6),
                            date(rs, 7),
                            date(rs, 8),
                            rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw failure("read participation", e);
        }
        return out;
    }

    /** Indicator descriptions with their coverage. */
    public List<IndicatorSummary> indicators() {
        List<IndicatorSummary> out = new ArrayList<>();
        query(
                "SELECT i.name, i.definition, i.source, i.missing, min(v.year), max(v.year), count(DISTINCT v.iso3), "
                        + "count(v.year), i.type FROM indicator i LEFT JOIN indicator_value v ON v.name = i.name "
                        + "GROUP BY ALL ORDER BY i.name",
                rs -> out.add(new IndicatorSummary(
                        new IndicatorInfo(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(9)),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getLong(8))));
        return out;
    }

    /** All values of the named indicators. */
    public List<IndicatorValue> indicatorValues(Collection<String> names) {
        List<IndicatorValue> out = new ArrayList<>();
        if (names.isEmpty()) {
            return out;
        }
        String in = String.join(",", names.stream().map(n -> "?").toList());
        try (PreparedStatement ps =
                conn.prepareStatement("SELECT name, iso3, year, value, source, text FROM indicator_value "
                        + "WHERE name IN (" + in + ") ORDER BY name, iso3, year")) {
            int i = 1;
            for (String n : names) {
                ps.setString(i++, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(6);
                    out.add(
                            text == null
                                    ? new IndicatorValue(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getInt(3),
                                            rs.getDouble(4),
                                            rs.getString(5))
                                    : IndicatorValue.category(
                                            rs.getString(1), rs.getString(2), rs.getInt(3), text, rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw failure("read indicators", e);
        }
        return out;
    }

    /** The kinds of ties stored (bundled and imported), sorted. */
    public List<String> tieKinds() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT kind FROM tie ORDER BY kind");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure("read tie kinds", e);
        }
        return out;
    }

    /** Every stored measure, bundled and imported, in a fixed order. */
    public List<Measure> measures() {
        List<Measure> out = new ArrayList<>();
        query(
                "SELECT iso3, instruments, measure, scope, scope_detail, year_from, year_to, source, notes FROM measure "
                        + "ORDER BY iso3, measure, year_from NULLS FIRST, instruments, source",
                rs -> {
                    int from = rs.getInt(6);
                    Integer f = rs.wasNull() ? null : from;
                    int to = rs.getInt(7);
                    Integer t = rs.wasNull() ? null : to;
                    out.add(new Measure(
                            rs.getString(1),
                            List.of(rs.getString(2).split(";")),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            f,
                            t,
                            rs.getString(8),
                            rs.getString(9)));
                });
        return out;
    }

    /** Who can deposit (see {@link Depositor}). */
    public List<Depositor> depositors() {
        List<Depositor> out = new ArrayList<>();
        query("SELECT iso3, from_year, basis FROM depositor ORDER BY iso3", rs -> {
            int from = rs.getInt(2);
            Integer fromYear = rs.wasNull() ? null : from;
            out.add(new Depositor(rs.getString(1), fromYear, rs.getString(3)));
        });
        return out;
    }

    /**
     * Stores measures in one transaction. Without {@code replace} a measure that repeats a stored one
     * (same state, instruments, measure and first year) is refused; with it, the imported measures
     * concerning the instruments named in {@code measures} are replaced. Bundled measures stay.
     */
    public void importMeasures(List<Measure> measures, boolean replace) {
        Set<String> ids = new TreeSet<>();
        measures.forEach(m -> ids.addAll(m.instruments()));
        if (!replace) {
            Set<String> keys = new HashSet<>();
            measures().forEach(m -> keys.add(measureKey(m)));
            for (Measure m : measures) {
                if (keys.contains(measureKey(m))) {
                    throw new NormlabException("measure " + m.measure() + " of " + m.iso3() + " from " + m.yearFrom()
                            + " for " + String.join(";", m.instruments()) + " exists already; use --replace to replace "
                            + "the imported measures of these instruments");
                }
            }
        }
        inTransaction(() -> {
            if (replace) {
                for (String id : ids) {
                    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM measure WHERE NOT bundled AND "
                            + "list_contains(string_split(instruments, ';'), ?)")) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                    }
                }
            }
            insertMeasures(measures, false);
        });
    }

    private static String measureKey(Measure m) {
        return m.iso3() + "|" + String.join(";", m.instruments()) + "|" + m.measure() + "|" + m.yearFrom();
    }

    private void insertMeasures(List<Measure> measures, boolean bundled) throws SQLException {
        try (PreparedStatement ps =
                conn.prepareStatement("INSERT INTO measure VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Measure m : measures) {
                ps.setString(1, m.iso3());
                ps.setString(2, String.join(";", m.instruments()));
                ps.setString(3, m.measure());
                ps.setString(4, m.scope());
                ps.setString(5, m.scopeDetail());
                if (m.yearFrom() == null) {
                    ps.setNull(6, Types.INTEGER);
                } else {
                    ps.setInt(6, m.yearFrom());
                }
                if (m.yearTo() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, m.yearTo());
                }
                ps.setString(8, m.source());
                ps.setString(9, m.notes());
                ps.setBoolean(10, bundled);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<Tie> ties(String kind) {
        List<Tie> out = new ArrayList<>();
        try (PreparedStatement ps =
                conn.prepareStatement("SELECT iso3_a, iso3_b, kind, from_year, to_year, weight FROM tie WHERE kind = ? "
                        + "ORDER BY iso3_a, iso3_b, from_year")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int to = rs.getInt(5);
                    Integer toYear = rs.wasNull() ? null : to;
                    double weight = rs.getDouble(6);
                    if (rs.wasNull()) {
                        weight = 1.0;
                    }
                    out.add(new Tie(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), toYear, weight));
                }
            }
        } catch (SQLException e) {
            throw failure("read ties", e);
        }
        return out;
    }

    /** Number of rows of each table: a cheap fingerprint of what is stored. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> out = new TreeMap<>();
        for (String t : TABLES) {
            query("SELECT count(*) FROM " + t, rs -> out.put(t, rs.getLong(1)));
        }
        return out;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores an instrument and its participation rows in one transaction.
     *
     * @param replace replace an instrument of the same id; without it an existing id is refused
     */
    public void importInstrument(Instrument instrument, List<Participation> rows, boolean replace) {
        requireWritable();
        boolean exists = instruments().stream().anyMatch(i -> i.id().equals(instrument.id()));
        if (exists && !replace) {
            throw new NormlabException(
                    "instrument '" + instrument.id() + "' exists already; use --replace to replace it");
        }
        inTransaction(() -> {
            if (exists) {
                update("DELETE FROM participation WHERE instrument_id = ?", instrument.id());
                update("DELETE FROM instrument WHERE id = ?", instrument.id());
            }
            insertInstrument(instrument, rows, false);
        });
    }

    /**
     * Stores indicator values in one transaction; every name in {@code values} becomes (or, with
     * {@code replace}, replaces) an indicator.
     */
    public void importIndicators(List<IndicatorValue> values, String source, boolean replace) {
        requireWritable();
        Set<String> names = new TreeSet<>();
        values.forEach(v -> names.add(v.name()));
        Set<String> existing = new LinkedHashSet<>();
        indicators().forEach(s -> {
            if (names.contains(s.info().name())) {
                existing.add(s.info().name());
            }
        });
        if (!existing.isEmpty() && !replace) {
            throw new NormlabException(
                    "indicator(s) " + String.join(", ", existing) + " exist already; use --replace to replace them");
        }
        Set<String> text = new TreeSet<>();
        values.stream().filter(IndicatorValue::isText).forEach(v -> text.add(v.name()));
        List<IndicatorInfo> info = names.stream()
                .map(n -> new IndicatorInfo(
                        n,
                        text.contains(n) ? "categories imported from " + source : "imported from " + source,
                        source,
                        "na",
                        text.contains(n) ? IndicatorInfo.TEXT : IndicatorInfo.NUMBER))
                .toList();
        inTransaction(() -> {
            for (String n : existing) {
                update("DELETE FROM indicator_value WHERE name = ?", n);
                update("DELETE FROM indicator WHERE name = ?", n);
            }
            insertIndicators(info, values, false);
        });
    }

    /** Stores ties in one transaction; every kind in {@code ties} is new or, with {@code replace}, replaced. */
    public void importTies(List<Tie> ties, String source, boolean replace) {
        requireWritable();
        Set<String> kinds = new TreeSet<>();
        ties.forEach(t -> kinds.add(t.kind()));
        Set<String> existing = new TreeSet<>();
        query("SELECT DISTINCT kind FROM tie", rs -> {
            if (kinds.contains(rs.getString(1))) {
                existing.add(rs.getString(1));
            }
        });
        if (!existing.isEmpty() && !replace) {
            throw new NormlabException(
                    "ties of kind " + String.join(", ", existing) + " exist already; use --replace to replace them");
        }
        inTransaction(() -> {
            for (String k : existing) {
                update("DELETE FROM tie WHERE kind = ?", k);
            }
            insertTies(ties, source, false);
        });
    }

    /**
     * Removes what a user imported under {@code key}, in one transaction; when it replaced a bundled
     * entry, the bundled one is stored again and is in force from now on.
     *
     * @return the origin the removed entry had: {@link Origin#IMPORTED} or {@link Origin#REPLACES_BUNDLED}
     * @throws NormlabException when nothing of that name was imported (a bundled entry cannot be removed)
     */
    public Origin removeImported(EntryKind kind, String key) {
        requireWritable();
        Origin origin = origins(kind).get(key);
        String what = kind == EntryKind.TIES ? "ties of kind '" + key + "'" : kind.code() + " '" + key + "'";
        if (origin == null) {
            throw new NormlabException("there is no " + what + "; see normlab data list");
        }
        if (origin == Origin.BUNDLED) {
            throw new NormlabException(
                    what + " is bundled with normlab and was not replaced; only imported " + "data can be removed");
        }
        BundledData data = origin == Origin.REPLACES_BUNDLED ? BundledData.load() : null;
        inTransaction(() -> {
            switch (kind) {
                case INSTRUMENT -> {
                    update("DELETE FROM participation WHERE instrument_id = ?", key);
                    update("DELETE FROM instrument WHERE id = ?", key);
                    if (data != null) {
                        for (Map.Entry<Instrument, List<Participation>> e :
                                data.instruments().entrySet()) {
                            if (e.getKey().id().equals(key)) {
                                insertInstrument(e.getKey(), e.getValue(), true);
                            }
                        }
                    }
                }
                case INDICATOR -> {
                    update("DELETE FROM indicator_value WHERE name = ?", key);
                    update("DELETE FROM indicator WHERE name = ?", key);
                    if (data != null) {
                        insertIndicators(
                                data.indicatorInfo().stream()
                                        .filter(i -> i.name().equals(key))
                                        .toList(),
                                data.indicatorValues().stream()
                                        .filter(v -> v.name().equals(key))
                                        .toList(),
                                true);
                    }
                }
                case TIES -> {
                    update("DELETE FROM tie WHERE kind = ?", key);
                    if (data != null) {
                        insertTies(
                                data.ties().stream()
                                        .filter(t -> t.kind().equals(key))
                                        .toList(),
                                BUNDLED_TIE_SOURCE,
                                true);
                    }
                }
            }
        });
        return origin;
    }

    /**
     * The origin of every stored entry of a kind, by key in key order: bundled, imported, or imported
     * in place of a bundled entry of the same key.
     */
    public Map<String, Origin> origins(EntryKind kind) {
        String stored = switch (kind) {
            case INSTRUMENT -> "SELECT id AS key, bool_and(bundled) AS bundled FROM instrument GROUP BY id";
            case INDICATOR -> "SELECT name AS key, bool_and(bundled) AS bundled FROM indicator GROUP BY name";
            case TIES -> "SELECT kind AS key, bool_and(bundled) AS bundled FROM tie GROUP BY kind";
        };
        Map<String, Origin> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT s.key, s.bundled, b.key IS NOT NULL FROM (" + stored
                + ") s LEFT JOIN bundled_entry b ON b.kind = ? AND b.key = s.key ORDER BY s.key")) {
            ps.setString(1, kind.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            rs.getBoolean(2)
                                    ? Origin.BUNDLED
                                    : rs.getBoolean(3) ? Origin.REPLACES_BUNDLED : Origin.IMPORTED);
                }
            }
        } catch (SQLException e) {
            throw failure("read origins", e);
        }
        return out;
    }

    /** Number of ties of each stored kind, in kind order. */
    public Map<String, Long> tieCounts() {
        Map<String, Long> out = new TreeMap<>();
        query("SELECT kind, count(*) FROM tie GROUP BY kind", rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /**
     * Writes a table, sorted by all its columns, to CSV or Parquet (chosen by the file's extension),
     * through {@link AtomicOutput}: {@code out} is replaced only when the file is complete. CSV
     * cells pass through {@link SafeText#csvCell}, so that no cell runs as a spreadsheet formula.
     */
    public void export(String table, Path out) {
        if (!TABLES.contains(table)) {
            throw new NormlabException("unknown table '" + table + "'; tables: " + String.join(", ", TABLES));
        }
        try (AtomicOutput target = AtomicOutput.file(out, "--out")) {
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean csv = name.endsWith(".csv");
            if (!csv && !name.endsWith(".parquet")) {
                throw new InputException("--out must end in .csv or .parquet: " + out);
            }
            target.write(file -> {
                try {
                    if (csv) {
                        exportCsv(table, file);
                    } else {
                        String quoted = file.toString().replace("'", "''");
                        try (Statement st = conn.createStatement()) {
                            st.execute("COPY (SELECT * FROM " + table + " ORDER BY ALL) TO '" + quoted
                                    + "' (FORMAT PARQUET)");
                        }
                    }
                } catch (SQLException e) {
                    throw failure("export " + table + " to " + out, e);
                }
                return null;
            });
        }
    }

    private void exportCsv(String table, Path file) throws SQLException, IOException {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY ALL");
                Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            int columns = rs.getMetaData().getColumnCount();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                header.add(rs.getMetaData().getColumnName(i));
            }
            p.printRecord(header);
            List<String> row = new ArrayList<>(columns);
            while (rs.next()) {
                row.clear();
                for (int i = 1; i <= columns; i++) {
                    String v = rs.getString(i);
                    row.add(v == null ? "" : SafeText.csvCell(v));
                }
                p.printRecord(row);
            }
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void insertInstrument(Instrument instrument, List<Participation> rows, boolean bundled)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO instrument VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, instrument.id());
            ps.setString(2, instrument.title());
            ps.setDate(3, Date.valueOf(instrument.opened()));
            ps.setInt(4, instrument.eifCount());
            ps.setString(5, instrument.source());
            ps.setBoolean(6, bundled);
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                conn.prepareStatement("INSERT INTO participation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Participation p : rows) {
                ps.setString(1, instrument.id());
                ps.setString(2, p.iso3());
                ps.setString(3, p.stateName());
                setDate(ps, 4, p.signature());
                setDate(ps, 5, p.consent());
                ps.setString(6, p.consentType() == null ? null : p.consentType().code());
                setDate(ps, 7, p.entryIntoForce());
                setDate(ps, 8, p.withdrawalNotified());
                setDate(ps, 9, p.withdrawalEffective());
                ps.setString(10, p.notes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertIndicators(List<IndicatorInfo> info, List<IndicatorValue> values, boolean bundled)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO indicator (name, definition, source, missing, bundled, type) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (IndicatorInfo i : info) {
                ps.setString(1, i.name());
                ps.setString(2, i.definition());
                ps.setString(3, i.source());
                ps.setString(4, i.missing());
                ps.setBoolean(5, bundled);
                ps.setString(6, i.type());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (DuckDBAppender app = conn.unwrap(DuckDBConnection.class).createAppender("main", "indicator_value")) {
            for (IndicatorValue v : values) {
                app.beginRow().append(v.name()).append(v.iso3()).append(v.year());
                if (v.isText()) {
                    app.appendNull();
                } else {
                    app.append(v.value());
                }
                app.append(v.source());
                if (v.isText()) {
                    app.append(v.text());
                } else {
                    app.appendNull();
                }
                app.endRow();
            }
        }
    }

    private void insertTies(List<Tie> ties, String source, boolean bundled) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO tie (iso3_a, iso3_b, kind, from_year, to_year, source, bundled, weight) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Tie t : ties) {
                ps.setString(1, t.iso3A());
                ps.setString(2, t.iso3B());
                ps.setString(3, t.kind());
                ps.setInt(4, t.fromYear());
                if (t.toYear() == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, t.toYear());
                }
                ps.setString(6, source);
                ps.setBoolean(7, bundled);
                ps.setDouble(8, t.weight());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void requireWritable() {
        if (access != Access.WRITE) {
            throw new NormlabException(
                    "the database " + path + " was opened read-only; open it for writing to change it");
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    private void update(String sql, String arg) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.executeUpdate();
        }
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw failure("query", e);
        }
    }

    private void inTransaction(SqlWork work) {
        try {
            conn.setAutoCommit(false);
            try {
                work.run();
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private NormlabException failure(String what, SQLException e) {
        return new NormlabException("database " + path + ": cannot " + what + ": " + e.getMessage(), e);
    }
}
