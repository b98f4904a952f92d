package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void decimalsByKind() {
        assertThat(Format.coefficient(0.45678)).isEqualTo("0.457");
        assertThat(Format.se(0.12345)).isEqualTo("(0.123)");
        assertThat(Format.statistic(1232.6912)).isEqualTo("1232.69");
        assertThat(Format.score(0.0456789)).isEqualTo("0.0457");
        assertThat(Format.probability(0.04567)).isEqualTo("0.046");
        assertThat(Format.probability(0.00123)).isEqualTo("0.0012");
        assertThat(Format.probability(0.000347)).isEqualTo("0.00035");
        assertThat(Format.probability(0.00999)).isEqualTo("0.010");
        assertThat(Format.probability(0.0)).isEqualTo("0.000");
        assertThat(Format.probability(1.0)).isEqualTo("1.000");
        assertThat(Format.logit(1.54321)).isEqualTo("1.54");
        assertThat(Format.mean(161.2345)).isEqualTo("161.2");
    }

    @Test
    void countsHaveSeparatorsYearsAndSeedsDoNot() {
        assertThat(Format.count(4321)).isEqualTo("4,321");
        assertThat(Format.count(37)).isEqualTo("37");
        assertThat(Format.plain(1999)).isEqualTo("1999");
        assertThat(Format.plain(-20260101L)).isEqualTo("\u221220260101");
    }

    @Test
    void minusSignsAndValuesThatRoundToZero() {
        assertThat(Format.coefficient(-1.23456)).isEqualTo("\u22121.235");
        assertThat(Format.coefficient(-0.0001)).isEqualTo("0.000");
        assertThat(Format.count(-1234)).isEqualTo("\u22121,234");
    }

    @Test
    void pValuesAndMissingValues() {
        assertThat(Format.p(0.0000013)).isEqualTo("< 0.001");
        assertThat(Format.p(0.04)).isEqualTo("0.040");
        assertThat(Format.coefficient(Double.NaN)).isEqualTo(Format.MISSING);
        assertThat(Format.score(Double.POSITIVE_INFINITY)).isEqualTo(Format.MISSING);
        assertThat(Format.p(Double.NaN)).isEqualTo(Format.MISSING);
    }
}
