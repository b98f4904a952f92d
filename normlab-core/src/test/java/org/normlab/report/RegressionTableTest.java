package org.normlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normlab.effects.Interval;

/** Publication tables: odds ratios, intervals, labels, the frailty row and the note. */
class RegressionTableTest {
    private static RegressionTable.Column column(String name, double frailtySd) {
        return new RegressionTable.Column(
                name,
                List.of("(Intercept)", "polyarchy"),
                new double[] {-2, Math.log(3)},
                new double[] {0.5, 0.2},
                new double[] {0.00001, 0.02},
                Map.of(),
                1530,
                140,
                -356.6,
                731.2,
                779.2,
                frailtySd,
                "logit link; standard errors: model-based");
    }

    @Test
    void oddsRatiosWithIntervalsLabelsAndFrailty() {
        RegressionTable.Column plain = column("two-level", Double.NaN)
                .withIntervals(List.of(new Interval("(Intercept)", -3, -1), new Interval("polyarchy", 0, Math.log(9))));
        RegressionTable t = RegressionTable.ofColumns(List.of(plain, column("two-level", 0.8)))
                .withExponentiated(true)
                .withLabels(Map.of("polyarchy", "Electoral democracy"))
                .withIntervalNote("profile-likelihood 95% confidence intervals");
        String md = t.markdown();
        // exp(log 3) = 3 with its p < 0.05 star; the interval exponentiated: [exp(0), exp(log 9)]
        assertThat(md)
                .contains(
                        "| Electoral democracy | 3.000* | 3.000* |",
                        "| | [1.000, 9.000] | (0.600) |",
                        "| Frailty SD |  | 0.800 |",
                        "| N | 1530 | 1530 |",
                        "| AIC | 731.20 | 731.20 |");
        assertThat(md)
                .contains(
                        "Exponentiated coefficients",
                        "profile-likelihood 95% confidence intervals in brackets",
                        "* p < 0.05, ** p < 0.01, *** p < 0.001");
        String tex = t.latex();
        assertThat(tex).contains("Electoral democracy & $3.000^{*}$", "Frailty SD &  & 0.800");
    }

    @Test
    void coefficientsAndStandardErrorsByDefault() {
        String md = RegressionTable.ofColumns(List.of(column("m", Double.NaN))).markdown();
        assertThat(md)
                .contains("| `polyarchy` | 1.099* |", "| | (0.200) |", "standard errors in parentheses")
                .doesNotContain("Frailty SD");
    }

    @Test
    void aDivergedTermGetsADaggerNeverStarsEvenWithATinyP() {
        RegressionTable.Column c = column("m", Double.NaN);
        RegressionTable.Column separated = new RegressionTable.Column(
                c.name(),
                c.terms(),
                c.estimates(),
                c.se(),
                new double[] {0.00001, 0.00001},
                c.intervals(),
                c.n(),
                c.events(),
                c.logLikelihood(),
                c.aic(),
                c.bic(),
                c.frailtySd(),
                c.note(),
                List.of("polyarchy"),
                List.of("quasi-complete separation in model m: polyarchy (+Inf)"));
        RegressionTable t = RegressionTable.ofColumns(List.of(separated));
        String md = t.markdown();
        assertThat(md).contains("| `polyarchy` | 1.099\u2020 |", "| `(Intercept)` | -2.000*** |");
        assertThat(md).contains(FitNotes.DAGGER_NOTE, "quasi-complete separation in model m: polyarchy (+Inf)");
        String tex = t.latex();
        assertThat(tex).contains("\\texttt{polyarchy} & $1.099^{\\dagger}$").doesNotContain("\u2020");
        assertThat(t.warnings()).containsExactly("quasi-complete separation in model m: polyarchy (+Inf)");
        // without the mark the same p would earn three stars: the test can fail
        assertThat(RegressionTable.ofColumns(List.of(c)).markdown()).contains("| `polyarchy` | 1.099* |");
    }
}
