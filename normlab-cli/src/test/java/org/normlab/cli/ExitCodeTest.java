package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure ends in one short message and the exit code of its kind (0 done, 1 refused, 2 bad
 * input, 3 internal error), never a stack trace; outputs are checked before any computing.
 */
class ExitCodeTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("codes.duckdb");
        assertThat(Cli.run(db, "data", "list").code()).isZero();
    }

    /** Asserts the exit code and that stderr is exactly one line without a trace. */
    private static void oneLine(Cli r, int code, String... contains) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\tat ", "Exception").contains(contains);
    }

    @Test
    void studyWithZeroReplicatesIsBadInputAndWritesNothing() {
        Path out = dir.resolve("zero");
        oneLine(
                Cli.run(db, "study", "--repeats", "2", "--replicates", "0", "--out", out.toString()),
                Main.BAD_INPUT,
                "normlab: --replicates must be between 10 and");
        assertThat(out).doesNotExist();
    }

    @Test
    void anInvalidInstrumentIdIsBadInput() {
        Path csv = Cli.resource("good/small_treaty.csv");
        Cli r = Cli.run(
                db,
                "data",
                "import",
                csv.toString(),
                "--kind",
                "instrument",
                "--id",
                "Bad Id!",
                "--title",
                "T",
                "--opened",
                "1997-12-03");
        oneLine(r, Main.BAD_INPUT, "instrument id 'Bad Id!' is not valid");
    }

    @Test
    void anOverrideThatWouldOverflowIsBadInputNamingFileAndField() throws IOException {
        Path scenario = Files.writeString(dir.resolve("overflow.yaml"), """
                instrument: mine-ban
                model:
                  coefficients: {(Intercept): -3, conflict_territorial: 1}
                start: 2009
                horizon: 2012
                overrides:
                  - states: [RUS]
                    variable: conflict_territorial
                    years: 2009-2012
                    value: 1.7e308
                  - states: [RUS]
                    variable: conflict_territorial
                    years: 2009-2012
                    delta: 1.7e308
                """);
        Path out = dir.resolve("overflow-out");
        Cli r = Cli.run(
                db, "simulate", "--scenario", scenario.toString(), "--replicates", "10", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        // One line per problem, each naming the file and the field.
        assertThat(r.err())
                .doesNotContain("\tat ", "Exception")
                .contains("overflow.yaml: overrides[0].value: ", "overflow.yaml: overrides[1].delta: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBaselineWithOtherYearsIsBadInputNamingIt() throws IOException {
        Path example = Path.of("..", "examples", "russia-peace.yaml");
        Path baseline = Files.writeString(
                dir.resolve("short-baseline.yaml"),
                Files.readString(example).replace("horizon: 2030", "horizon: 2028"));
        Path out = dir.resolve("baseline-out");
        oneLine(
                Cli.run(
                        db,
                        "simulate",
                        "--scenario",
                        example.toString(),
                        "--baseline",
                        baseline.toString(),
                        "--replicates",
                        "10",
                        "--out",
                        out.toString()),
                Main.BAD_INPUT,
                "normlab: short-baseline.yaml: horizon: 2028 differs from the scenario's horizon 2030");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDamagedMetaRowIsBadInputNamingTheDatabaseAndField() throws IOException, SQLException {
        Path damaged = dir.resolve("damaged.duckdb");
        Files.copy(db, damaged);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + damaged.toAbsolutePath());
                Statement st = c.createStatement()) {
            st.execute("UPDATE meta SET value = 'two' WHERE key = 'schema_version'");
        }
        oneLine(
                Cli.run(damaged, "data", "list"),
                Main.BAD_INPUT,
                damaged + " is damaged: in its meta table, schema_version 'two' is not a number");
    }

    @Test
    void outputsPointingAtAFileAFolderOrADeviceAreRefusedBeforeComputing() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "mine");
        oneLine(
                Cli.run(db, "study", "--repeats", "2", "--replicates", "10", "--out", file.toString()),
                Main.BAD_INPUT,
                "normlab: --out: " + file + " exists and is not a folder");
        oneLine(
                Cli.run(
                        db,
                        "simulate",
                        "--scenario",
                        Path.of("..", "examples", "russia-peace.yaml").toString(),
                        "--replicates",
                        "10",
                        "--out",
                        file.toString()),
                Main.BAD_INPUT,
                "exists and is not a folder");
        oneLine(
                Cli.run(db, "panel", "--spec", "international", "--out", dir.toString()),
                Main.BAD_INPUT,
                "--out must end in .csv or .parquet");
        Path folderCsv = Files.createDirectories(dir.resolve("folder.csv"));
        oneLine(
                Cli.run(db, "panel", "--spec", "international", "--out", folderCsv.toString()),
                Main.BAD_INPUT,
                "is a folder; give a file name");
        oneLine(Cli.run(db, "data", "export", "meta", "--out", ""), Main.BAD_INPUT, "--out: the path is empty");
        assertThat(file).hasContent("mine");
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full));
        oneLine(
                Cli.run(db, "study", "--repeats", "2", "--replicates", "10", "--out", full.toString()),
                Main.BAD_INPUT,
                "exists and is not a folder");
        oneLine(
                Cli.run(
                        db,
                        "simulate",
                        "--scenario",
                        Path.of("..", "examples", "russia-peace.yaml").toString(),
                        "--replicates",
                        "10",
                        "--out",
                        full.toString()),
                Main.BAD_INPUT,
                "exists and is not a folder");
    }

    @Test
    void exportAndPanelToADeviceAreRefused() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full));
        oneLine(
                Cli.run(db, "data", "export", "meta", "--out", "/dev/full"),
                Main.BAD_INPUT,
                "--out: /dev/full is not a regular file");
        oneLine(
                Cli.run(db, "panel", "--spec", "international", "--out", "/dev/full"),
                Main.BAD_INPUT,
                "--out must end in .csv or .parquet");
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefusedBeforeComputing() throws IOException {
        Path locked = Files.createDirectories(dir.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            boolean root = canCreate(locked);
            // The superuser writes anywhere a permission bit forbids; a read-only file system still stops it.
            Assumptions.assumeTrue(!root || Files.isDirectory(Path.of("/sys")) && !canCreate(Path.of("/sys")));
            Path out = root ? Path.of("/sys/normlab-out") : locked.resolve("out");
            oneLine(
                    Cli.run(db, "study", "--repeats", "2", "--replicates", "10", "--out", out.toString()),
                    Main.BAD_INPUT,
                    "normlab: --out: cannot write beside " + out);
            oneLine(
                    Cli.run(db, "data", "export", "meta", "--out", out + ".csv"),
                    Main.BAD_INPUT,
                    "cannot write beside");
            assertThat(out).doesNotExist();
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    private static boolean canCreate(Path folder) {
        try {
            Files.delete(Files.createTempDirectory(folder, "probe"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyUsageErrorIsBadInput() {
        assertThat(Cli.run(db, "study", "--repeats", "2", "--no-such-option").code())
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(db, "study", "--repeats", "2", "--replicates", "many")
                        .code())
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(db, "study", "--repeats", "0").code()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(db, "study", "--repeats", "2", "--seed", "99999999999999999999")
                        .code())
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(null, "no-such-command").code()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run(null).code()).isEqualTo(Main.BAD_INPUT);
        Cli r = Cli.run(db, "simulate", "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err())
                .contains("Missing required option: '--scenario=FILE'")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownInstrumentIsARefusal() {
        oneLine(
                Cli.run(db, "lifecycle", "--instrument", "no-such-treaty"),
                Main.REFUSED,
                "unknown instrument 'no-such-treaty'");
    }

    @Test
    void anInternalErrorPrintsOneLineAndWritesTheTraceToAFile() throws IOException {
        StringWriter err = new StringWriter();
        int code = Main.fail(new IllegalStateException("an invariant broke"), false, new PrintWriter(err));
        assertThat(code).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("normlab: internal error (IllegalStateException); the full trace is in ")
                .doesNotContain("\tat ");
        Matcher m =
                Pattern.compile("the full trace is in (.+); please report it").matcher(err.toString());
        assertThat(m.find()).isTrue();
        Path trace = Path.of(m.group(1));
        try {
            assertThat(Files.readString(trace))
                    .contains(
                            "java.lang.IllegalStateException: an invariant broke", "\tat org.normlab.cli.ExitCodeTest");
        } finally {
            Files.deleteIfExists(trace);
        }
        StringWriter debug = new StringWriter();
        Main.fail(new IllegalStateException("again"), true, new PrintWriter(debug));
        assertThat(debug.toString()).contains("java.lang.IllegalStateException: again", "\tat ");
        Matcher d =
                Pattern.compile("the full trace is in (.+); please report it").matcher(debug.toString());
        assertThat(d.find()).isTrue();
        Files.deleteIfExists(Path.of(d.group(1)));
    }

    @Test
    void debugIsAcceptedBeforeAndAfterTheCommand() {
        assertThat(Cli.run(db, "--debug", "data", "list").code()).isZero();
        assertThat(Cli.run(db, "data", "list", "--debug").code()).isZero();
    }
}
