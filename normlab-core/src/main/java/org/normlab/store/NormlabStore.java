package org.normlab.store;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.ConsentType;
import org.normlab.data.Country;
import org.normlab.data.IndicatorInfo;
import org.normlab.data.IndicatorValue;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.SystemSpell;
import org.normlab.data.Tie;
import org.normlab.data.bundled.BundledData;

/**
 * The embedded DuckDB database that holds normlab's data: the bundled sources, loaded on first
 * use, and whatever a user imports. Every change runs in one transaction, so a refused or failed
 * import leaves the database as it was. Not thread safe: one store per thread (DuckDB allows one
 * writing process per file).
 */
public final class NormlabStore implements AutoCloseable {
    /** Version of the table layout; a later release migrates older databases step by step. */
    public static final int SCHEMA_VERSION = 1;
    /** Tables that {@link #export} accepts. */
    public static final List<String> TABLES = List.of("country", "system_spell", "instrument", "participation",
            "indicator", "indicator_value", "tie", "meta");

    private final Connection conn;
    private final Path path;

    private NormlabStore(Connection conn, Path path) {
        this.conn = conn;
        this.path = path;
    }

    /**
     * Opens (and on first use creates and fills) the database at {@code path}.
     *
     * @throws NormlabException when the file is not a normlab database or is of a newer schema
     */
    public static NormlabStore open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection conn = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath());
            NormlabStore store = new NormlabStore(conn, path);
            store.prepare();
            return store;
        } catch (SQLException e) {
            throw new NormlabException("cannot open the database " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NormlabException("cannot create the folder for " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    private void prepare() throws SQLException {
        boolean hasMeta;
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "meta", null)) {
            hasMeta = rs.next();
        }
        if (!hasMeta) {
            if (!tableNames().isEmpty()) {
                throw new NormlabException(path + " is a DuckDB database but not a normlab one; give another --db");
            }
            inTransaction(() -> {
                Schema.create(conn);
                loadBundled(BundledData.load());
            });
            return;
        }
        int version = Integer.parseInt(meta("schema_version"));
        if (version > SCHEMA_VERSION) {
            throw new NormlabException(path + " has schema version " + version + ", newer than this normlab ("
                    + SCHEMA_VERSION + "); use a newer release or another --db");
        }
        if (version < SCHEMA_VERSION) {
            inTransaction(() -> Schema.migrate(conn, version));
        }
        if (!BundledData.currentDigest().equals(meta("bundled_digest"))) {
            refreshBundled();
        }
    }

    /**
     * Replaces the bundled data by this build's (a newer release ships newer data), in one
     * transaction, keeping everything a user imported.
     */
    private void refreshBundled() {
        BundledData data = BundledData.load();
        inTransaction(() -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM participation WHERE instrument_id IN (SELECT id FROM instrument WHERE bundled)");
                st.execute("DELETE FROM instrument WHERE bundled");
                st.execute("DELETE FROM indicator_value WHERE name IN (SELECT name FROM indicator WHERE bundled)");
                st.execute("DELETE FROM indicator WHERE bundled");
                st.execute("DELETE FROM tie WHERE bundled");
                st.execute("DELETE FROM system_spell");
                st.execute("DELETE FROM country");
            }
            loadBundled(data);
        });
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

    private void loadBundled(BundledData data) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO country VALUES (?, ?, ?, ?, ?)")) {
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
        for (Map.Entry<Instrument, List<Participation>> e : data.instruments().entrySet()) {
            insertInstrument(e.getKey(), e.getValue(), true);
        }
        insertIndicators(data.indicatorInfo(), data.indicatorValues(), true);
        insertTies(data.ties(), "bundled: countries.csv land borders; memberships.csv NATO", true);
        setMeta("schema_version", Integer.toString(SCHEMA_VERSION));
        setMeta("bundled_digest", data.digest());
        setMeta("system_list_end", BundledData.SYSTEM_LIST_END.toString());
        setMeta("last_data_year", Integer.toString(BundledData.LAST_DATA_YEAR));
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
            out.add(new Country(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
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
            out.add(new SystemSpell(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                    end == null ? null : end.toLocalDate()));
        });
        return out;
    }

    public List<Instrument> instruments() {
        List<Instrument> out = new ArrayList<>();
        query("SELECT id, title, opened, eif_count, source FROM instrument ORDER BY opened, id", rs -> out.add(
                new Instrument(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
                        rs.getString(5))));
        return out;
    }

    /** @throws NormlabException naming the known ids when {@code id} is unknown */
    public Instrument instrument(String id) {
        return instruments().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                new NormlabException("unknown instrument '" + id + "'; known: "
                        + String.join(", ", instruments().stream().map(Instrument::id).toList())));
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
                    out.add(new Participation(rs.getString(1), rs.getString(2), date(rs, 3), date(rs, 4),
                            type == null ? null : ConsentType.valueOf(type.toUpperCase(Locale.ROOT)), date(rs, 6),
                            date(rs, 7), date(rs, 8), rs.getString(9)));
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
        query("SELECT i.name, i.definition, i.source, i.missing, min(v.year), max(v.year), count(DISTINCT v.iso3), "
                + "count(v.year) FROM indicator i LEFT JOIN indicator_value v ON v.name = i.name "
                + "GROUP BY ALL ORDER BY i.name", rs -> out.add(new IndicatorSummary(
                new IndicatorInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getLong(8))));
        return out;
    }

    /** All values of the named indicators. */
    public List<IndicatorValue> indicatorValues(Collection<String> names) {
        List<IndicatorValue> out = new ArrayList<>();
        if (names.isEmpty()) {
            return out;
        }
        String in = String.join(",", names.stream().map(n -> "?").toList());
        try (PreparedStatement ps = conn.prepareStatement("SELECT name, iso3, year, value, source FROM indicator_value "
                + "WHERE name IN (" + in + ") ORDER BY name, iso3, year")) {
            int i = 1;
            for (String n : names) {
                ps.setString(i++, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IndicatorValue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4),
                            rs.getString(5)));
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

    public List<Tie> ties(String kind) {
        List<Tie> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT iso3_a, iso3_b, kind, from_year, to_year FROM tie WHERE kind = ? ORDER BY iso3_a, iso3_b")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int to = rs.getInt(5);
                    Integer toYear = rs.wasNull() ? null : to;
                    out.add(new Tie(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), toYear));
                }
            }
        } catch (SQLException e) {
            throw failure("read ties", e);
        }
        return out;
    }

    /** Number of rows of each table: a cheap fingerprint of what is stored. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
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
        boolean exists = instruments().stream().anyMatch(i -> i.id().equals(instrument.id()));
        if (exists && !replace) {
            throw new NormlabException("instrument '" + instrument.id() + "' exists already; use --replace to replace it");
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
        Set<String> names = new TreeSet<>();
        values.forEach(v -> names.add(v.name()));
        Set<String> existing = new LinkedHashSet<>();
        indicators().forEach(s -> {
            if (names.contains(s.info().name())) {
                existing.add(s.info().name());
            }
        });
        if (!existing.isEmpty() && !replace) {
            throw new NormlabException("indicator(s) " + String.join(", ", existing)
                    + " exist already; use --replace to replace them");
        }
        List<IndicatorInfo> info = names.stream().map(n -> new IndicatorInfo(n, "imported from " + source,
                source, "na")).toList();
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
        Set<String> kinds = new TreeSet<>();
        ties.forEach(t -> kinds.add(t.kind()));
        Set<String> existing = new TreeSet<>();
        query("SELECT DISTINCT kind FROM tie", rs -> {
            if (kinds.contains(rs.getString(1))) {
                existing.add(rs.getString(1));
            }
        });
        if (!existing.isEmpty() && !replace) {
            throw new NormlabException("ties of kind " + String.join(", ", existing)
                    + " exist already; use --replace to replace them");
        }
        inTransaction(() -> {
            for (String k : existing) {
                update("DELETE FROM tie WHERE kind = ?", k);
            }
            insertTies(ties, source, false);
        });
    }

    /** Writes a table to CSV or Parquet, chosen by the file's extension. */
    public void export(String table, Path out) {
        if (!TABLES.contains(table)) {
            throw new NormlabException("unknown table '" + table + "'; tables: " + String.join(", ", TABLES));
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        String format;
        if (name.endsWith(".csv")) {
            format = "(FORMAT CSV, HEADER)";
        } else if (name.endsWith(".parquet")) {
            format = "(FORMAT PARQUET)";
        } else {
            throw new NormlabException("--out must end in .csv or .parquet: " + out);
        }
        String file = out.toAbsolutePath().toString().replace("'", "''");
        try (Statement st = conn.createStatement()) {
            st.execute("COPY (SELECT * FROM " + table + " ORDER BY ALL) TO '" + file + "' " + format);
        } catch (SQLException e) {
            throw failure("export " + table + " to " + out, e);
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

    private void insertInstrument(Instrument instrument, List<Participation> rows, boolean bundled) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO instrument VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, instrument.id());
            ps.setString(2, instrument.title());
            ps.setDate(3, Date.valueOf(instrument.opened()));
            ps.setInt(4, instrument.eifCount());
            ps.setString(5, instrument.source());
            ps.setBoolean(6, bundled);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO participation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO indicator VALUES (?, ?, ?, ?, ?)")) {
            for (IndicatorInfo i : info) {
                ps.setString(1, i.name());
                ps.setString(2, i.definition());
                ps.setString(3, i.source());
                ps.setString(4, i.missing());
                ps.setBoolean(5, bundled);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (DuckDBAppender app = conn.unwrap(DuckDBConnection.class).createAppender("main", "indicator_value")) {
            for (IndicatorValue v : values) {
                app.beginRow().append(v.name()).append(v.iso3()).append(v.year()).append(v.value())
                        .append(v.source()).endRow();
            }
        }
    }

    private void insertTies(List<Tie> ties, String source, boolean bundled) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tie VALUES (?, ?, ?, ?, ?, ?, ?)")) {
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
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
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
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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
