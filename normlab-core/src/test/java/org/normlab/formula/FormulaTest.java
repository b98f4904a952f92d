package org.normlab.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;

/** Formula parsing and model matrices against R (values from normlab-core/src/test/R/formula_names.R). */
class FormulaTest {
    private static final double[] A = {1, 2, 3, 4, 5, 6, 7, 9};
    private static final double[] B = {2, 1, 2, 1, 3, 3, 1, 2};

    private static Panel panel() {
        String[] iso3 = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"};
        int[] year = {2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000};
        double[] y = {0, 1, 0, 1, 1, 0, 0, 1};
        return new Panel(
                PanelSpec.of("x", Transition.CONSENT, List.of("a", "b")),
                iso3,
                year,
                y,
                List.of("a", "b"),
                new double[][] {A, B},
                Map.of(),
                Map.of(),
                Map.of());
    }

    @Test
    void namesAndOrderAsRsModelMatrix() {
        Formula f = Formula.parse("~ b + a:b + I(a/2) + I(a*2) + log(a+0.01) + I(a^2) + poly(a,2) "
                + "+ relevel(factor(b),ref=\"2\") + exp(-a) + sqrt(a) + I(1e-5*a) + I(100000*a) + I((a-1)^2) "
                + "+ log(a, 2) + factor(b):a");
        ModelMatrix m = ModelMatrix.of(f, panel());
        assertThat(m.names())
                .containsExactly(
                        "b",
                        "I(a/2)",
                        "I(a * 2)",
                        "log(a + 0.01)",
                        "I(a^2)",
                        "poly(a, 2)1",
                        "poly(a, 2)2",
                        "relevel(factor(b), ref = \"2\")1",
                        "relevel(factor(b), ref = \"2\")3",
                        "exp(-a)",
                        "sqrt(a)",
                        "I(1e-05 * a)",
                        "I(1e+05 * a)",
                        "I((a - 1)^2)",
                        "log(a, 2)",
                        "b:a",
                        "a:factor(b)2",
                        "a:factor(b)3");
        Panel p = m.apply(panel());
        assertClose(
                p.column("poly(a, 2)1"),
                -0.51329443591847168,
                -0.3716959708375141,
                -0.23009750575655627,
                -0.08849904067559855,
                0.053099424405359169,
                0.19469788948631692,
                0.33629635456727464,
                0.61949328472919019);
        assertClose(
                p.column("poly(a, 2)2"),
                0.52210463302430665,
                0.12749066620360985,
                -0.15177460262334488,
                -0.31569117345655756,
                -0.36425904629602812,
                -0.29747822114175615,
                -0.11534869799374223,
                0.59495644228351241);
        assertClose(p.column("a:factor(b)3"), 0, 0, 0, 0, 5, 6, 0, 0);
        assertClose(p.column("relevel(factor(b), ref = \"2\")1"), 0, 1, 0, 1, 0, 0, 1, 0);
        assertThat(f.variables()).containsExactly("b", "a");
    }

    @Test
    void interactionsCrossingAndNestingAsRCodesThem() {
        // R's TermCode: contrasts only when the term without the factor is in an earlier term
        List<Map.Entry<String, List<String>>> expected = List.of(
                Map.entry("~ factor(b):a", List.of("factor(b)1:a", "factor(b)2:a", "factor(b)3:a")),
                Map.entry("~ a + factor(b):a", List.of("a", "a:factor(b)2", "a:factor(b)3")),
                Map.entry("~ I(a^2) + factor(b):a", List.of("I(a^2)", "factor(b)1:a", "factor(b)2:a", "factor(b)3:a")),
                Map.entry(
                        "~ factor(b):a + factor(b)",
                        List.of("factor(b)2", "factor(b)3", "factor(b)1:a", "factor(b)2:a", "factor(b)3:a")),
                Map.entry("~ (a + b + log(a))^2", List.of("a", "b", "log(a)", "a:b", "a:log(a)", "b:log(a)")),
                Map.entry("~ a/b", List.of("a", "a:b")),
                Map.entry("~ (a + b)/log(a)", List.of("a", "b", "a:b:log(a)")),
                Map.entry(
                        "~ factor(b)/a",
                        List.of("factor(b)2", "factor(b)3", "factor(b)1:a", "factor(b)2:a", "factor(b)3:a")),
                Map.entry("~ (a + factor(b))^2 - a:factor(b)", List.of("a", "factor(b)2", "factor(b)3")),
                Map.entry("~ a * b / log(a)", List.of("a", "b", "a:b", "a:b:log(a)")));
        expected.forEach(e -> assertThat(
                        ModelMatrix.of(Formula.parse(e.getKey()), panel()).names())
                .as(e.getKey())
                .containsExactlyElementsOf(e.getValue()));
        assertThatThrownBy(() -> Formula.parse("(a + b)^0")).hasMessageContaining("order from 1 to 10");
    }

    /** The panel with a column of text categories: r holds codes of {"anocracy", "autocracy", "democracy"}. */
    private static Panel textPanel() {
        Panel p = panel();
        double[] r = {3, 1, 3, 2, 1, 3, 2, 1};
        return new Panel(
                p.spec(),
                p.iso3(),
                p.year(),
                p.event(),
                List.of("a", "b", "r"),
                new double[][] {A, B, r},
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of("r", List.of("anocracy", "autocracy", "democracy", "unused")));
    }

    @Test
    void textCategoriesEnterAsRFactorsOfCharacterColumns() {
        ModelMatrix bare = ModelMatrix.of(Formula.parse("r + r:a"), textPanel());
        assertThat(bare.names())
                .containsExactly("rautocracy", "rdemocracy", "ranocracy:a", "rautocracy:a", "rdemocracy:a");
        ModelMatrix rel = ModelMatrix.of(Formula.parse("relevel(factor(r), ref = \"democracy\") * b"), textPanel());
        assertThat(rel.names())
                .containsExactly(
                        "relevel(factor(r), ref = \"democracy\")anocracy",
                        "relevel(factor(r), ref = \"democracy\")autocracy",
                        "b",
                        "relevel(factor(r), ref = \"democracy\")anocracy:b",
                        "relevel(factor(r), ref = \"democracy\")autocracy:b");
        Panel m = rel.apply(textPanel());
        assertClose(m.column("relevel(factor(r), ref = \"democracy\")autocracy:b"), 0, 0, 0, 1, 0, 0, 1, 0);
        assertThat(m.levels()).isEmpty();
        assertThat(rel.categorical()).containsOnlyKeys("r");
        assertThat(rel.categorical().get("r")).containsExactly(3, 1, 2);
        assertThat(rel.levelName("r", 2)).isEqualTo("autocracy");
        assertThat(rel.levelValue("r", "anocracy")).isEqualTo(1);
        assertThatThrownBy(() -> rel.levelValue("r", "unused")).hasMessageContaining("'unused' is not one of");
        double[] row = rel.row(v -> v.equals("r") ? 2.0 : 3.0);
        assertThat(row).containsExactly(0, 1, 3, 0, 3);
        assertThatThrownBy(() -> rel.row(v -> v.equals("r") ? 4.0 : 3.0))
                .hasMessageContaining("unused is not one of the values the model was fitted on");
        for (String bad : List.of("log(r)", "I(r * 2)", "poly(r, 2)", "r:log(a)" + " + I(r^2)")) {
            assertThatThrownBy(() -> ModelMatrix.of(Formula.parse(bad), textPanel()))
                    .as(bad)
                    .hasMessageContaining("'r' holds text categories");
        }
        assertThatThrownBy(() -> ModelMatrix.of(Formula.parse("relevel(factor(r), ref = \"unused\")"), textPanel()))
                .hasMessageContaining("\"unused\" is not a value of the variable on the risk set");
    }

    @Test
    void columnsHaveTheLevelOfTheVariablesTheyRead() {
        assertThat(org.normlab.panel.Variables.level("log(share_border + 0.01)"))
                .isEqualTo("international");
        assertThat(org.normlab.panel.Variables.level("poly(share_global, 2)1")).isEqualTo("international");
        assertThat(org.normlab.panel.Variables.level("relevel(factor(conflict_intensity), ref = \"1\")0"))
                .isEqualTo("domestic");
        assertThat(org.normlab.panel.Variables.level("I(log_duration^2)")).isEqualTo("baseline");
        assertThat(org.normlab.panel.Variables.level("I(1e-05 * share_global)")).isEqualTo("international");
        assertThat(org.normlab.panel.Variables.level("share_border:polyarchy")).isEqualTo("domestic");
        assertThat(org.normlab.panel.Variables.level("share_ties_csto")).isEqualTo("international");
    }

    @Test
    void termsSortedByOrderAsRDoes() {
        assertThat(Formula.parse("a*b + x:y + c").termLabels()).containsExactly("a", "b", "c", "a:b", "x:y");
        assertThat(Formula.parse("(a + b) * c - b:c").termLabels()).containsExactly("a", "b", "c", "a:c");
    }

    @Test
    void newProfilesUseWhatWasLearned() {
        ModelMatrix m = ModelMatrix.of(Formula.parse("poly(a, 2) + factor(b)"), panel());
        Panel p = m.apply(panel());
        // predicting row 5's values through the stored polynomial coefficients gives its columns back
        double[] row = m.row(v -> v.equals("a") ? 5.0 : 3.0);
        assertThat(row[0]).isCloseTo(p.column("poly(a, 2)1")[4], org.assertj.core.data.Offset.offset(1e-12));
        assertThat(row[1]).isCloseTo(p.column("poly(a, 2)2")[4], org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.categorical()).containsOnlyKeys("b");
        assertThatThrownBy(() -> m.row(v -> v.equals("a") ? 5.0 : 4.0)).hasMessageContaining("not one of the values");
    }

    @Test
    void errorsNameThePlaceAndReason() {
        assertThatThrownBy(() -> Formula.parse("a + log(b"))
                .isInstanceOf(FormulaException.class)
                .hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> Formula.parse("a + nope(b)")).hasMessageContaining("unknown function nope()");
        assertThatThrownBy(() -> Formula.parse("a - 1")).hasMessageContaining("without intercept");
        assertThatThrownBy(() -> Formula.parse("y ~ a")).hasMessageContaining("right-hand side");
        assertThatThrownBy(() -> Formula.parse("a^2")).hasMessageContaining("I(x^2)");
        assertThatThrownBy(() -> ModelMatrix.of(Formula.parse("log(a - 1)"), panel()))
                .hasMessageContaining("AAA in 2000");
        assertThatThrownBy(() -> ModelMatrix.of(Formula.parse("relevel(factor(b), ref = \"7\")"), panel()))
                .hasMessageContaining("\"7\" is not a value");
        assertThatThrownBy(() -> ModelMatrix.of(Formula.parse("c"), panel()))
                .hasMessageContaining("'c' is not a variable");
    }

    private static void assertClose(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i])
                    .as("row " + i)
                    .isCloseTo(
                            expected[i],
                            org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
