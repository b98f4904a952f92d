package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output folder holds exactly one run's files, and a user's own files are never deleted. */
class OutputFolderTest {
    @TempDir
    Path dir;

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                // bytes as Latin-1 text: figures are PNG, not UTF-8
                all.put(
                        folder.relativize(p).toString(),
                        new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondStudyInTheSameFolderLeavesOnlyItsOwnFiles() throws IOException {
        Path db = dir.resolve("db.duckdb");
        Path out = dir.resolve("out");
        Cli first = Cli.run(db, "study", "--repeats", "2", "--out", out.toString(), "--replicates", "10");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(out.resolve("tables/withdrawal.tex")).exists();
        Cli second = Cli.run(
                db,
                "study",
                "--repeats",
                "2",
                "--instrument",
                "ccw-apii",
                "--out",
                out.toString(),
                "--replicates",
                "10");
        assertThat(second.code()).as(second.err()).isZero();

        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("instrument").asText()).isEqualTo("ccw-apii");
        List<String> listed = new ArrayList<>(List.of("manifest.json"));
        manifest.get("files").forEach(f -> listed.add(f.asText()));
        assertThat(files(out).keySet()).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(out.resolve("tables/withdrawal.tex")).doesNotExist();
        assertThat(entries(dir)).containsExactly("db.duckdb", "out");

        // A file of the user's in the folder: the run is refused and the folder left as it was.
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Map<String, String> before = files(out);
        Cli third = Cli.run(db, "study", "--repeats", "2", "--out", out.toString(), "--replicates", "10");
        assertThat(third.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(third.err())
                .isEqualTo("normlab: --out: " + out + " holds files normlab did not write (notes.txt); "
                        + "give an empty or new folder, or move them\n");
        assertThat(files(out)).isEqualTo(before);
        assertThat(entries(dir)).containsExactly("db.duckdb", "out");
    }

    @Test
    void simulateReplacesItsEarlierRunAndRefusesAFolderItDidNotWrite() throws IOException {
        Path db = dir.resolve("db.duckdb");
        Path out = dir.resolve("sim");
        String scenario = Path.of("..", "examples", "russia-peace.yaml").toString();
        Cli first = Cli.run(db, "simulate", "--scenario", scenario, "--replicates", "20", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Files.writeString(out.resolve("diff.csv"), "an earlier run's file");
        // Whatever the earlier run left, the folder ends with this run's files.
        Cli second = Cli.run(
                db, "simulate", "--scenario", scenario, "--replicates", "20", "--seed", "2", "--out", out.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.readString(out.resolve("diff.csv"))).startsWith("seed,");
        assertThat(entries(out))
                .containsExactly("curve.csv", "diff.csv", "lifecycle.csv", "manifest.json", "states.csv");

        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "mine");
        Cli refused = Cli.run(db, "simulate", "--scenario", scenario, "--replicates", "20", "--out", mine.toString());
        assertThat(refused.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err()).contains("holds files normlab did not write (thesis.tex)");
        assertThat(entries(mine)).containsExactly("thesis.tex");
    }
}
