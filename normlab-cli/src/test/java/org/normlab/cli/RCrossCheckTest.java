package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * normlab's panels and fits against R on the bundled data: the panel normlab writes today must be
 * the one R read, and the coefficients, standard errors and log-likelihood of {@code normlab fit}
 * must equal R's (glm, sandwich::vcovCL, brglm2 AS_mean) within 1e-6 relative.
 */
class RCrossCheckTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("r.duckdb");
    }

    static Stream<Arguments> cases() {
        String twoLevel = "log_duration,opening_year,share_global,share_border,share_subregion,measures_in_force,"
                + "party_ccw_apii,unga_yes,unga_abstain,unga_absent,conflict_territorial,conflict_territorial_past10,"
                + "conflict_interstate,border_war,euds,eu_member,nato_member";
        String custom = "log_duration,opening_year,share_subregion,conflict_intrastate,polity2,measures_in_force";
        return Stream.of(
                Arguments.of("consent_two_level", "logit", new String[] {"--spec", "two-level"}, new String[] {
                    "--link", "logit"
                }),
                Arguments.of("consent_two_level", "cloglog", new String[] {"--vars", twoLevel}, new String[] {
                    "--link", "cloglog"
                }),
                Arguments.of(
                        "consent_perception_pressure",
                        "logit",
                        new String[] {"--spec", "perception-pressure", "--missing", "fill"},
                        new String[] {}),
                Arguments.of(
                        "consent_custom",
                        "logit",
                        new String[] {"--vars", custom, "--missing", "fill"},
                        new String[] {}),
                Arguments.of(
                        "withdrawal",
                        "firth_logit",
                        new String[] {"--transition", "withdrawal", "--vars", "log_duration,nato_member,border_war"},
                        new String[] {"--firth", "--se", "model"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fitMatchesR(String panel, String fit, String[] panelArgs, String[] fitArgs) throws Exception {
        Path written = dir.resolve(panel + "-" + fit + ".csv");
        List<String> args = new ArrayList<>(List.of("panel", "--out", written.toString()));
        args.addAll(List.of(panelArgs));
        Cli p = Cli.run(db, args.toArray(String[]::new));
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(Files.readString(written)).isEqualTo(Files.readString(Cli.resource("rcheck/" + panel + ".csv")));

        Map<String, Double> expected = expected(panel, fit);
        List<String> fa = new ArrayList<>(List.of("fit", "--format", "json"));
        fa.addAll(List.of(panelArgs));
        fa.addAll(List.of(fitArgs));
        Cli se = Cli.run(db, fa.toArray(String[]::new));
        assertThat(se.code()).as(se.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(se.out());
        String seKey = fit.startsWith("firth") || List.of(fitArgs).contains("model") ? "se_model" : "se_cluster";
        assertClose(json.get("loglik").asDouble(), expected.get("loglik|"), "loglik");
        int checked = 0;
        for (JsonNode c : json.get("coefficients")) {
            String term = c.get("name").asText();
            assertClose(c.get("estimate").asDouble(), expected.get("coef|" + term), "coef " + term);
            assertClose(c.get("se").asDouble(), expected.get(seKey + "|" + term), seKey + " " + term);
            checked++;
        }
        assertThat(checked)
                .isEqualTo(expected.keySet().stream()
                        .filter(k -> k.startsWith("coef|"))
                        .count());
        if (!fit.startsWith("firth")) {
            // the other kind of standard error too
            List<String> model = new ArrayList<>(fa);
            model.addAll(List.of("--se", seKey.equals("se_model") ? "cluster" : "model"));
            JsonNode other = new ObjectMapper()
                    .readTree(Cli.run(db, model.toArray(String[]::new)).out());
            String otherKey = seKey.equals("se_model") ? "se_cluster" : "se_model";
            for (JsonNode c : other.get("coefficients")) {
                assertClose(
                        c.get("se").asDouble(),
                        expected.get(otherKey + "|" + c.get("name").asText()),
                        otherKey);
            }
        }
    }

    private static void assertClose(double actual, Double expected, String what) {
        assertThat(expected).as("R value for " + what).isNotNull();
        assertThat(Math.abs(actual - expected))
                .as(what + ": normlab " + actual + " vs R " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.abs(expected));
    }

    private static Map<String, Double> expected(String panel, String fit) throws Exception {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(Cli.resource("rcheck/" + panel + "_expected.csv"))) {
            if (line.startsWith("#") || line.startsWith("fit,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f[0].equals(fit)) {
                out.put(f[1] + "|" + f[2], Double.parseDouble(f[3]));
            }
        }
        return out;
    }
}
