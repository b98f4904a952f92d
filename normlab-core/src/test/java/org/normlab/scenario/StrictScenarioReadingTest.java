package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.SimWorld;

/**
 * Scenario files are read like imports: checked before reading, one document only, numbers and
 * years in their documented ranges, saved fits confined to the scenario's folder.
 */
class StrictScenarioReadingTest {
    @TempDir
    Path dir;

    static final String VALID = ScenarioReaderTest.VALID;

    private static String problemOf(String text) {
        return ScenarioReaderTest.problemOf(text);
    }

    private static String jsonProblemOf(String text) {
        try {
            ScenarioReader.parse(text, ScenarioReader.Format.JSON, "test.json", Path.of("/scenarios"));
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    private static final String JSON =
            "{\"instrument\": \"mine_ban\", \"model\": {\"coefficients\": {\"(Intercept)\": -3}},"
                    + " \"start\": 1997, \"horizon\": 2030}";

    @Test
    void aByteOrderMarkIsAcceptedInJsonAndYamlFiles() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path json = dir.resolve("bom.json");
        Files.write(json, concat(bom, JSON.getBytes(StandardCharsets.UTF_8)));
        Path yaml = dir.resolve("bom.yaml");
        Files.write(yaml, concat(bom, VALID.getBytes(StandardCharsets.UTF_8)));
        assertThat(ScenarioReader.read(json).start()).isEqualTo(1997);
        assertThat(ScenarioReader.read(yaml).horizon()).isEqualTo(2030);
        assertThat(ScenarioReader.parse("\uFEFF" + JSON, ScenarioReader.Format.JSON, "t", null)
                        .start())
                .isEqualTo(1997);
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        assertThat(jsonProblemOf(JSON + " {\"horizon\": 2040}"))
                .startsWith("test.json: line 1, column")
                .endsWith("JSON syntax error: content after the end of the document (a file holds one JSON document)");
        assertThat(jsonProblemOf(JSON + " garbage")).contains("JSON syntax error");
        assertThat(problemOf(VALID + "---\nhorizon: 2040\n"))
                .isEqualTo("test.yaml: line 7, column 1: YAML syntax error:"
                        + " content after the end of the document (a file holds one YAML document)");
    }

    @Test
    void yearsOutsideTheDocumentedRangeAreRefusedWithTheirField() {
        assertThat(problemOf(VALID.replace("horizon: 2030", "horizon: 20000")))
                .isEqualTo("test.yaml: horizon: 20000 is outside the years a scenario may name (1800-2100)");
        assertThat(problemOf(VALID.replace("horizon: 2030", "horizon: 2147483647")))
                .isEqualTo("test.yaml: horizon: 2147483647 is outside the years a scenario may name (1800-2100)");
        assertThat(problemOf(VALID.replace("horizon: 2030", "horizon: 99999999999999999999")))
                .contains("horizon: expected a whole number");
        assertThat(problemOf(VALID.replace("start: 1997", "start: -5"))).contains("start: -5 is outside the years");
        assertThat(problemOf(VALID + "overrides: [{states: all, variable: x, years: {from: 1997, to: 9999},"
                        + " value: 1}]\n"))
                .contains("overrides[0].years.to: 9999 is outside the years");
        assertThat(problemOf(VALID + "overrides: [{states: all, variable: x, years: 1997-9999, value: 1}]\n"))
                .contains("overrides[0].years: 1997-9999 is outside the years");
    }

    @Test
    void coefficientsAndValuesOutsideTheirRangesAreRefused() {
        assertThat(problemOf(VALID.replace("-3.0", "1.0e300")))
                .isEqualTo("test.yaml: model.coefficients.(Intercept): 1.0E300 is outside the range ±10000 a"
                        + " coefficient may take");
        assertThat(problemOf(VALID + "overrides: [{states: all, variable: x, years: 2000, value: 1.0e308}]\n"))
                .contains("overrides[0].value: 1.0E308 is outside the range ±1e9 a covariate value may take");
        assertThat(problemOf(VALID + "overrides: [{states: all, variable: x, years: 2000, delta: -2.0e9}]\n"))
                .contains("overrides[0].delta: -2000000000 is outside the range ±1e9");
        assertThat(problemOf(VALID.replace("start:", "  frailty_sd: 1.0e6\nstart:")))
                .contains("model.frailty_sd: 1000000.0 is outside the range ±10000");
        assertThat(jsonProblemOf(JSON.replace("-3}", "1e400}")))
                .contains("model.coefficients.(Intercept): Infinity is not a finite number");
    }

    @Test
    void anOverrideThatOverflowsIsRefusedWithItsFieldNotSimulated() throws ScenarioException {
        SimWorld world = SimWorld.synthetic(4, 1997, 2010, 1);
        String variable = world.covariateNames().iterator().next();
        StringBuilder text =
                new StringBuilder(VALID.replace("mine_ban", "synthetic").replace("2030", "2010") + "overrides:\n");
        for (int i = 0; i < 3; i++) {
            text.append("  - {states: all, variable: ").append(variable).append(", years: 2000-2001, delta: 9.0e8}\n");
        }
        Scenario s = ScenarioReaderTest.yaml(text.toString());
        assertThatThrownBy(() -> s.apply(world))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("test.yaml: overrides[1].delta: gives " + variable + " = ")
                .hasMessageContaining("outside the range ±1e9");
    }

    @Test
    void storedValuesOutsideTheirRangeAreRefusedBeforeSimulating() throws ScenarioException {
        SimWorld world = SimWorld.synthetic(4, 1997, 2010, 1);
        String variable = world.covariateNames().iterator().next();
        double[] values = world.covariateValues(variable);
        values[5] = 1e300;
        SimWorld huge = world.withCovariates(java.util.Map.of(variable, values));
        Scenario s =
                ScenarioReaderTest.yaml(VALID.replace("mine_ban", "synthetic").replace("2030", "2010"));
        assertThatThrownBy(() -> s.validate(huge))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("test.yaml: covariate " + variable + ": the data give " + variable + " = 1.0E300 for "
                        + huge.iso3(1) + " in 1998, outside the range ±1e9 a covariate value may take");
    }

    @Test
    void aFitPathMayNotLeaveTheScenarioFolder() {
        String fit = "coefficients: {(Intercept): -3.0, share_global: 2.0}";
        assertThat(problemOf(VALID.replace(fit, "fit: /etc/shadow")))
                .isEqualTo("test.yaml: model.fit: '/etc/shadow' is absolute; give a path relative to the scenario's"
                        + " folder");
        assertThat(problemOf(VALID.replace(fit, "fit: ../fits/a.json")))
                .isEqualTo("test.yaml: model.fit: '../fits/a.json' leaves the scenario's folder; a saved fit must be"
                        + " inside it");
        assertThat(problemOf(VALID.replace(fit, "fit: fits/../../a.json"))).contains("leaves the scenario's folder");
        assertThat(problemOf(VALID.replace(fit, "fit: fits/.."))).contains("leaves the scenario's folder");
        assertThat(problemOf(VALID.replace(fit, "{spec: two-level, withdrawal: {fit: /proc/self/environ}}")
                        .replace("model:\n  {", "model: {")))
                .contains("model.withdrawal.fit: '/proc/self/environ' is absolute");
    }

    @Test
    void specialAndOversizedFilesAreRefusedBeforeReading() throws Exception {
        Path zero = dir.resolve("zero.yaml");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        assertThatThrownBy(() -> ScenarioReader.read(zero))
                .hasMessage("zero.yaml: is not a regular file (a device,"
                        + " pipe or socket); normlab reads only regular files");
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertThatThrownBy(() -> ScenarioReader.read(folder))
                .hasMessage("folder.yaml: is a folder, not a scenario" + " file");
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> ScenarioReader.read(big))
                .hasMessage("big.yaml: is 1,048,577 bytes, over the 1 MiB" + " limit for a scenario file");
        Path fifo = dir.resolve("pipe.yaml");
        Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");
        assertThatThrownBy(() -> ScenarioReader.read(fifo)).hasMessageContaining("is not a regular file");
    }

    @Test
    void messagesQuoteAtMostTheOffendingTokenCut() {
        String secret = "s3cr3t".repeat(50);
        String m = jsonProblemOf(secret);
        assertThat(m).contains("JSON syntax error").doesNotContain(secret).hasSizeLessThan(400);
        String unknown = problemOf(VALID + secret + ": 1\n");
        assertThat(unknown).doesNotContain(secret).contains("unknown field");
        assertThat(problemOf(VALID.replace("mine_ban", "[" + secret + "]"))).doesNotContain(secret);
    }

    @Test
    void notUtf8IsRefusedWithItsLine() throws Exception {
        Path latin = dir.resolve("latin.yaml");
        Files.write(latin, concat(VALID.getBytes(StandardCharsets.UTF_8), new byte[] {'#', (byte) 0xE9, '\n'}));
        assertThatThrownBy(() -> ScenarioReader.read(latin))
                .hasMessageStartingWith("latin.yaml: line 6: is not valid" + " UTF-8 (byte 0xE9 at offset");
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
