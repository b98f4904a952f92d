package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios, saved fits and CSV files as a careless or hostile user gives them: each is refused
 * with exit code 2, the file and the field, no stack trace, nothing of a file it should not read,
 * and no output folder.
 */
class HostileInputTest {
    @TempDir
    static Path dir;

    static Path db;
    static Path scenarios;

    static final String VALID = """
            instrument: mine-ban
            model:
              coefficients: {"(Intercept)": -2.5, log_duration: -1.0, share_global: 2.0, conflict_territorial: -1.2}
            start: 2009
            horizon: 2030
            """;

    @BeforeAll
    static void create() throws Exception {
        db = dir.resolve("hostile.duckdb");
        assertThat(Cli.run(db, "data", "list").code()).isZero();
        scenarios = Files.createDirectory(dir.resolve("scenarios"));
    }

    private static Path write(String name, String text) throws Exception {
        Path p = scenarios.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Cli simulate(Path scenario, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "simulate",
                "--scenario",
                scenario.toString(),
                "--replicates",
                "4",
                "--threads",
                "1",
                "--out",
                dir.resolve("out-" + scenario.getFileName()).toString()));
        args.addAll(List.of(extra));
        return Cli.run(db, args.toArray(String[]::new));
    }

    /** Exit 2, each expected text on stderr, no trace, no output folder. */
    private static Cli refused(Path scenario, String... expected) {
        Cli r = simulate(scenario);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains(expected);
        assertNoTrace(r);
        assertThat(dir.resolve("out-" + scenario.getFileName())).doesNotExist();
        return r;
    }

    static void assertNoTrace(Cli r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ", "Exception", "Error:");
    }

    @Test
    void aFitOutsideTheScenarioFolderIsRefusedWithoutReadingIt() throws Exception {
        String fit = "coefficients: {\"(Intercept)\": -2.5, log_duration: -1.0, share_global: 2.0,"
                + " conflict_territorial: -1.2}";
        Cli shadow = refused(
                write("shadow.yaml", VALID.replace(fit, "fit: /etc/shadow")),
                "shadow.yaml: model.fit: '/etc/shadow' is absolute");
        assertThat(shadow.err().lines()).hasSize(1);
        refused(
                write("environ.yaml", VALID.replace(fit, "fit: ../../../proc/self/environ")),
                "environ.yaml: model.fit: '../../../proc/self/environ' leaves the scenario's folder");
        Files.createSymbolicLink(scenarios.resolve("zero.json"), Path.of("/dev/zero"));
        refused(
                write("zero-fit.yaml", VALID.replace(fit, "fit: zero.json")),
                "zero-fit.yaml: model.fit: zero.json leads outside the scenario's folder");
        Path secret = dir.resolve("token.json");
        Files.writeString(secret, "ghp_T0K3N_S3CR3T");
        Files.createSymbolicLink(scenarios.resolve("token.json"), secret);
        Cli token = refused(write("token.yaml", VALID.replace(fit, "fit: token.json")), "leads outside");
        assertThat(token.err()).doesNotContain("T0K3N");
        Files.writeString(scenarios.resolve("notes.json"), "ghp_T0K3N_S3CR3T\n");
        Cli notes = refused(
                write("notes.yaml", VALID.replace(fit, "fit: notes.json")),
                "notes.yaml: model.fit (notes.json): not a saved fit");
        assertThat(notes.err()).doesNotContain("T0K3N", "ghp");
    }

    @Test
    void specialFilesAreRefusedBeforeReading() throws Exception {
        Path zero = scenarios.resolve("dev-zero.yaml");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        refused(zero, "dev-zero.yaml: is not a regular file");
        refused(Files.createDirectory(scenarios.resolve("folder.yaml")), "folder.yaml: is a folder");
        Path fifo = scenarios.resolve("pipe.yaml");
        Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");
        refused(fifo, "pipe.yaml: is not a regular file");
    }

    @Test
    void savedFitsAreCheckedLikeImports() throws Exception {
        Path fits = Files.createDirectories(scenarios.resolve("fits"));
        Cli fit = Cli.run(db, "fit", "--spec", "international", "--format", "json");
        assertThat(fit.code()).as(fit.err()).isZero();
        Files.writeString(fits.resolve("international.json"), fit.out());
        String fitLine = "coefficients: {\"(Intercept)\": -2.5, log_duration: -1.0, share_global: 2.0,"
                + " conflict_territorial: -1.2}";
        Path good = write("saved.yaml", VALID.replace(fitLine, "fit: fits/international.json"));
        Cli ok = simulate(good);
        assertThat(ok.code()).as(ok.err()).isZero();
        String json = fit.out();
        String firstEstimate = json.substring(json.indexOf("\"estimate\""));
        firstEstimate = firstEstimate.substring(0, firstEstimate.indexOf(','));
        Files.writeString(
                fits.resolve("abc.json"),
                json.replaceFirst(java.util.regex.Pattern.quote(firstEstimate), "\"estimate\" : \"abc\""));
        refused(
                write("abc.yaml", VALID.replace(fitLine, "fit: fits/abc.json")),
                "abc.yaml: model.fit (fits/abc.json).coefficients[0].estimate: expected a number or null; got text");
        Files.writeString(fits.resolve("noname.json"), json.replaceFirst("\"name\" : \"[^\"]*\",", ""));
        refused(
                write("noname.yaml", VALID.replace(fitLine, "fit: fits/noname.json")),
                "coefficients[0].name: required field is missing");
        Files.writeString(fits.resolve("trailing.json"), json + "\n{}\n");
        refused(
                write("trailing.yaml", VALID.replace(fitLine, "fit: fits/trailing.json")),
                "not a single JSON document");
        Files.writeString(fits.resolve("bom.json"), "\uFEFF" + json);
        Cli bom = simulate(write("bom-fit.yaml", VALID.replace(fitLine, "fit: fits/bom.json")));
        assertThat(bom.code()).as(bom.err()).isZero();
    }

    @Test
    void boundsAndNamesAreCheckedWithTheFieldPath() throws Exception {
        refused(
                write("h20000.yaml", VALID.replace("horizon: 2030", "horizon: 20000")),
                "h20000.yaml: horizon: 20000 is outside the years a scenario may name (1800-2100)");
        refused(
                write("hmax.yaml", VALID.replace("horizon: 2030", "horizon: 2147483647")),
                "hmax.yaml: horizon: 2147483647 is outside");
        refused(
                write(
                        "unknown-var.yaml",
                        VALID + "overrides: [{states: [RUS], variable: no_such_thing, years: 2010," + " value: 1}]\n"),
                "unknown-var.yaml: overrides[0].variable: no_such_thing is not a variable of the" + " stored data");
        refused(
                write("unknown-term.yaml", VALID.replace("share_global: 2.0", "share_global: 2.0, bogus_term: 1")),
                "unknown-term.yaml: model.coefficients.bogus_term: bogus_term is not a variable of the stored data");
        refused(
                write("unknown-instrument.yaml", VALID.replace("mine-ban", "no-such-treaty")),
                "unknown-instrument.yaml: instrument: no-such-treaty is not a stored instrument");
        StringBuilder overflow = new StringBuilder(VALID + "overrides:\n");
        for (int i = 0; i < 3; i++) {
            overflow.append("  - {states: [RUS], variable: conflict_territorial, years: 2010, delta: 9.0e8}\n");
        }
        refused(
                write("overflow.yaml", overflow.toString()),
                "overflow.yaml: overrides[1].delta: gives conflict_territorial = ",
                "outside the range ±1e9");
        refused(
                write("huge.yaml", VALID.replace("-2.5", "1.0e308")),
                "huge.yaml: model.coefficients.(Intercept): 1.0E308 is outside the range ±10000");
    }

    @Test
    void aBaselineWithOtherYearsIsRefused() throws Exception {
        Path scenario = write("years.yaml", VALID);
        Path baseline = write("years-base.yaml", VALID.replace("horizon: 2030", "horizon: 2025"));
        Cli r = simulate(scenario, "--baseline", baseline.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("years-base.yaml: horizon: 2025 differs from the scenario's horizon 2030");
        assertNoTrace(r);
    }

    @Test
    void documentsAreSingleAndAByteOrderMarkIsAccepted() throws Exception {
        refused(write("two-docs.yaml", VALID + "---\nhorizon: 2040\n"), "two-docs.yaml: line", "YAML syntax error");
        String json = "{\"instrument\": \"mine-ban\", \"model\": {\"coefficients\": {\"(Intercept)\": -2.5}},"
                + " \"start\": 2009, \"horizon\": 2030}";
        refused(write("trailing.json", json + " garbage"), "trailing.json: line 1", "JSON syntax error");
        Cli bom = simulate(write("bom.json", "\uFEFF" + json));
        assertThat(bom.code()).as(bom.err()).isZero();
        Cli bomYaml = simulate(write("bom.yaml", "\uFEFF" + VALID));
        assertThat(bomYaml.code()).as(bomYaml.err()).isZero();
    }

    @Test
    void csvFilesAreCheckedBeforeReading() throws Exception {
        for (Path p : List.of(Path.of("/dev/zero"), Files.createDirectory(dir.resolve("csv-folder")))) {
            Cli r = Cli.run(db, "data", "validate", p.toString(), "--kind", "indicators");
            assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).contains(p + ": ");
            assertNoTrace(r);
        }
        Path shadow = dir.resolve("shadow.csv");
        Files.writeString(
                shadow,
                "root:$6$S3CR3TS3CR3TS3CR3TS3CR3TS3CR3TS3CR3TS3CR3TS3CR3T:19000:0:99999:7:::\n"
                        + "daemon:*:19000:0:99999:7:::\n");
        Cli s = Cli.run(db, "data", "validate", shadow.toString(), "--kind", "indicators");
        assertThat(s.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(s.err())
                .contains("shadow.csv:1: the first line names none of the expected columns")
                .doesNotContain("root", "S3CR3T");
        Path fifo = dir.resolve("pipe.csv");
        Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");
        Cli r = Cli.run(db, "data", "import", fifo.toString(), "--kind", "indicators");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("pipe.csv: is not a regular file");
    }

    static boolean mkfifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString())
                    .redirectErrorStream(true)
                    .start();
            return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
