package org.normlab.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.normlab.data.DataException;
import org.normlab.data.InputFile;
import org.normlab.data.ProblemCollector;

/**
 * A CSV file read strictly: UTF-8 only, a header naming the expected columns, every record as
 * wide as the header. Parsing is done by Apache Commons CSV; this class adds the checks and the
 * line numbers users need ("file.csv:12: ..."). Immutable once read.
 */
public final class CsvTable {
    /** One data record with the 1-based line of the file on which it starts. */
    public record Row(long line, Map<String, String> values) {
        /** The trimmed value of a column, or "" when the column is absent. */
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.trim();
        }
    }

    private final String name;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Reads a file from disk; {@code required} columns must be present, {@code optional} may be. The
     * file must be a regular file of at most {@link InputFile.Kind#CSV}'s limit, checked before
     * reading.
     */
    public static CsvTable read(Path file, List<String> required, List<String> optional) {
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = InputFile.read(file, InputFile.Kind.CSV);
        } catch (InputFile.Refused e) {
            throw DataException.of(display, 0, e.getMessage());
        }
        return parse(display, bytes, required, optional);
    }

    /** Reads a bundled resource (or any stream) under a display name. */
    public static CsvTable read(String display, InputStream in, List<String> required, List<String> optional) {
        try (in) {
            return parse(display, in.readAllBytes(), required, optional);
        } catch (IOException e) {
            throw DataException.of(display, 0, "cannot be read: " + e.getMessage());
        }
    }

    static CsvTable parse(String display, byte[] bytes, List<String> required, List<String> optional) {
        String text = decodeUtf8(display, bytes);
        if (text.isBlank()) {
            throw DataException.of(
                    display, 0, "the file is empty (expected a header line: " + String.join(",", required) + ")");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw DataException.of(display, lineOf(text, nul), "not a CSV text file (binary content)");
        }
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
                .setIgnoreEmptyLines(true)
                .get();
        ProblemCollector problems = new ProblemCollector(display);
        List<Row> rows = new ArrayList<>();
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            header = parser.getHeaderNames().stream().map(String::trim).toList();
            checkHeader(problems, header, required, optional);
            problems.throwIfAny();
            long nextLine = parser.getCurrentLineNumber() + 1;
            var iterator = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(nextLine, "not valid CSV from this line on: " + rootMessage(e));
                    break;
                }
                long line = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                if (record.size() != header.size()) {
                    problems.add(line, "has " + record.size() + " fields, the header has " + header.size());
                    continue;
                }
                Map<String, String> values = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), record.get(i));
                }
                rows.add(new Row(line, values));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw DataException.of(display, 1, "not valid CSV: " + rootMessage(e));
        }
        problems.throwIfAny();
        if (rows.isEmpty()) {
            throw DataException.of(display, 0, "has a header but no data rows");
        }
        return new CsvTable(display, header, rows);
    }

    private static void checkHeader(
            ProblemCollector problems, List<String> header, List<String> required, List<String> optional) {
        Set<String> known = new LinkedHashSet<>(required);
        known.addAll(optional);
        if (!required.isEmpty() && header.stream().noneMatch(known::contains)) {
            // Not a file of this kind at all (perhaps not a CSV file): its first line is not quoted.
            problems.add(
                    1,
                    "the first line names none of the expected columns (expected header: " + String.join(",", required)
                            + ")");
            return;
        }
        for (String column : required) {
            if (!header.contains(column)) {
                problems.add(
                        1, "missing column '" + column + "' (expected header: " + String.join(",", required) + ")");
            }
        }
        for (String column : header) {
            if (!known.contains(column)) {
                problems.add(1, "unknown column '" + column + "' (allowed: " + String.join(",", known) + ")");
            }
        }
    }

    private static String decodeUtf8(String display, byte[] bytes) {
        try {
            return InputFile.utf8(bytes);
        } catch (InputFile.MalformedText e) {
            throw DataException.of(display, e.where().line(), e.where().reason() + "; save the file as UTF-8");
        }
    }

    private static long lineOf(String text, int index) {
        long line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
