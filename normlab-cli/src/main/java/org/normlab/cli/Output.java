package org.normlab.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.normlab.data.SafeText;

/** Writes rows as an aligned text table, CSV (Commons CSV) or JSON (Jackson). */
final class Output {
    /** JSON has no NaN or infinity: every non-finite number is written as null, never as a bare NaN. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble()));

    /** Writes a double, or null when it is NaN or infinite. */
    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }

    private Output() {}

    /** Prints an aligned table; cells are stripped of control characters ({@link SafeText#printable}). */
    static void table(PrintWriter out, List<String> header, List<List<String>> cells) {
        List<List<String>> rows = cells.stream()
                .map(r -> r.stream().map(SafeText::printable).toList())
                .toList();
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        rows.forEach(r -> line(out, r, width));
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(i == 0 ? "" : "  ").append(c);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(width[i] - c.length()));
            }
        }
        out.println(b);
    }

    /** Prints CSV; cells that a spreadsheet would run as formulas are neutralised ({@link SafeText#csvCell}). */
    static void csv(PrintWriter out, List<String> header, List<List<String>> rows) {
        try {
            CSVPrinter printer = new CSVPrinter(
                    out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            printer.printRecord(header);
            for (List<String> r : rows) {
                printer.printRecord(r.stream().map(SafeText::csvCell).toList());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
