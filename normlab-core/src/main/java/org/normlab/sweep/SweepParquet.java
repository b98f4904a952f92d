package org.normlab.sweep;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.NormlabException;

/**
 * Writes and reads a sweep's results as Parquet partitioned by point, with DuckDB: rows are
 * appended to an in-memory table and copied out at the end ({@code point=N/data_0.parquet}).
 * Columns: {@code scenario VARCHAR, statistic VARCHAR, year INTEGER (null for statistics without a
 * year), value DOUBLE}, and {@code point} from the folder name. Not thread-safe.
 */
public final class SweepParquet implements AutoCloseable {
    private final Path dir;
    private final Connection conn;
    private final DuckDBAppender app;

    private SweepParquet(Path dir) throws SQLException {
        this.dir = dir;
        this.conn = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE results (point INTEGER, scenario VARCHAR, statistic VARCHAR, year INTEGER,"
                    + " value DOUBLE)");
        }
        this.app = conn.unwrap(DuckDBConnection.class).createAppender("main", "results");
    }

    /** A writer into {@code dir}, which must not exist yet. */
    public static SweepParquet open(Path dir) {
        try {
            return new SweepParquet(dir);
        } catch (SQLException e) {
            throw new NormlabException("cannot open a table for the results: " + e.getMessage(), e);
        }
    }

    /** Adds rows. */
    public void add(List<SweepRow> rows) {
        try {
            for (SweepRow r : rows) {
                app.beginRow()
                        .append(r.point())
                        .append(r.scenario())
                        .append(r.statistic())
                        .append(r.year())
                        .append(r.value())
                        .endRow();
            }
        } catch (SQLException e) {
            throw new NormlabException("cannot store results: " + e.getMessage(), e);
        }
    }

    /** Writes the Parquet files. */
    public void finish() {
        try (Statement st = conn.createStatement()) {
            app.flush();
            st.execute("COPY (SELECT * FROM results ORDER BY point) TO '" + quote(dir)
                    + "' (FORMAT PARQUET, PARTITION_BY (point))");
        } catch (SQLException e) {
            throw new NormlabException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
            conn.close();
        } catch (SQLException e) {
            throw new NormlabException("cannot close the results table: " + e.getMessage(), e);
        }
    }

    /** Reads every row of a results folder written by any engine, ordered by point, scenario, statistic, year. */
    public static List<SweepRow> read(Path dir) {
        List<SweepRow> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT CAST(point AS INTEGER), scenario, statistic, year, value FROM"
                        + " read_parquet('" + quote(dir) + "/*/*.parquet', hive_partitioning = true)"
                        + " ORDER BY 1, 2, 3, 4 NULLS FIRST")) {
            while (rs.next()) {
                int y = rs.getInt(4);
                Integer year = rs.wasNull() ? null : y;
                out.add(new SweepRow(rs.getInt(1), rs.getString(2), rs.getString(3), year, rs.getDouble(5)));
            }
        } catch (SQLException e) {
            throw new NormlabException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String quote(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }
}
