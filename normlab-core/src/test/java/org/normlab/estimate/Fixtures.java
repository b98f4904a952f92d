package org.normlab.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the CSV panels and R-generated expected values under src/test/resources/estimate/. */
final class Fixtures {

    private Fixtures() {}

    /** A panel: numeric columns by header name. */
    static final class Panel {
        final Map<String, double[]> columns;
        final int rows;

        Panel(Map<String, double[]> columns, int rows) {
            this.columns = columns;
            this.rows = rows;
        }

        double[] get(String name) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
            }
            return c;
        }

        int[] ids() {
            double[] d = get("id");
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (int) d[i];
            }
            return out;
        }

        HazardProblem problem(String... covariates) {
            double[][] cols = new double[covariates.length][];
            for (int j = 0; j < covariates.length; j++) {
                cols[j] = get(covariates[j]);
            }
            return HazardProblem.of(get("event"), cols, covariates).withClusters(ids(), "state");
        }
    }

    /** Expected values: fit -> quantity -> term -> value (scalars under term ""). */
    static final class Expected {
        final Map<String, Map<String, Map<String, Double>>> values;

        Expected(Map<String, Map<String, Map<String, Double>>> values) {
            this.values = values;
        }

        double scalar(String fit, String quantity) {
            return value(fit, quantity, "");
        }

        double value(String fit, String quantity, String term) {
            Double v = values.getOrDefault(fit, Map.of())
                    .getOrDefault(quantity, Map.of())
                    .get(term);
            if (v == null) {
                throw new IllegalArgumentException("no expected " + fit + "/" + quantity + "/" + term);
            }
            return v;
        }

        Map<String, Double> vector(String fit, String quantity) {
            return values.get(fit).get(quantity);
        }
    }

    static Panel panel(String file) {
        List<CSVRecord> records = read(file);
        Map<String, double[]> cols = new LinkedHashMap<>();
        List<String> header =
                records.isEmpty() ? List.of() : records.get(0).getParser().getHeaderNames();
        for (String h : header) {
            double[] c = new double[records.size()];
            for (int i = 0; i < records.size(); i++) {
                c[i] = Double.parseDouble(records.get(i).get(h));
            }
            cols.put(h, c);
        }
        return new Panel(cols, records.size());
    }

    static Expected expected(String file) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (CSVRecord r : read(file)) {
            String fit = r.get(0);
            out.computeIfAbsent(fit, f -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get(1), q -> new LinkedHashMap<>())
                    .put(r.get(2), Double.parseDouble(r.get(3)));
        }
        return new Expected(out);
    }

    private static List<CSVRecord> read(String file) {
        String path = "/estimate/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setCommentMarker('#')
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get();
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                return new ArrayList<>(parser.getRecords());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
