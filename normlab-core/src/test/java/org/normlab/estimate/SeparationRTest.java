package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The separation check against the linear programmes of R's detectseparation, solved by lp_solve
 * in {@code src/test/R/separation_fixtures.R}, on five synthetic designs and the real withdrawal
 * risk set.
 */
class SeparationRTest {

    private static final String DIR = "/estimate/separation/";

    @ParameterizedTest
    @ValueSource(strings = {"complete", "quasi", "clean", "factor", "weighted", "withdrawal"})
    void separatedTermsAndDirectionsMatchR(String design) {
        List<CSVRecord> expected = read("separation_expected.csv").stream()
                .filter(r -> r.get("design").equals(design))
                .toList();
        assertThat(expected).isNotEmpty();
        Separation s = detect(design);

        List<String> names = expected.stream().map(r -> r.get("term")).toList();
        for (CSVRecord r : expected) {
            String term = r.get("term");
            boolean up = Boolean.parseBoolean(r.get("up"));
            boolean down = Boolean.parseBoolean(r.get("down"));
            assertThat(s.separated(term)).as(design + " " + term).isEqualTo(up || down);
            if (up || down) {
                Separation.Direction d = s.terms().get(s.names().indexOf(term)).direction();
                Separation.Direction want = up && down
                        ? Separation.Direction.EITHER
                        : up ? Separation.Direction.POSITIVE : Separation.Direction.NEGATIVE;
                assertThat(d).as(design + " " + term).isEqualTo(want);
                // glm's estimate of every separated term has run off (|beta| > 20 after 100 steps)
                assertThat(Double.parseDouble(r.get("glm_abs"))).as(term).isGreaterThan(20);
            }
            // every term detect_separation's single vertex marks infinite is among ours, same sign
            String vertex = r.get("vertex");
            if (!vertex.equals("0")) {
                assertThat(s.separated(term))
                        .as("vertex " + design + " " + term)
                        .isTrue();
                Separation.Direction d = s.terms().get(s.names().indexOf(term)).direction();
                assertThat(d.label()).as(term).isIn(vertex.startsWith("-") ? "-Inf" : "+Inf", "+/-Inf");
            }
        }
        assertThat(s.names())
                .as("model order")
                .isEqualTo(names.stream().filter(s::separated).toList());
        boolean complete = Boolean.parseBoolean(expected.get(0).get("complete"));
        boolean any = expected.stream()
                .anyMatch(r -> Boolean.parseBoolean(r.get("up")) || Boolean.parseBoolean(r.get("down")));
        assertThat(s.kind())
                .isEqualTo(
                        complete
                                ? Separation.Kind.COMPLETE
                                : any ? Separation.Kind.QUASI_COMPLETE : Separation.Kind.NONE);
    }

    @Test
    void theRealWithdrawalRiskSetIsSeparatedInAllThreeTerms() {
        Separation s = detect("withdrawal");
        assertThat(s.describe()).isEqualTo("(Intercept) (-Inf), border_war (+Inf), nato_member (+Inf)");
    }

    @Test
    void theEstimatorCarriesTheCheckForBothLinks() {
        List<CSVRecord> rows = read("quasi.csv");
        HazardProblem p = HazardProblem.of(
                column(rows, "event"), new double[][] {column(rows, "war_x"), column(rows, "x2")}, "war_x", "x2");
        for (Link link : Link.values()) {
            HazardEstimate ml = HazardEstimator.of().fit(p.withLink(link));
            assertThat(ml.separation().names()).as(link.label()).containsExactly("war_x");
            assertThat(ml.diverged("war_x")).isTrue();
            assertThat(ml.diverged("x2")).isFalse();
            assertThat(Double.isNaN(ml.pValues()[1]))
                    .as("no p for a diverged term")
                    .isTrue();
            assertThat(ml.pValues()[2]).isBetween(0.0, 1.0);
            // Firth's estimate is finite: the design is still separated, but nothing diverges
            HazardEstimate firth = HazardEstimator.of().withFirth(true).fit(p.withLink(link));
            assertThat(firth.separation().detected()).isTrue();
            assertThat(firth.diverged("war_x")).isFalse();
            assertThat(firth.pValues()[1]).isBetween(0.0, 1.0);
        }
    }

    /**
     * The estimator's check starts from the fit (its score equations prove most designs clean and
     * confine the programmes to a subspace otherwise): it must agree with the programmes over the
     * whole cone, for both links.
     */
    @ParameterizedTest
    @ValueSource(strings = {"complete", "quasi", "clean", "factor", "withdrawal"})
    void theEstimatorsShortcutAgreesWithTheFullProgrammes(String design) {
        List<CSVRecord> rows = read(design.equals("withdrawal") ? "withdrawal_risk_set.csv" : design + ".csv");
        Map<String, List<String>> vars = Map.of(
                "complete", List.of("x", "z"),
                "quasi", List.of("war_x", "x2"),
                "clean", List.of("x1", "x2"),
                "factor", List.of("gb", "gc", "x2"),
                "withdrawal", List.of("border_war", "nato_member"));
        List<String> names = vars.get(design);
        double[][] cols = new double[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            String v = names.get(j);
            cols[j] = rows.stream()
                    .mapToDouble(r -> v.startsWith("g") && v.length() == 2
                            ? (r.get("g").equals(v.substring(1)) ? 1.0 : 0.0)
                            : Double.parseDouble(r.get(v)))
                    .toArray();
        }
        HazardProblem p = HazardProblem.of(column(rows, "event"), cols, names.toArray(String[]::new));
        Separation full = Separation.detect(p);
        assertThat(full).isEqualTo(detect(design));
        for (Link link : Link.values()) {
            assertThat(HazardEstimator.of().fit(p.withLink(link)).separation())
                    .as(design + " " + link.label())
                    .isEqualTo(full);
            assertThat(HazardEstimator.of()
                            .withFirth(true)
                            .fit(p.withLink(link))
                            .separation())
                    .as(design + " Firth " + link.label())
                    .isEqualTo(full);
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> Separation.detect(List.of("a"), new double[][] {{1}, {1}}, new double[] {0, 2}, null))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("row 1 is not 0 or 1");
    }

    private static Separation detect(String design) {
        List<CSVRecord> rows = read(design.equals("withdrawal") ? "withdrawal_risk_set.csv" : design + ".csv");
        double[] y = column(rows, "event");
        double[] w = null;
        List<String> names = new ArrayList<>(List.of(HazardProblem.INTERCEPT));
        List<Function<CSVRecord, Double>> cols = new ArrayList<>();
        cols.add(r -> 1.0);
        Map<String, List<String>> designs = Map.of(
                "complete", List.of("x", "z"),
                "quasi", List.of("war_x", "x2"),
                "clean", List.of("x1", "x2"),
                "weighted", List.of("x"),
                "withdrawal", List.of("border_war", "nato_member"));
        if (design.equals("factor")) {
            // treatment contrasts with level a as reference, as R's model.matrix
            names.addAll(List.of("gb", "gc", "x2"));
            cols.add(r -> r.get("g").equals("b") ? 1.0 : 0.0);
            cols.add(r -> r.get("g").equals("c") ? 1.0 : 0.0);
            cols.add(r -> Double.parseDouble(r.get("x2")));
        } else {
            for (String v : designs.get(design)) {
                names.add(v);
                cols.add(r -> Double.parseDouble(r.get(v)));
            }
        }
        if (design.equals("weighted")) {
            w = column(rows, "weight");
        }
        double[][] x = new double[rows.size()][cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                x[i][j] = cols.get(j).apply(rows.get(i));
            }
        }
        return Separation.detect(names, x, y, w);
    }

    private static double[] column(List<CSVRecord> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
    }

    private static List<CSVRecord> read(String file) {
        try (InputStream in = SeparationRTest.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + file);
            }
            return CSVFormat.DEFAULT
                    .builder()
                    .setCommentMarker('#')
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
