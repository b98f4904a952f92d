package org.normlab.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * ISO 3166-1 alpha-3 to numeric codes, read from the bundled country list (its {@code iso_numeric}
 * column), so that the dashboard can join states to the Natural Earth shapes, which are keyed by
 * the numeric code. Immutable after loading; thread-safe.
 */
final class IsoNumeric {
    private static final String RESOURCE = "/org/normlab/data/bundled/countries.csv";
    private static final Map<String, String> CODES = load();

    private IsoNumeric() {}

    /** The three-digit numeric code of {@code iso3}, or null when the country list has none. */
    static String of(String iso3) {
        return CODES.get(iso3);
    }

    private static Map<String, String> load() {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = IsoNumeric.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            for (CSVRecord rec : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)) {
                String numeric = rec.get("iso_numeric").trim();
                if (!numeric.isEmpty()) {
                    out.put(rec.get("iso3"), numeric);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
