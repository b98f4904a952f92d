package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model formulas and reported effects against R ({@code normlab-cli/src/test/R/formulas.R}): the
 * panel of a formula's variables must be the one R read, {@code panel --formula} must write R's
 * model matrix (names and values), and {@code fit --formula} must give R's coefficients, model and
 * cluster-robust SEs, log-likelihood, Wald and profile-likelihood intervals and average marginal
 * effects with their delta-method SEs. formula3 and formula4 read {@code regime_type}, an indicator
 * of text categories imported with {@code --text}: R's factor of a character column, with a chosen
 * reference, in an interaction, and on its own (where R codes {@code regime_type:polyarchy} with a
 * column per category).
 */
class FormulaRCheckTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("f.duckdb");
        Cli.importRegimeTypes(db);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "formula1",
                        "logit",
                        "conflict_territorial * polyarchy + log(share_border+0.01) "
                                + "+ poly(share_global, 2) + relevel(factor(conflict_intensity), ref = \"1\") + opening_year",
                        "conflict_territorial,polyarchy,share_border,share_global,conflict_intensity,opening_year"),
                Arguments.of(
                        "formula2",
                        "cloglog",
                        "log_duration + opening_year + share_subregion:polity2 "
                                + "+ I(polity2^2/10) + log1p(share_border) + factor(measures_in_force)",
                        "log_duration,opening_year,share_subregion,polity2,share_border,measures_in_force"),
                Arguments.of(
                        "formula3",
                        "logit",
                        "relevel(factor(regime_type), ref = \"democracy\") * log_duration + log(share_border + 0.01)"
                                + " + conflict_territorial",
                        "regime_type,log_duration,share_border,conflict_territorial"),
                Arguments.of(
                        "formula4",
                        "cloglog",
                        "regime_type + regime_type:polyarchy + share_subregion",
                        "regime_type,polyarchy,share_subregion"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void formulaMatchesR(String name, String link, String formula, String vars) throws Exception {
        Path raw = dir.resolve(name + "-raw.csv");
        Cli p = Cli.run(db, "panel", "--vars", vars, "--out", raw.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(Files.readString(raw)).isEqualTo(Files.readString(Cli.resource("rcheck/" + name + ".csv")));

        Path matrix = dir.resolve(name + "-matrix.csv");
        Cli m = Cli.run(db, "panel", "--formula", formula, "--out", matrix.toString());
        assertThat(m.code()).as(m.err()).isZero();
        List<CSVRecord> ours = read(matrix);
        List<CSVRecord> theirs = read(Cli.resource("rcheck/" + name + "_matrix.csv"));
        assertThat(ours.get(0).values()).containsExactly(theirs.get(0).values());
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 1; i < ours.size(); i++) {
            for (int j = 3; j < ours.get(i).size(); j++) {
                double a = Double.parseDouble(ours.get(i).get(j));
                double b = Double.parseDouble(theirs.get(i).get(j));
                assertThat(Math.abs(a - b))
                        .as("row " + i + " column " + theirs.get(0).get(j))
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(b)));
            }
        }

        Map<String, Double> expected = expected(name, link);
        JsonNode model = fit("--formula", formula, "--link", link, "--se", "model", "--ci", "0.95", "--ame");
        assertClose(model.get("loglik").asDouble(), expected.get("loglik|"), "loglik");
        int checked = 0;
        for (JsonNode c : model.get("coefficients")) {
            String term = c.get("name").asText();
            assertClose(c.get("estimate").asDouble(), expected.get("coef|" + term), "coef " + term);
            assertClose(c.get("se").asDouble(), expected.get("se_model|" + term), "se " + term);
            assertClose(c.get("lower").asDouble(), expected.get("profile95_lower|" + term), "profile lower " + term);
            assertClose(c.get("upper").asDouble(), expected.get("profile95_upper|" + term), "profile upper " + term);
            checked++;
        }
        assertThat(checked)
                .isEqualTo(expected.keySet().stream()
                        .filter(k -> k.startsWith("coef|"))
                        .count());
        checkAme(model, expected, "ame_se_model");

        JsonNode cluster = fit(
                "--formula",
                formula,
                "--link",
                link,
                "--se",
                "cluster",
                "--ci",
                "0.9",
                "--ci-method",
                "wald",
                "--odds-ratios",
                "--ame");
        for (JsonNode c : cluster.get("coefficients")) {
            String term = c.get("name").asText();
            assertClose(c.get("se").asDouble(), expected.get("se_cluster|" + term), "cluster se " + term);
            // confint.default uses the model-based SEs; the Wald limits here use the chosen (cluster) SEs
            double z = 1.6448536269514722;
            assertClose(
                    c.get("exp_lower").asDouble(),
                    Math.exp(expected.get("coef|" + term) - z * expected.get("se_cluster|" + term)),
                    "cluster Wald OR lower " + term);
            assertClose(c.get("exp_estimate").asDouble(), Math.exp(expected.get("coef|" + term)), "OR " + term);
        }
        checkAme(cluster, expected, "ame_se_cluster");

        JsonNode wald =
                fit("--formula", formula, "--link", link, "--se", "model", "--ci", "0.9", "--ci-method", "wald");
        for (JsonNode c : wald.get("coefficients")) {
            String term = c.get("name").asText();
            assertClose(c.get("lower").asDouble(), expected.get("wald90_lower|" + term), "Wald lower " + term);
            assertClose(c.get("upper").asDouble(), expected.get("wald90_upper|" + term), "Wald upper " + term);
        }
    }

    static Stream<Arguments> profiles() {
        return Stream.of(
                Arguments.of("formula1", "polyarchy=0.8,conflict_territorial=1,conflict_intensity=1", "2005-2008"),
                Arguments.of("formula3", "regime_type=anocracy,conflict_territorial=1", "2003-2006"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void predictedProfileMatchesR(String name, String at, String span) throws Exception {
        Object[] c0 = cases().filter(a -> a.get()[0].equals(name))
                .findFirst()
                .orElseThrow()
                .get();
        String formula = (String) c0[2];
        Map<String, Double> expected = expected(name, (String) c0[1]);
        Cli c = Cli.run(
                db,
                "predict",
                "--formula",
                formula,
                "--link",
                (String) c0[1],
                "--se",
                "model",
                "--at",
                at,
                "--years",
                span,
                "--format",
                "json");
        assertThat(c.code()).as(c.err()).isZero();
        JsonNode years = new ObjectMapper().readTree(c.out()).get("years");
        assertThat(years).hasSize(4);
        for (JsonNode y : years) {
            String t = y.get("year").asText();
            assertClose(y.get("probability").asDouble(), expected.get("predict_p|" + t), "p " + t);
            assertClose(y.get("lower").asDouble(), expected.get("predict_lower|" + t), "lower " + t);
            assertClose(y.get("upper").asDouble(), expected.get("predict_upper|" + t), "upper " + t);
            assertClose(y.get("cumulative").asDouble(), expected.get("predict_cum|" + t), "cumulative " + t);
            assertClose(y.get("cumulativeLower").asDouble(), expected.get("predict_cum_lower|" + t), "cum lower " + t);
            assertClose(y.get("cumulativeUpper").asDouble(), expected.get("predict_cum_upper|" + t), "cum upper " + t);
        }
        String categorical = name.equals("formula1") ? "conflict_intensity" : "regime_type";
        Cli missing = Cli.run(db, "predict", "--formula", formula, "--at", "conflict_territorial=1", "--years", "2005");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains(categorical, "factor");
        Cli unknown = Cli.run(db, "predict", "--formula", formula, "--at", categorical + "=nowhere", "--years", "2005");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nowhere' is not one of the levels");
    }

    private static void checkAme(JsonNode fit, Map<String, Double> expected, String seKey) {
        int n = 0;
        for (JsonNode a : fit.get("average_marginal_effects")) {
            String term = a.get("term").asText();
            assertClose(a.get("estimate").asDouble(), expected.get("ame|" + term), "AME " + term);
            assertClose(a.get("se").asDouble(), expected.get(seKey + "|" + term), seKey + " " + term);
            n++;
        }
        assertThat(n)
                .isEqualTo(expected.keySet().stream()
                        .filter(k -> k.startsWith("ame|"))
                        .count());
    }

    private static JsonNode fit(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("fit", "--format", "json"));
        all.addAll(List.of(args));
        Cli c = Cli.run(db, all.toArray(String[]::new));
        assertThat(c.code()).as(c.err()).isZero();
        return new ObjectMapper().readTree(c.out());
    }

    private static void assertClose(double actual, Double expected, String what) {
        assertThat(expected).as("R value for " + what).isNotNull();
        assertThat(Math.abs(actual - expected))
                .as(what + ": normlab " + actual + " vs R " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.abs(expected));
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p =
                        CSVFormat.RFC4180.builder().setCommentMarker('#').get().parse(r)) {
            return p.getRecords();
        }
    }

    private static Map<String, Double> expected(String name, String link) throws Exception {
        Map<String, Double> out = new HashMap<>();
        List<CSVRecord> rows = read(Cli.resource("rcheck/" + name + "_expected.csv"));
        for (CSVRecord r : rows.subList(1, rows.size())) {
            if (r.get(0).equals(link)) {
                out.put(r.get(1) + "|" + r.get(2), Double.parseDouble(r.get(3)));
            }
        }
        return out;
    }
}
