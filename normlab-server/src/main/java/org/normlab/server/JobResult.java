package org.normlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.normlab.sim.Comparison;
import org.normlab.sim.EnsembleWriter;
import org.normlab.sim.Manifest;

/**
 * A finished job's result as JSON: exactly what {@code normlab simulate} writes (the curve, the
 * life cycle and the paired differences of {@link EnsembleWriter}, and its manifest), read back
 * from the files it writes into a scratch folder, plus the baseline's curve. One place computes
 * the quantiles, so the API and the files never disagree. Stateless.
 */
final class JobResult {
    private JobResult() {}

    static Map<String, Object> of(Comparison c, Manifest manifest) throws IOException {
        Path dir = Files.createTempDirectory("normlab-job");
        try {
            EnsembleWriter.writeAll(dir, manifest, c);
            EnsembleWriter.writeCurve(c.baseline(), dir.resolve("baseline_curve.csv"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("curve", rows(dir.resolve("curve.csv")));
            out.put("baseline_curve", rows(dir.resolve("baseline_curve.csv")));
            out.put("lifecycle", rows(dir.resolve("lifecycle.csv")));
            out.put("diff", rows(dir.resolve("diff.csv")));
            JsonNode m = Body.MAPPER.readTree(Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8));
            out.put("manifest", m);
            return out;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The rows of a CSV file as objects; numeric cells become numbers, empty cells null. */
    private static List<Map<String, Object>> rows(Path csv) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String h : rec.getParser().getHeaderNames()) {
                    row.put(h, cell(rec.get(h)));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Object cell(String v) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            return v.contains(".") ? (Object) Double.valueOf(v) : (Object) Long.valueOf(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
