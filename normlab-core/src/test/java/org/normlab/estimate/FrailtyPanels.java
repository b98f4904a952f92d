package org.normlab.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the frailty fixtures under src/test/resources/estimate/: panels whose cluster column may
 * hold text (the iso3 codes of the real risk set) and the long-format expected values, whose
 * terms include cluster ids.
 */
final class FrailtyPanels {

    private FrailtyPanels() {}

    /** A panel: the cluster labels, their int ids (first appearance), and numeric columns. */
    static final class Panel {
        final List<String> labels;
        final int[] ids;
        final Map<String, double[]> columns;
        /** Label of each cluster id. */
        final Map<Integer, String> labelOf;

        Panel(List<String> labels, int[] ids, Map<String, double[]> columns, Map<Integer, String> labelOf) {
            this.labels = labels;
            this.ids = ids;
            this.columns = columns;
            this.labelOf = labelOf;
        }

        double[] get(String name) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
            }
            return c;
        }

        HazardProblem problem(String... covariates) {
            double[][] cols = new double[covariates.length][];
            for (int j = 0; j < covariates.length; j++) {
                cols[j] = get(covariates[j]);
            }
            return HazardProblem.of(get("event"), cols, covariates).withClusters(ids, "state");
        }
    }

    /**
     * Reads a panel; {@code clusterColumn} holds the cluster labels (numbers or text), which are
     * numbered 1, 2, ... in order of first appearance. Other columns must be numeric.
     */
    static Panel panel(String file, String clusterColumn) {
        List<CSVRecord> records = read(file);
        List<String> header = records.get(0).getParser().getHeaderNames();
        List<String> labels = new ArrayList<>();
        int[] ids = new int[records.size()];
        Map<String, Integer> index = new HashMap<>();
        Map<Integer, String> labelOf = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String label = records.get(i).get(clusterColumn);
            labels.add(label);
            Integer id = index.get(label);
            if (id == null) {
                id = index.size() + 1;
                index.put(label, id);
                labelOf.put(id, label);
            }
            ids[i] = id;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String h : header) {
            if (h.equals(clusterColumn)) {
                continue;
            }
            double[] c = new double[records.size()];
            for (int i = 0; i < records.size(); i++) {
                c[i] = Double.parseDouble(records.get(i).get(h));
            }
            cols.put(h, c);
        }
        return new Panel(labels, ids, cols, labelOf);
    }

    /** Expected values: fit -> quantity -> term -> value (scalars under term ""). */
    static Map<String, Map<String, Map<String, Double>>> expected(String file) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (CSVRecord r : read(file)) {
            out.computeIfAbsent(r.get(0), f -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get(1), q -> new LinkedHashMap<>())
                    .put(r.get(2), Double.parseDouble(r.get(3)));
        }
        return out;
    }

    private static List<CSVRecord> read(String file) {
        String path = "/estimate/" + file;
        try (InputStream in = FrailtyPanels.class.getResourceAsStream(path)) {
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
