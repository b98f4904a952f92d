package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.store.NormlabStore;

/**
 * The database as the commands use it: replacements of bundled data that survive another
 * release's bundled data and can be undone, readers side by side, a writer told who holds the
 * file, a read-only file that can still be used, a damaged file refused in one line, and the text
 * rules of imports and exports.
 */
class DatabaseAccessTest {
    @TempDir
    static Path dir;

    static Path template;

    @BeforeAll
    static void create() {
        template = dir.resolve("template.duckdb");
        Cli r = Cli.run(template, "data", "list");
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static Path copy(String name) throws IOException {
        Path db = dir.resolve(name + ".duckdb");
        Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
        return db;
    }

    private static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String origin(JsonNode list, String section, String field, String key) {
        for (JsonNode n : list.get(section)) {
            if (n.get(field).asText().equals(key)) {
                return n.get("origin").asText();
            }
        }
        throw new AssertionError(key + " not in " + section);
    }

    @Test
    void replacedBundledDataSurvivesOtherBundledDataAndDataRemoveBringsTheBundledOneBack() throws Exception {
        Path db = copy("replace");
        Path treaty = Cli.resource("good/small_treaty.csv");
        Path polity = write("polity.csv", "iso3,year,name,value,source\nRUS,2000,polity2,9,my coding\n");
        Path borders = write("borders.csv", "iso3_a,iso3_b,kind,from_year,to_year\nFIN,RUS,border,1917,\n");
        assertThat(Cli.run(
                                db,
                                "data",
                                "import",
                                treaty.toString(),
                                "--kind",
                                "instrument",
                                "--id",
                                "mine-ban",
                                "--title",
                                "My mine ban",
                                "--opened",
                                "1997-12-03",
                                "--replace")
                        .code())
                .isZero();
        assertThat(Cli.run(db, "data", "import", polity.toString(), "--kind", "indicators", "--replace")
                        .code())
                .isZero();
        assertThat(Cli.run(db, "data", "import", borders.toString(), "--kind", "ties", "--replace")
                        .code())
                .isZero();
        // as written by a release with other bundled data
        sql(
                db,
                "UPDATE meta SET value = '" + "f".repeat(64) + "' WHERE key = 'bundled_digest'",
                "DELETE FROM indicator_value WHERE name = 'polyarchy' AND year < 2000");

        Cli list = Cli.run(db, "data", "list", "--date", "2026-03-01", "--format", "json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode doc = Output.JSON.readTree(list.out());
        assertThat(origin(doc, "instruments", "id", "mine-ban")).isEqualTo("imported, replaces bundled");
        assertThat(origin(doc, "instruments", "id", "ccw-apii")).isEqualTo("bundled");
        assertThat(origin(doc, "indicators", "name", "polity2")).isEqualTo("imported, replaces bundled");
        assertThat(origin(doc, "ties", "kind", "border")).isEqualTo("imported, replaces bundled");
        assertThat(origin(doc, "ties", "kind", "nato")).isEqualTo("bundled");
        Cli table = Cli.run(db, "data", "list");
        assertThat(table.out()).contains("My mine ban", "imported, replaces bundled");
        Cli status =
                Cli.run(db, "data", "status", "--instrument", "mine-ban", "--date", "2002-06-01", "--format", "csv");
        assertThat(status.out()).contains("NOR,Norway,party", "RUS,Russia,none");
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.ties("border")).hasSize(1);
            assertThat(store.indicatorValues(List.of("polyarchy")).stream().filter(v -> v.year() < 2000))
                    .isNotEmpty();
        }

        Cli removed = Cli.run(db, "data", "remove", "--instrument", "mine-ban");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out())
                .contains("removed the imported instrument 'mine-ban'; the bundled one is in force again");
        assertThat(Cli.run(db, "data", "remove", "--ties", "border").code()).isZero();
        Cli bundled = Cli.run(db, "data", "remove", "--indicator", "polyarchy");
        assertThat(bundled.code()).isEqualTo(1);
        assertThat(bundled.err()).contains("indicator 'polyarchy' is bundled with normlab and was not replaced");
        doc = Output.JSON.readTree(Cli.run(db, "data", "list", "--date", "2026-03-01", "--format", "json")
                .out());
        assertThat(origin(doc, "instruments", "id", "mine-ban")).isEqualTo("bundled");
        assertThat(origin(doc, "ties", "kind", "border")).isEqualTo("bundled");
        assertThat(origin(doc, "indicators", "name", "polity2")).isEqualTo("imported, replaces bundled");
        assertThat(Cli.run(db, "data", "status", "--instrument", "mine-ban", "--date", "2026-02-03")
                        .out())
                .contains("162 parties");
    }

    @Test
    void aDamagedMetaRowIsRefusedInOneLineWithoutATrace() throws Exception {
        Path db = copy("damaged");
        sql(db, "UPDATE meta SET value = 'abc' WHERE key = 'schema_version'");
        for (String[] args : List.of(
                new String[] {"data", "list"},
                new String[] {
                    "data", "export", "meta", "--out", dir.resolve("meta.csv").toString()
                },
                new String[] {"fit", "--spec", "international"})) {
            Cli r = Cli.run(db, args);
            assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err())
                    .isEqualTo("normlab: " + db + " is damaged: in its meta table, schema_version 'abc' is "
                            + "not a number; restore the file from a copy or give another --db\n");
        }
    }

    @Test
    void anIndicatorImportedBeforeItsNameWasReservedIsPointedOutAndCanBeRemoved() throws Exception {
        Path db = copy("legacy-name");
        sql(
                db,
                "INSERT INTO indicator (name, definition, source, missing, bundled) VALUES ('border_war', 'imported from old.csv', 'old.csv', 'na', false)",
                "INSERT INTO indicator_value (name, iso3, year, value, source) VALUES ('border_war', 'FIN', 2023, 1, 'old.csv')");
        Cli list = Cli.run(db, "data", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.err())
                .isEqualTo("note: imported indicator border_war was stored before its name was reserved "
                        + "(name 'border_war' is reserved for a variable normlab computes); remove it with normlab data remove "
                        + "--indicator border_war and import it under another name\n");
        assertThat(Cli.run(db, "data", "remove", "--indicator", "border_war").code())
                .isZero();
        assertThat(Cli.run(db, "data", "list").err()).doesNotContain("border_war");
    }

    @Test
    void twoReadingCommandsRunAtOnceInOneProcess() throws Exception {
        Path db = copy("threads");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Cli>> work = List.of(
                    () -> Cli.run(db, "fit", "--spec", "international"),
                    () -> Cli.run(db, "lifecycle", "--format", "json"),
                    () -> Cli.run(db, "data", "status", "--instrument", "mine-ban", "--date", "2020-01-01"),
                    () -> Cli.run(db, "data", "list"));
            for (Future<Cli> f : pool.invokeAll(work)) {
                Cli r = f.get();
                assertThat(r.code()).as(r.err()).isZero();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /** Runs the command line in a separate Java process, as a second user would. */
    private static Cli inAnotherProcess(Path db, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", db.toString()));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aReaderInAnotherProcessRunsBesideThisOneAndAWriterIsToldWhoHoldsTheFile() throws Exception {
        Path db = copy("processes");
        Path ties = write("csto.csv", "iso3_a,iso3_b,kind,from_year,to_year\nRUS,BLR,csto,1992,\n");
        try (NormlabStore held = NormlabStore.openReadOnly(db)) {
            Cli reader = inAnotherProcess(db, "data", "status", "--instrument", "mine-ban", "--date", "2026-02-03");
            assertThat(reader.code()).as(reader.err()).isZero();
            assertThat(reader.out()).contains("162 parties");

            Cli writer = inAnotherProcess(db, "data", "import", ties.toString(), "--kind", "ties");
            assertThat(writer.code()).isEqualTo(1);
            assertThat(writer.err())
                    .startsWith("normlab: " + db + " is in use by process "
                            + ProcessHandle.current().pid() + " (")
                    .endsWith("); it cannot be changed while another normlab "
                            + "reads or writes it; try again when it has finished\n");
            assertThat(writer.err().lines()).hasSize(1);

            Cli here = Cli.run(db, "data", "import", ties.toString(), "--kind", "ties");
            assertThat(here.code()).isEqualTo(1);
            assertThat(here.err())
                    .isEqualTo("normlab: " + db + " is in use by this process; it cannot be changed "
                            + "while it is being read or written; try again when it has finished\n");
            assertThat(held.tieCounts()).doesNotContainKey("csto");
        }
        assertThat(Cli.run(db, "data", "import", ties.toString(), "--kind", "ties")
                        .code())
                .isZero();
    }

    @Test
    void twoProcessesRacingOnFirstUseBothReadTheNewDatabase() throws Exception {
        Path db = dir.resolve("race/new.duckdb");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Cli> status =
                    () -> inAnotherProcess(db, "data", "status", "--instrument", "mine-ban", "--date", "2026-02-03");
            for (Future<Cli> f : pool.invokeAll(List.of(status, status))) {
                Cli r = f.get();
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).contains("162 parties");
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void aReadOnlyDatabaseFileCanBeListedPanelledFittedAndStudied() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("readonly"));
        Path db = folder.resolve("normlab.duckdb");
        Files.copy(template, db);
        byte[] before = Files.readAllBytes(db);
        Path out = Files.createDirectories(dir.resolve("readonly-out"));
        db.toFile().setWritable(false, false);
        folder.toFile().setWritable(false, false);
        try {
            Cli list = Cli.run(db, "data", "list");
            assertThat(list.code()).as(list.err()).isZero();
            Cli panel = Cli.run(
                    db,
                    "panel",
                    "--spec",
                    "international",
                    "--out",
                    out.resolve("panel.csv").toString());
            assertThat(panel.code()).as(panel.err()).isZero();
            Cli fit = Cli.run(db, "fit", "--spec", "international");
            assertThat(fit.code()).as(fit.err()).isZero();
            assertThat(fit.out()).contains("share_global");
            Cli study = Cli.run(
                    db, "study", "--repeats", "2", "--out", out.resolve("study").toString(), "--replicates", "20");
            assertThat(study.code()).as(study.err()).isZero();
            if (!Files.isWritable(db)) { // a superuser may write any file, and nothing would stop the import
                Cli imported = Cli.run(
                        db,
                        "data",
                        "import",
                        write("c.csv", "iso3_a,iso3_b,kind,from_year,to_year\n" + "RUS,BLR,csto,1992,\n")
                                .toString(),
                        "--kind",
                        "ties");
                assertThat(imported.code()).isEqualTo(1);
                assertThat(imported.err()).contains(db + " is read-only;");
            }
        } finally {
            folder.toFile().setWritable(true, false);
            db.toFile().setWritable(true, false);
        }
        assertThat(Files.readAllBytes(db)).as("readers change nothing").isEqualTo(before);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactly("normlab.duckdb");
        assertThat(Files.exists(out.resolve("panel.csv"))).isTrue();
    }

    @Test
    void importRefusesBadTitlesIdsAndOpeningDatesAsBadInput() throws Exception {
        Path db = copy("titles");
        Path treaty = Cli.resource("good/small_treaty.csv");
        String[][] cases = {
            {"--id", "t-one", "--title", "  ", "--opened", "2001-05-02", "--title is empty"},
            {"--id", "t-one", "--title", "A\u001b[2Jtitle", "--opened", "2001-05-02", "--title contains control"},
            {"--id", "t-one", "--title", "Two\nlines", "--opened", "2001-05-02", "--title contains control"},
            {
                "--id",
                "Not An Id",
                "--title",
                "T",
                "--opened",
                "2001-05-02",
                "--id: instrument id 'Not An Id' is not valid"
            },
            {
                "--id",
                "t-one",
                "--title",
                "T",
                "--opened",
                "9999-12-31",
                "--opened 9999-12-31 is outside 1900-01-01..2100-12-31"
            },
        };
        for (String[] c : cases) {
            Cli r = Cli.run(
                    db,
                    "data",
                    "import",
                    treaty.toString(),
                    "--kind",
                    "instrument",
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5]);
            assertThat(r.code()).as(c[6]).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).contains(c[6]);
        }
        Cli eif = Cli.run(
                db,
                "data",
                "import",
                treaty.toString(),
                "--kind",
                "instrument",
                "--id",
                "t-one",
                "--title",
                "T",
                "--opened",
                "2001-05-02",
                "--eif-count",
                "-1");
        assertThat(eif.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(db, "data", "list", "--format", "json").out()).doesNotContain("t-one");
    }

    @Test
    void exportedCellsDoNotRunAsFormulasAndPrintedNamesCarryNoControlCharacters() throws Exception {
        Path db = copy("text");
        Path treaty = write(
                "formulas.csv",
                "iso3,state,signature_date,consent_date,consent_type,"
                        + "entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,notes\n"
                        + "CAN,\"=HYPERLINK(\"\"http://example.org\"\")\",2001-05-02,,,,,,-1.5\n"
                        + "NOR,@SUM(A1),2001-05-02,,,,,,+1+2\n"
                        + "BRA,Brazil,2001-05-02,,,,,,-2+3\n");
        Cli imported = Cli.run(
                db,
                "data",
                "import",
                treaty.toString(),
                "--kind",
                "instrument",
                "--id",
                "formulas",
                "--title",
                "Formulas",
                "--opened",
                "2001-05-02");
        assertThat(imported.code()).as(imported.err()).isZero();
        Path csv = dir.resolve("participation.csv");
        assertThat(Cli.run(db, "data", "export", "participation", "--out", csv.toString())
                        .code())
                .isZero();
        String text = Files.readString(csv);
        assertThat(text)
                .contains(
                        "formulas,CAN,\"'=HYPERLINK(\"\"http://example.org\"\")\",2001-05-02,,,,,,-1.5\n",
                        "formulas,NOR,'@SUM(A1),2001-05-02,,,,,,'+1+2\n",
                        "formulas,BRA,Brazil,2001-05-02,,,,,,'-2+3\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".participation"));
        }

        Path evil = write("evil\u001b[2J\u0007name.csv", "iso3,year,name,value,source\nRUS,2000,war_weariness,0.4,x\n");
        Cli ind = Cli.run(db, "data", "import", evil.toString(), "--kind", "indicators");
        assertThat(ind.code()).as(ind.err()).isZero();
        assertThat(ind.out()).doesNotContain("\u001b", "\u0007").contains("evil[2Jname.csv");
        Cli list = Cli.run(db, "data", "list");
        assertThat(list.out()).doesNotContain("\u001b", "\u0007").contains("evil[2Jname.csv");
    }
}
