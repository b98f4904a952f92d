package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outputs of {@code simulate} and the study's ensemble tables are byte-identical to golden files
 * written by the engine that kept every replicate in memory ({@code golden/regenerate.sh} says how),
 * for several thread counts: accumulating the summaries as they are produced changes no number.
 */
class GoldenOutputsTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("golden.duckdb");
    }

    @ParameterizedTest(name = "{0} on {1} threads")
    @CsvSource({
        "russia-peace, 1",
        "russia-peace, 3",
        "frailty, 2",
        "frailty, 3",
        "threshold, 1",
        "threshold, 2",
        "no_override, 2"
    })
    void simulateMatchesTheGoldenFiles(String scenario, int threads) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "simulate",
                "--scenario",
                scenarioFile(scenario).toString(),
                "--replicates",
                "300",
                "--seed",
                "7",
                "--threads",
                Integer.toString(threads)));
        if (scenario.equals("threshold")) {
            args.addAll(List.of(
                    "--baseline",
                    Cli.resource("golden/scenarios/threshold-base.yaml").toString()));
        }
        Path out = dir.resolve(scenario + "-" + threads);
        args.addAll(List.of("--out", out.toString()));
        Cli r = Cli.run(db, args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        Path golden = Cli.resource("golden/simulate/" + scenario);
        List<String> expected = names(golden);
        assertThat(names(out)).isEqualTo(expected);
        for (String f : expected) {
            assertThat(withoutVersion(Files.readString(out.resolve(f))))
                    .as(scenario + "/" + f)
                    .isEqualTo(withoutVersion(Files.readString(golden.resolve(f))));
        }
    }

    @Test
    void studyEnsembleTablesMatchTheGoldenFiles() throws Exception {
        Path out = dir.resolve("study");
        Cli r = Cli.run(db, "study", "--replicates", "200", "--seed", "5", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path golden = Cli.resource("golden/study");
        List<String> expected = names(golden);
        assertThat(expected)
                .contains("replay.csv", "counterfactual_pressure-lifted-rus.csv", "counterfactual_incentive.csv");
        for (String f : expected) {
            assertThat(Files.readString(out.resolve("tables").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readString(golden.resolve(f)));
        }
    }

    /** The manifest's version line depends on how normlab was packaged ("dev" in tests), not on the run. */
    private static String withoutVersion(String text) {
        return text.replaceFirst("\"normlab_version\" : \"[^\"]*\"", "\"normlab_version\" : \"\"");
    }

    private static Path scenarioFile(String name) {
        return switch (name) {
            case "russia-peace" -> Path.of("..", "examples", "russia-peace.yaml");
            case "no_override" -> Cli.resource("scenarios/no_override.yaml");
            default -> Cli.resource("golden/scenarios/" + name + ".yaml");
        };
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
