package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.estimate.Link;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.LinearIndexHazard;

/** Saved fits are read strictly, from inside the scenario's folder only, and never echoed. */
class SavedFitReaderTest {
    @TempDir
    Path dir;

    static final String FIT = """
            {"model": "two-level", "coefficients": [
              {"name": "(Intercept)", "estimate": -3.5, "se": 0.2, "z": -17.5, "p": 0.0},
              {"name": "share_global", "estimate": 2.25, "se": null, "z": null, "p": null},
              {"name": "year_1999", "estimate": null, "se": null, "z": null, "p": null}],
             "link": "cloglog", "n": 100}
            """;

    private LinearIndexHazard read(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        return SavedFitReader.read(new ModelSource.Fit(dir, Path.of(name)), "model");
    }

    private String problem(String text) {
        try {
            read("fit.json", text);
        } catch (ScenarioException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void readsTheFitOfFitFormatJsonLeavingOutAliasedTerms() throws Exception {
        LinearIndexHazard h = read("fit.json", FIT);
        assertThat(h).isEqualTo(LinearIndexHazard.of(Map.of("(Intercept)", -3.5, "share_global", 2.25), Link.CLOGLOG));
        assertThat(read("bom.json", "\uFEFF" + FIT)).isEqualTo(h);
    }

    @Test
    void typesNamesAndRangesAreChecked() {
        assertThat(problem(FIT.replace("-3.5", "\"abc\"")))
                .isEqualTo("model.fit (fit.json).coefficients[0].estimate: expected a number or null; got text");
        assertThat(problem(FIT.replace("\"name\": \"(Intercept)\", ", "")))
                .isEqualTo("model.fit (fit.json).coefficients[0].name: required field is missing");
        assertThat(problem(FIT.replace("\"(Intercept)\"", "\" \"")))
                .contains("coefficients[0].name: the name is empty");
        assertThat(problem(FIT.replace("\"(Intercept)\"", "7"))).contains("coefficients[0].name: expected text");
        assertThat(problem(FIT.replace("share_global", "(Intercept)")))
                .contains("coefficients[1].name: repeats the name of coefficients[0]");
        assertThat(problem(FIT.replace("-3.5", "1e400"))).contains("coefficients[0].estimate: Infinity is outside");
        assertThat(problem(FIT.replace("-3.5", "-123456")))
                .contains("coefficients[0].estimate: -123456 is outside" + " the range ±10000");
        assertThat(problem(FIT.replace("\"cloglog\"", "\"probit\""))).contains(".link: not a link");
        assertThat(problem(FIT.replace("\"link\": \"cloglog\",", ""))).contains(".link: required field is missing");
        assertThat(problem("[1, 2]")).contains("not a saved fit");
        assertThat(problem("{\"coefficients\": [], \"link\": \"logit\"}")).contains("no coefficient has an estimate");
    }

    @Test
    void trailingContentAndDuplicateFieldsAreRefused() {
        assertThat(problem(FIT + "{}")).contains("not a single JSON document at line");
        assertThat(problem(FIT.replace("\"n\": 100", "\"link\": \"logit\""))).contains("not a single JSON document");
    }

    @Test
    void anyOtherFileIsRefusedWithoutQuotingIt() throws Exception {
        String secret = "root:$6$S3CR3T:19000:0:99999:7:::";
        String m = problem(secret + "\n");
        assertThat(m).doesNotContain("root", "S3CR3T").contains("not a saved fit");
        assertThat(problem("{\"link\": \"" + secret + "\", \"coefficients\": [{\"name\": \"a\", \"estimate\": \""
                        + secret + "\"}]}"))
                .doesNotContain("S3CR3T");
    }

    @Test
    void symbolicLinksOutOfTheFolderAndSpecialFilesAreRefused() throws Exception {
        Path scenarios = Files.createDirectory(dir.resolve("scenarios"));
        Path outside = dir.resolve("outside.json");
        Files.writeString(outside, FIT);
        Files.createSymbolicLink(scenarios.resolve("link.json"), outside);
        assertThatThrownBy(() -> SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("link.json")), "model"))
                .hasMessage("model.fit: link.json leads outside the scenario's folder (through a symbolic link); a"
                        + " saved fit must be inside it");
        Files.createSymbolicLink(scenarios.resolve("zero.json"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("zero.json")), "model"))
                .hasMessageContaining("leads outside the scenario's folder");
        Files.createDirectory(scenarios.resolve("dir.json"));
        assertThatThrownBy(() -> SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("dir.json")), "model"))
                .hasMessage("model.fit: dir.json is a folder, not a saved fit file");
        Files.write(scenarios.resolve("big.json"), new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("big.json")), "model"))
                .hasMessageContaining("over the 1 MiB limit");
        assertThatThrownBy(() -> SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("none.json")), "model"))
                .hasMessage("model.fit: none.json: no such file");
        // a link that stays inside is followed
        Files.writeString(scenarios.resolve("real.json"), FIT);
        Files.createSymbolicLink(scenarios.resolve("inside.json"), scenarios.resolve("real.json"));
        assertThat(SavedFitReader.read(new ModelSource.Fit(scenarios, Path.of("inside.json")), "model")
                        .link())
                .isEqualTo(Link.CLOGLOG);
    }
}
