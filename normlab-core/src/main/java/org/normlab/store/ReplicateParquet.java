package org.normlab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.NormlabException;
import org.normlab.sim.ReplicateListener;
import org.normlab.sim.ReplicatePath;

/**
 * Streams every replicate's history to Parquet, for {@code simulate --keep-replicates}: the
 * ensemble keeps only summaries, and each replicate is appended, as it is simulated, to a
 * temporary DuckDB database on disk (so memory stays bounded whatever the replicates), then
 * {@link #finish} sorts the rows by run, replicate and year and copies them to
 * {@code replicates.parquet} (one row per run, replicate and simulated year: parties, withdrawn
 * states, new parties, withdrawals) and {@code events.parquet} (one row per adoption or withdrawal:
 * run, replicate, state, year). Every row carries the seed. The files do not depend on the thread
 * count: rows are sorted, and DuckDB writes them on a fixed number of threads.
 *
 * <p>Thread-safe: replicates may arrive from several threads at once (appends are serialized).
 */
public final class ReplicateParquet implements ReplicateListener, AutoCloseable {
    /** The files {@link #finish} writes. */
    public static final List<String> FILES = List.of("replicates.parquet", "events.parquet");

    private final Path dir;
    private final Path temporary;
    private final Connection conn;
    private final DuckDBAppender counts;
    private final DuckDBAppender events;
    private String[] iso3;

    private ReplicateParquet(Path dir) throws SQLException, IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.temporary = Files.createTempFile(dir, ".replicates-", ".duckdb");
        Files.delete(temporary);
        this.conn = DriverManager.getConnection("jdbc:duckdb:" + temporary.toAbsolutePath());
        try (Statement st = conn.createStatement()) {
            // Bounded memory: DuckDB spills to its file rather than growing with the replicates.
            st.execute("SET memory_limit = '256MB'");
            st.execute("SET threads = 2");
            st.execute("SET preserve_insertion_order = true");
            st.execute("CREATE TABLE counts (run TINYINT, replicate INTEGER, year SMALLINT, parties SMALLINT, "
                    + "withdrawn SMALLINT, new_parties SMALLINT, withdrawals SMALLINT)");
            st.execute("CREATE TABLE events (run TINYINT, replicate INTEGER, state SMALLINT, transition TINYINT, "
                    + "year SMALLINT)");
        }
        DuckDBConnection duck = conn.unwrap(DuckDBConnection.class);
        this.counts = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "counts");
        this.events = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
    }

    /**
     * Opens a writer into {@code dir} (created if needed).
     *
     * @throws NormlabException if the temporary database cannot be created
     */
    public static ReplicateParquet open(Path dir) {
        try {
            return new ReplicateParquet(dir);
        } catch (SQLException e) {
            throw new NormlabException("cannot keep replicates in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep replicates in " + dir, e);
        }
    }

    @Override
    public synchronized void replicate(int run, ReplicatePath p) {
        try {
            if (iso3 == null) {
                iso3 = new String[p.stateCount()];
                for (int s = 0; s < iso3.length; s++) {
                    iso3[s] = p.iso3(s);
                }
            }
            byte r = (byte) run;
            int rep = p.replicate();
            for (int k = 0; k < p.yearCount(); k++) {
                counts.beginRow()
                        .append(r)
                        .append(rep)
                        .append((short) p.year(k))
                        .append((short) p.parties(k))
                        .append((short) p.withdrawn(k))
                        .append((short) p.newParties(k))
                        .append((short) p.withdrawals(k))
                        .endRow();
            }
            for (int s = 0; s < p.stateCount(); s++) {
                if (p.adoptionYear(s) != 0) {
                    events.beginRow()
                            .append(r)
                            .append(rep)
                            .append((short) s)
                            .append((byte) 0)
                            .append((short) p.adoptionYear(s))
                            .endRow();
                }
                if (p.withdrawalYear(s) != 0) {
                    events.beginRow()
                            .append(r)
                            .append(rep)
                            .append((short) s)
                            .append((byte) 1)
                            .append((short) p.withdrawalYear(s))
                            .endRow();
                }
            }
        } catch (SQLException e) {
            throw new NormlabException("cannot keep replicate " + p.replicate() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #FILES} into the folder, sorted, with {@code seed} on every row, and removes the
     * temporary database.
     *
     * @return the files written
     */
    public synchronized List<Path> finish(long seed) {
        try {
            counts.close();
            events.close();
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE state (state SMALLINT, iso3 VARCHAR)");
                try (DuckDBAppender a =
                        conn.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "state")) {
                    for (int s = 0; iso3 != null && s < iso3.length; s++) {
                        a.beginRow().append((short) s).append(iso3[s]).endRow();
                    }
                }
                String run = "CASE run WHEN 0 THEN 'scenario' ELSE 'baseline' END AS run";
                st.execute(
                        "COPY (SELECT " + seed + "::BIGINT AS seed, " + run + ", replicate, year, parties, withdrawn, "
                                + "new_parties, withdrawals FROM counts ORDER BY counts.run, replicate, year) TO '"
                                + quoted(dir.resolve(FILES.get(0))) + "' (FORMAT PARQUET)");
                st.execute("COPY (SELECT " + seed + "::BIGINT AS seed, " + run + ", replicate, iso3, "
                        + "CASE transition WHEN 0 THEN 'adoption' ELSE 'withdrawal' END AS transition, year "
                        + "FROM events JOIN state USING (state) ORDER BY events.run, replicate, events.state, "
                        + "events.transition) TO '" + quoted(dir.resolve(FILES.get(1))) + "' (FORMAT PARQUET)");
            }
            return FILES.stream().map(dir::resolve).toList();
        } catch (SQLException e) {
            throw new NormlabException("cannot write the replicates to " + dir + ": " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    private static String quoted(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    /** Closes the temporary database and removes it (without writing, if {@link #finish} was not called). */
    @Override
    public synchronized void close() {
        try {
            counts.close();
            events.close();
            conn.close();
        } catch (SQLException e) {
            // Closing twice or after a failure: the temporary files are removed below all the same.
        }
        try {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(Path.of(temporary + ".wal"));
            Files.deleteIfExists(Path.of(temporary + ".tmp"));
        } catch (IOException e) {
            // A leftover temporary file in the output folder is harmless.
        }
    }
}
