package org.normlab.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.normlab.data.NormlabException;

/**
 * The server's own DuckDB file of simulation jobs and their results, beside the data store (which
 * the server only reads). Each change is one statement, so a crash leaves every row whole; on
 * opening, jobs that were queued or running when the last server stopped are marked failed, so
 * none is lost silently. Thread-safe (one connection, synchronized).
 */
final class JobStore implements AutoCloseable {
    /** The file name, in the data store's folder. */
    static final String FILE = "normlab-jobs.duckdb";

    static final String CUT_OFF = "cut off: the server stopped before the job finished; submit it again";

    /** A stored job. */
    record Row(String id, String state, String request, int done, int total, String detail, String result) {}

    private final Connection conn;

    private JobStore(Connection conn) {
        this.conn = conn;
    }

    static JobStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection conn = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS job (id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, "
                        + "state VARCHAR NOT NULL, request VARCHAR NOT NULL, done INTEGER NOT NULL, "
                        + "total INTEGER NOT NULL, detail VARCHAR NOT NULL, result VARCHAR)");
                st.execute("UPDATE job SET state = 'failed', detail = '" + CUT_OFF
                        + "' WHERE state IN ('queued', 'running')");
            }
            return new JobStore(conn);
        } catch (SQLException | java.io.IOException e) {
            throw new NormlabException("cannot open the jobs file " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized void insert(String id, String request, int total) {
        update(
                "INSERT INTO job VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM job), 'queued', ?, 0, ?, '', NULL)",
                id,
                request,
                total);
    }

    synchronized void delete(String id) {
        update("DELETE FROM job WHERE id = ?", id);
    }

    synchronized void state(String id, String state, String detail) {
        update("UPDATE job SET state = ?, detail = ? WHERE id = ?", state, detail, id);
    }

    synchronized void finish(String id, int done, String result) {
        update("UPDATE job SET state = 'done', done = ?, detail = '', result = ? WHERE id = ?", done, result, id);
    }

    synchronized Optional<Row> get(String id) {
        try (PreparedStatement ps =
                conn.prepareStatement("SELECT id, state, request, done, total, detail, result FROM job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("jobs file: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("jobs file: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // closing: nothing left to save
        }
    }
}
