package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.store.NormlabStore;

/**
 * Indicators of text categories: imported with {@code --text}, checked line by line, listed with
 * their categories, written as text by {@code panel}, entered by formulas as factors, and refused
 * with a reason wherever a number is expected. (Their coefficients are checked against R in
 * {@link FormulaRCheckTest}.)
 */
class TextCategoriesTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void importCategories() {
        db = dir.resolve("text.duckdb");
        Cli.importRegimeTypes(db);
    }

    @Test
    void badCategoriesAreRefusedWithLineAndReasonAndNothingChanges() throws Exception {
        Map<String, Long> before = stored();
        String header = "iso3,year,name,value,source\n";
        Path control = write("control.csv", header + "RUS,2000,regime,democracy,x\nRUS,2001,regime,one\u001bparty,x\n");
        Path blank = write("blank.csv", header + "RUS,2000,regime,\"  \",x\n");
        Path tooLong = write("long.csv", header + "RUS,2000,regime," + "a".repeat(101) + ",x\n");
        Path numbers = write("numbers.csv", header + "RUS,2000,regime,democracy,x\n");
        List<String[]> cases = List.of(
                new String[] {control.toString(), "regime", "control.csv:3: value of regime contains control characters"
                },
                new String[] {blank.toString(), "regime", "blank.csv:2: value of regime is empty"},
                new String[] {tooLong.toString(), "regime", "long.csv:2: value of regime is 101 characters long"},
                new String[] {numbers.toString(), "nothere", "numbers.csv: --text nothere: the file has no indicator"});
        for (String[] c : cases) {
            Cli r = Cli.run(db, "data", "import", "--kind", "indicators", "--text", c[1], c[0]);
            assertThat(r.code()).as(c[0]).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).contains(c[2]).contains("nothing was imported");
        }
        Cli hint = Cli.run(db, "data", "import", "--kind", "indicators", numbers.toString());
        assertThat(hint.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(hint.err())
                .contains("numbers.csv:2: value 'democracy' is not a number (if regime holds "
                        + "categories, import it with --text regime)");
        Cli ties = Cli.run(db, "data", "validate", "--kind", "ties", "--text", "regime", numbers.toString());
        assertThat(ties.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(ties.err()).contains("--kind indicators only");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void listedWithTheirTypeAndCategories() throws Exception {
        JsonNode list = new ObjectMapper()
                .readTree(Cli.run(db, "data", "list", "--format", "json").out());
        List<String> types = new ArrayList<>();
        list.get("indicators").forEach(i -> {
            if (i.get("name").asText().equals("regime_type")
                    || i.get("name").asText().equals("polity2")) {
                types.add(i.get("name").asText() + "=" + i.get("type").asText());
            }
        });
        assertThat(types).containsExactly("polity2=number", "regime_type=text");
        assertThat(Cli.run(db, "panel", "--list-variables").out())
                .contains("text categories anocracy, autocracy, democracy: enters a formula as factor(regime_type)");
    }

    @Test
    void panelsWriteCategoriesAsTextAndFormulaColumnsByRsNames() throws Exception {
        Path raw = dir.resolve("raw.parquet");
        Cli p = Cli.run(db, "panel", "--vars", "regime_type,polyarchy", "--out", raw.toString());
        assertThat(p.code()).as(p.err()).isZero();
        Path matrix = dir.resolve("matrix.parquet");
        Cli m = Cli.run(
                db,
                "panel",
                "--formula",
                "relevel(factor(regime_type), ref = \"democracy\") + polyarchy",
                "--out",
                matrix.toString());
        assertThat(m.code()).as(m.err()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT typeof(regime_type), regime_type FROM '" + raw + "' WHERE iso3 = 'AFG' AND year = 1997")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("VARCHAR");
                assertThat(rs.getString(2)).isEqualTo("autocracy");
            }
            try (ResultSet rs = st.executeQuery("SELECT \"relevel(factor(regime_type), ref = \"\"democracy\"\")"
                    + "autocracy\", \"relevel(factor(regime_type), ref = \"\"democracy\"\")anocracy\" FROM '"
                    + matrix + "' WHERE iso3 = 'AFG' AND year = 1997")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(1.0);
                assertThat(rs.getDouble(2)).isEqualTo(0.0);
            }
        }
    }

    @Test
    void aNumberIsNeverReadFromCategories() {
        Map<List<String>, String> refused = Map.of(
                List.of("fit", "--vars", "log_duration,regime_type"),
                "regime_type holds text categories; enter it through a formula, e.g. --formula \"factor(regime_type)",
                List.of("fit", "--formula", "log(regime_type) + log_duration"),
                "'regime_type' holds text categories, which have no arithmetic",
                List.of("fit", "--formula", "factor(regime_type) + log_duration", "--missing", "fill"),
                "--missing fill cannot set a category to 0",
                List.of(
                        "panel",
                        "--vars",
                        "regime_type_past5",
                        "--out",
                        dir.resolve("past.csv").toString()),
                "regime_type holds text categories, and _pastN counts years with a positive number");
        refused.forEach((args, message) -> {
            Cli r = Cli.run(db, args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", args)).contains(message);
        });
    }

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Map<String, Long> stored() {
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            return store.rowCounts();
        }
    }
}
