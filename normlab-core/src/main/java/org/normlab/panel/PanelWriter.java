package org.normlab.panel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.InputException;
import org.normlab.data.NormlabException;
import org.normlab.data.SafeText;

/**
 * Writes a panel as {@code iso3,year,event,<variables...>} to CSV (Commons CSV; numbers in
 * Java's shortest round-trip form, so another program reads back the same doubles) or Parquet
 * (through an in-memory DuckDB). A column of text categories is written as its categories (text
 * in CSV, VARCHAR in Parquet), as R reads a character column.
 */
public final class PanelWriter {
    private PanelWriter() {}

    public static void write(Panel panel, Path out) {
        if (isCsv(out)) {
            csv(panel, out);
        } else {
            parquet(panel, out);
        }
    }

    /**
     * Whether {@code out} names a CSV file (else a Parquet file).
     *
     * @throws InputException when it ends in neither .csv nor .parquet
     */
    public static boolean isCsv(Path out) {
        String name =
                out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
            throw new InputException("--out must end in .csv or .parquet: " + out);
        }
        return name.endsWith(".csv");
    }

    public static void csv(Panel panel, Path out) {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            List<String> header = new ArrayList<>(List.of("iso3", "year", "event"));
            header.addAll(panel.names());
            p.printRecord(header.stream().map(SafeText::csvCell).toList());
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < panel.rows(); i++) {
                row.clear();
                row.add(SafeText.csvCell(panel.iso3()[i]));
                row.add(panel.year()[i]);
                row.add((int) panel.event()[i]);
                for (int j = 0; j < panel.columns().length; j++) {
                    String category = panel.category(j, i);
                    row.add(category != null ? SafeText.csvCell(category) : number(panel.columns()[j][i]));
                }
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /** Integers without a decimal point, other values in shortest round-trip form. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void parquet(Panel panel, Path out) {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = conn.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE panel (iso3 VARCHAR, year INTEGER, event INTEGER");
            for (String n : panel.names()) {
                ddl.append(", \"")
                        .append(n.replace("\"", "\"\""))
                        .append(panel.levelsOf(n) != null ? "\" VARCHAR" : "\" DOUBLE");
            }
            st.execute(ddl.append(")").toString());
            try (DuckDBAppender app = conn.unwrap(DuckDBConnection.class).createAppender("main", "panel")) {
                for (int i = 0; i < panel.rows(); i++) {
                    app.beginRow()
                            .append(panel.iso3()[i])
                            .append(panel.year()[i])
                            .append((int) panel.event()[i]);
                    for (int j = 0; j < panel.columns().length; j++) {
                        String category = panel.category(j, i);
                        if (category != null) {
                            app.append(category);
                        } else {
                            app.append(panel.columns()[j][i]);
                        }
                    }
                    app.endRow();
                }
            }
            st.execute("COPY panel TO '" + out.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new NormlabException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
