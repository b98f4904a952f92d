package org.normlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeTextTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "=1+2|'=1+2",
                "+SUM(A1)|'+SUM(A1)",
                "-2+3|'-2+3",
                "@cmd|'@cmd",
                "\"\tx\"|\"'\tx\"",
                "\"\rx\"|\"'\rx\"",
                "-1.5|-1.5",
                "+3|+3",
                "-2.5e-3|-2.5e-3",
                "-.5|-.5",
                "-|'-",
                "Canada|Canada",
                "a=b|a=b",
            })
    void cellsASpreadsheetWouldRunGetAQuoteAndPlainNumbersDoNot(String cell, String expected) {
        assertThat(SafeText.csvCell(cell)).isEqualTo(expected);
    }

    @Test
    void emptyAndNullCellsAndNumbersPassThrough() {
        assertThat(SafeText.csvCell("")).isEmpty();
        assertThat(SafeText.csvCell(null)).isNull();
        assertThat(SafeText.csvRecord(-1.0, "=x", 3)).containsExactly(-1.0, "'=x", 3);
    }

    @Test
    void printableTextHasNoControlCharacters() {
        assertThat(SafeText.printable("Mine\u001b[31m Ban\u0007")).isEqualTo("Mine[31m Ban");
        assertThat(SafeText.printable("two\r\nlines\tand\u2028more")).isEqualTo("two lines and more");
        assertThat(SafeText.printable("abc\u202Edef\u0085")).isEqualTo("abcdef");
        assertThat(SafeText.printable("Côte d'Ivoire")).isEqualTo("Côte d'Ivoire");
        assertThat(SafeText.hasControl("plain")).isFalse();
        assertThat(SafeText.hasControl("a\u001bb")).isTrue();
    }

    @Test
    void reservedNamesAreRefusedWithAReason() {
        assertThat(VariableNames.reservedReason("border_war")).isPresent();
        assertThat(VariableNames.reservedReason("border_conflict")).isPresent();
        assertThat(VariableNames.reservedReason("polity2_missing"))
                .get()
                .asString()
                .contains("_missing");
        assertThat(VariableNames.reservedReason("share_anything")).isPresent();
        assertThat(VariableNames.reservedReason("year_2000")).isPresent();
        assertThat(VariableNames.reservedReason("party_x")).isPresent();
        assertThat(VariableNames.reservedReason("log_duration")).isPresent();
        assertThat(VariableNames.reservedReason("opening_year")).isPresent();
        assertThat(VariableNames.reservedReason("war_weariness")).isEmpty();
        assertThat(VariableNames.reservedReason("missing_data")).isEmpty();
    }
}
