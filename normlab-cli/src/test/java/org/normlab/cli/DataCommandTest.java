package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normlab.store.NormlabStore;
import picocli.CommandLine;

class DataCommandTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("cli.duckdb");
        assertThat(Cli.run(db, "data", "list").code()).isZero();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("header_wrong.csv", "instrument", "header_wrong.csv:1: missing column 'iso3'"),
                Arguments.of("latin1.csv", "instrument", "latin1.csv:3: is not valid UTF-8"),
                Arguments.of(
                        "bad_date.csv",
                        "instrument",
                        "bad_date.csv:2: consent_date '1998-02-30' is not a date that exists"),
                Arguments.of("unknown_state.csv", "instrument", "unknown_state.csv:3: unknown country code XYZ"),
                Arguments.of(
                        "duplicate_state.csv",
                        "instrument",
                        "duplicate_state.csv:4: state CAN appears twice (first on line 2)"),
                Arguments.of(
                        "consent_after_withdrawal.csv",
                        "instrument",
                        "consent_after_withdrawal.csv:3: consent_date 2010-01-01 is after the withdrawal notified on 2005-01-01"),
                Arguments.of(
                        "eif_before_consent.csv",
                        "instrument",
                        "eif_before_consent.csv:3: entry_into_force_date 1998-03-01 is before consent_date 1998-07-09"),
                Arguments.of(
                        "withdrawal_before_notified.csv",
                        "instrument",
                        "withdrawal_before_notified.csv:3: withdrawal_effective_date 2025-01-01 is before withdrawal_notified_date 2025-07-01"),
                Arguments.of(
                        "signature_after_consent.csv",
                        "instrument",
                        "signature_after_consent.csv:3: signature_date 1999-12-03 is after consent_date 1998-07-09"),
                Arguments.of(
                        "unknown_consent_type.csv",
                        "instrument",
                        "unknown_consent_type.csv:3: consent_type 'ratified' is not one of: ratification, accession"),
                Arguments.of("empty.csv", "instrument", "empty.csv: the file is empty"),
                Arguments.of("header_only.csv", "instrument", "header_only.csv: has a header but no data rows"),
                Arguments.of("binary.csv", "instrument", "binary.csv:1: "),
                Arguments.of("unbalanced_quote.csv", "instrument", "unbalanced_quote.csv:3: not valid CSV"),
                Arguments.of(
                        "wrong_field_count.csv",
                        "instrument",
                        "wrong_field_count.csv:3: has 4 fields, the header has 9"),
                Arguments.of(
                        "indicator_not_numeric.csv",
                        "indicators",
                        "indicator_not_numeric.csv:3: value 'high' is not a number"),
                Arguments.of(
                        "indicator_duplicate.csv",
                        "indicators",
                        "indicator_duplicate.csv:4: duplicate key RUS 2000 war_weariness (first on line 2)"),
                Arguments.of(
                        "indicator_reserved.csv",
                        "indicators",
                        "indicator_reserved.csv:2: name 'share_global' is reserved"),
                Arguments.of(
                        "indicator_border_war.csv",
                        "indicators",
                        "indicator_border_war.csv:2: name 'border_war' is reserved for a variable normlab computes"),
                Arguments.of(
                        "indicator_border_conflict.csv",
                        "indicators",
                        "indicator_border_conflict.csv:2: name 'border_conflict' is reserved"),
                Arguments.of(
                        "indicator_missing_suffix.csv",
                        "indicators",
                        "indicator_missing_suffix.csv:3: name 'polity2_missing' is reserved: names ending in '_missing'"),
                Arguments.of(
                        "date_out_of_range.csv",
                        "instrument",
                        "date_out_of_range.csv:3: entry_into_force_date 9999-12-31 is outside 1900-01-01..2100-12-31"),
                Arguments.of(
                        "date_out_of_range.csv",
                        "instrument",
                        "date_out_of_range.csv:4: signature_date 1897-12-03 is outside 1900-01-01..2100-12-31"),
                Arguments.of(
                        "indicator_bad_year.csv", "indicators", "indicator_bad_year.csv:2: year '20x0' is not a year"),
                Arguments.of("tie_self.csv", "ties", "tie_self.csv:3: a tie needs two different states"),
                Arguments.of(
                        "tie_years_reversed.csv",
                        "ties",
                        "tie_years_reversed.csv:2: to_year 1990 is before from_year 1992"),
                Arguments.of(
                        "measure_bad_scope.csv",
                        "measures",
                        "measure_bad_scope.csv:3: scope 'most' is not one of all, partial, unknown, none"),
                Arguments.of(
                        "measure_unknown_instrument.csv",
                        "measures",
                        "measure_unknown_instrument.csv:2: instruments: unknown instrument 'landmines'"),
                Arguments.of(
                        "measure_years_reversed.csv",
                        "measures",
                        "measure_years_reversed.csv:2: year_to 1994 is before year_from 2002"));
    }

    private static Map<String, Long> stored() {
        try (NormlabStore store = NormlabStore.open(db)) {
            return store.rowCounts();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithLineAndReasonAndNothingChanges(String file, String kind, String message) {
        Map<String, Long> before = stored();
        String listBefore = Cli.run(db, "data", "list", "--date", "2026-03-01", "--format", "json")
                .out();
        Path path = Cli.resource("bad/" + file);

        Cli validate = Cli.run(db, "data", "validate", path.toString(), "--kind", kind);
        assertThat(validate.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(validate.err())
                .contains(path.getParent().resolve(message.split(":")[0]) + ":"
                        + message.substring(message.indexOf(':') + 1));

        Cli imported = Cli.run(
                db,
                "data",
                "import",
                path.toString(),
                "--kind",
                kind,
                "--id",
                "bad-treaty",
                "--title",
                "Bad",
                "--opened",
                "1997-12-03",
                "--replace");
        assertThat(imported.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(imported.err()).contains("nothing was imported");
        assertThat(stored()).isEqualTo(before);
        assertThat(Cli.run(db, "data", "list", "--date", "2026-03-01", "--format", "json")
                        .out())
                .isEqualTo(listBefore);
    }

    @Test
    void everyProblemOfAFileIsReportedNotOnlyTheFirst() {
        Path path = Cli.resource("bad/multiple_problems.csv");
        Cli r = Cli.run(db, "data", "validate", path.toString(), "--kind", "instrument");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err())
                .contains(
                        "multiple_problems.csv:2: consent_date '1997-13-03' is not a date",
                        "multiple_problems.csv:4: unknown country code XYZ",
                        "multiple_problems.csv:5: withdrawal_effective_date 2026-01-01 is given without a withdrawal_notified_date",
                        "refused: 3 problem(s)");
    }

    @Test
    void importRefusesAnExistingIdUnlessReplaceAndReplacesAtomically() {
        Path path = Cli.resource("good/small_treaty.csv");
        String[] args = {
            "data",
            "import",
            path.toString(),
            "--kind",
            "instrument",
            "--id",
            "small-treaty",
            "--title",
            "A small treaty",
            "--opened",
            "2001-05-02",
            "--eif-count",
            "2"
        };
        Cli first = Cli.run(db, args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("imported 3 rows of instrument");

        Map<String, Long> before = stored();
        Cli again = Cli.run(db, args);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("instrument 'small-treaty' exists already; use --replace");
        assertThat(stored()).isEqualTo(before);

        String[] replace =
                Stream.concat(Stream.of(args), Stream.of("--replace")).toArray(String[]::new);
        assertThat(Cli.run(db, replace).code()).isZero();
        assertThat(stored()).isEqualTo(before);

        Cli status = Cli.run(
                db, "data", "status", "--instrument", "small-treaty", "--date", "2002-01-01", "--format", "csv");
        assertThat(status.out())
                .contains("NOR,Norway,party", "CAN,Canada,signatory", "BRA,Brazil,signatory", "RUS,Russia,none");
    }

    @Test
    void indicatorsAndTiesImportAndShowInTheList() throws Exception {
        Path ind = dir.resolve("war.csv");
        Files.writeString(
                ind,
                "iso3,year,name,value,source\nRUS,2000,war_weariness,0.4,survey\n"
                        + "RUS,2001,war_weariness,0.5,survey\nUSA,2001,war_weariness,0.1,survey\n");
        assertThat(Cli.run(db, "data", "import", ind.toString(), "--kind", "indicators")
                        .code())
                .isZero();
        assertThat(Cli.run(db, "data", "import", ind.toString(), "--kind", "indicators")
                        .err())
                .contains("war_weariness exist already");
        Path ties = dir.resolve("csto.csv");
        Files.writeString(ties, "iso3_a,iso3_b,kind,from_year,to_year\nRUS,BLR,csto,1992,\nRUS,ARM,csto,1992,\n");
        assertThat(Cli.run(db, "data", "import", ties.toString(), "--kind", "ties")
                        .code())
                .isZero();
        String list = Cli.run(db, "data", "list").out();
        assertThat(list).contains("war_weariness", "2000-2001");
    }

    @Test
    void measuresImportForAnInstrumentAndShowInItsExplanation() throws Exception {
        Path m = dir.resolve("measures.csv");
        Files.writeString(
                m,
                "iso3,instruments,measure,scope,scope_detail,year_from,year_to,source,notes\n"
                        + "USA,mine-ban,use_ban,partial,outside the Korean peninsula,2014,2019,policy of 2014,test row\n");
        Cli ok = Cli.run(db, "data", "import", m.toString(), "--kind", "measures");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("imported 1 rows of measures");
        assertThat(Cli.run(db, "data", "import", m.toString(), "--kind", "measures")
                        .err())
                .contains("exists already");
        assertThat(Cli.run(db, "data", "import", m.toString(), "--kind", "measures", "--replace")
                        .code())
                .isZero();
        Cli x = Cli.run(db, "explain", "--state", "USA", "--year", "2016");
        assertThat(x.code()).as(x.err()).isZero();
        assertThat(x.out()).contains("use ban, partial (outside the Korean peninsula), 2014-2019; in force in 2016");
        Path out = dir.resolve("measure.csv");
        assertThat(Cli.run(db, "data", "export", "measure", "--out", out.toString())
                        .code())
                .isZero();
        assertThat(Files.readString(out)).contains("outside the Korean peninsula", "policy/adherence_spells.csv row");
    }

    @Test
    void statusCsvHasExactlyTheDocumentedColumns() {
        Cli r = Cli.run(db, "data", "status", "--instrument", "mine-ban", "--date", "2026-02-03", "--format", "csv");
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("iso3,name,status");
        assertThat(Stream.of(lines).filter(l -> l.endsWith(",party")).count()).isEqualTo(162);
        assertThat(r.err()).contains("carried forward");
    }

    @Test
    void unknownInstrumentAndImpossibleDateAreClearErrors() {
        Cli r = Cli.run(db, "data", "status", "--instrument", "nope", "--date", "2020-01-01");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown instrument 'nope'; known: ");
        Cli d = Cli.run(db, "data", "status", "--instrument", "mine-ban", "--date", "2021-02-29");
        assertThat(d.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(d.err()).contains("--date '2021-02-29' is not a date that exists");
    }

    @Test
    void exportWritesCsvAndParquet() throws Exception {
        Path csv = dir.resolve("participation.csv");
        Path parquet = dir.resolve("participation.parquet");
        assertThat(Cli.run(db, "data", "export", "participation", "--out", csv.toString())
                        .code())
                .isZero();
        assertThat(Cli.run(db, "data", "export", "participation", "--out", parquet.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllLines(csv).get(0)).startsWith("instrument_id,iso3,state,");
        assertThat(Files.readAllBytes(parquet)).startsWith("PAR1".getBytes(StandardCharsets.US_ASCII));
        assertThat(Cli.run(db, "data", "export", "nope", "--out", csv.toString())
                        .err())
                .contains("unknown table");
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = new CommandLine(new Main());
        assertHelp(root, "normlab");
    }

    private static void assertHelp(CommandLine cmd, String path) {
        String[] args = Stream.concat(Stream.of(path.split(" ")).skip(1), Stream.of("--help"))
                .toArray(String[]::new);
        Cli r = Cli.run(null, args);
        assertThat(r.code()).as(path).isZero();
        assertThat(r.out()).as(path).contains("Usage: " + path);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                assertHelp(sub, path + " " + name);
            }
        });
    }
}
