package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's R and Python examples (docs/examples) run on files normlab wrote, and what they print
 * is checked against normlab: the R example's glm on the panel CSV gives normlab fit's coefficients
 * and model-based standard errors to 1e-6, and the Python example reads the database, the Parquet
 * risk set and a simulation's curve with the counts normlab wrote. Outside CI an example is skipped
 * where its tool (Rscript; python3 with duckdb and pandas) is missing; with {@code CI} set a missing
 * tool fails the test (.ci/run installs them). The R example's optional duckdb/arrow part runs where
 * those R packages are installed.
 */
class GuideExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    static Path dir;

    static Path db;
    static Path participation;
    static Path panelCsv;
    static Path panelParquet;
    static Path fitCsv;
    static Path curve;
    static JsonNode fitJson;

    @BeforeAll
    static void outputs() throws IOException {
        db = dir.resolve("guide.duckdb");
        participation = dir.resolve("participation.csv");
        panelCsv = dir.resolve("panel.csv");
        panelParquet = dir.resolve("panel.parquet");
        fitCsv = dir.resolve("fit.csv");
        ok(Cli.run(db, "data", "export", "participation", "--out", participation.toString()));
        ok(Cli.run(db, "panel", "--spec", "two-level", "--out", panelCsv.toString()));
        ok(Cli.run(db, "panel", "--spec", "two-level", "--out", panelParquet.toString()));
        Cli fit = ok(Cli.run(db, "fit", "--spec", "two-level", "--se", "model", "--format", "csv"));
        Files.writeString(fitCsv, fit.out(), StandardCharsets.UTF_8);
        fitJson = new ObjectMapper()
                .readTree(ok(Cli.run(db, "fit", "--spec", "two-level", "--se", "model", "--format", "json"))
                        .out());
        ok(Cli.run(
                db,
                "simulate",
                "--scenario",
                Path.of("..", "examples", "russia-peace.yaml").toString(),
                "--replicates",
                "10",
                "--out",
                dir.resolve("sim").toString()));
        curve = dir.resolve("sim").resolve("curve.csv");
    }

    @Test
    void python() throws Exception {
        require("python3 with duckdb and pandas", "python3", "-c", "import duckdb, pandas");
        String out = run(
                "python3",
                EXAMPLES.resolve("read_results.py").toString(),
                db.toString(),
                panelParquet.toString(),
                curve.toString());
        List<CSVRecord> panel = csv(panelCsv);
        assertThat(out)
                .contains("parties " + parties() + "\n")
                .contains("panel rows " + panel.size() + " events " + events(panel) + "\n")
                .contains("curve years " + curveYears() + "\n")
                .contains("curve parties_mean last " + lastMean() + "\n");
    }

    @Test
    void r() throws Exception {
        require("Rscript", "Rscript", "--version");
        String out = run(
                "Rscript",
                EXAMPLES.resolve("read_results.R").toString(),
                participation.toString(),
                panelCsv.toString(),
                fitCsv.toString(),
                curve.toString(),
                db.toString(),
                panelParquet.toString());
        List<CSVRecord> panel = csv(panelCsv);
        assertThat(out)
                .contains("parties " + parties() + "\n")
                .contains("panel rows " + panel.size() + " events " + events(panel) + "\n")
                .contains("curve years " + curveYears() + "\n");
        // glm's estimates, as the example prints them, against normlab fit's
        Map<String, double[]> glm = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^glm (\\S+) (\\S+) (\\S+)$").matcher(out);
        while (m.find()) {
            if (!m.group(1).equals("loglik")) {
                glm.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            }
        }
        JsonNode coefficients = fitJson.get("coefficients");
        assertThat(glm).hasSize(coefficients.size());
        for (JsonNode c : coefficients) {
            double[] g = glm.get(c.get("name").asText());
            assertThat(g).as(c.get("name").asText()).isNotNull();
            assertThat(g[0])
                    .as("coefficient of " + c.get("name"))
                    .isCloseTo(c.get("estimate").asDouble(), within(1e-6));
            assertThat(g[1]).as("SE of " + c.get("name")).isCloseTo(c.get("se").asDouble(), within(1e-6));
        }
        Matcher ll = Pattern.compile("(?m)^glm loglik (\\S+) n (\\d+)$").matcher(out);
        assertThat(ll.find()).as(out).isTrue();
        assertThat(Double.parseDouble(ll.group(1)))
                .isCloseTo(fitJson.get("loglik").asDouble(), within(1e-6));
        assertThat(Integer.parseInt(ll.group(2))).isEqualTo(fitJson.get("n").asInt());
        assertThat(out).contains("terms compared " + coefficients.size() + " of " + coefficients.size());
        // the optional part runs where R has duckdb and arrow, and says so where it has not
        if (works("Rscript", "-e", "library(DBI); library(duckdb); library(arrow)")) {
            assertThat(out).contains("duckdb parties " + parties() + "\n", "arrow panel rows " + panel.size() + "\n");
        } else {
            assertThat(out).contains("optional part skipped").doesNotContain("duckdb parties");
        }
    }

    /** Parties of the Mine Ban Convention in the exported table: consented and not withdrawn. */
    private static long parties() throws IOException {
        return csv(participation).stream()
                .filter(r -> r.get("instrument_id").equals("mine-ban"))
                .filter(r -> !r.get("consent_date").isEmpty()
                        && r.get("withdrawal_effective_date").isEmpty())
                .count();
    }

    private static long events(List<CSVRecord> panel) {
        return panel.stream().filter(r -> r.get("event").equals("1")).count();
    }

    private static String curveYears() throws IOException {
        List<CSVRecord> rows = csv(curve);
        int min = rows.stream()
                .mapToInt(r -> Integer.parseInt(r.get("year")))
                .min()
                .orElseThrow();
        int max = rows.stream()
                .mapToInt(r -> Integer.parseInt(r.get("year")))
                .max()
                .orElseThrow();
        return min + "-" + max;
    }

    private static String lastMean() throws IOException {
        List<CSVRecord> rows = csv(curve);
        return String.format(
                java.util.Locale.ROOT,
                "%.4f",
                Double.parseDouble(rows.get(rows.size() - 1).get("parties_mean")));
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)
                    .getRecords();
        }
    }

    private static Cli ok(Cli c) {
        assertThat(c.code()).as(c.err()).isZero();
        return c;
    }

    /** Skips the test where the tool is missing, unless CI is set: then a missing tool fails it. */
    private static void require(String what, String... probe) {
        boolean present = works(probe);
        if (System.getenv("CI") != null) {
            assertThat(present)
                    .as("CI is set, so %s must be installed (.ci/run installs it)", what)
                    .isTrue();
        }
        assumeTrue(present, what + " is not installed");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
