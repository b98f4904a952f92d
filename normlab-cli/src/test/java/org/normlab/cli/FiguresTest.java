package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --plot writes each command's figure as SVG or PNG and refuses other files before computing. */
class FiguresTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("fig.duckdb");
    }

    @Test
    void lifecycleAndExplainWriteSvgAndPng() throws Exception {
        Path svg = dir.resolve("lc.svg");
        Cli a = Cli.run(db, "lifecycle", "--plot", svg.toString(), "--format", "csv");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).startsWith("year,states,");
        String text = Files.readString(svg);
        assertThat(text).contains("<svg", "Life cycle of mine-ban", "parties", "rgb(29,95,160)");
        // the same figure gives the same bytes
        Path again = dir.resolve("lc2.svg");
        Cli.run(db, "lifecycle", "--plot", again.toString());
        assertThat(Files.readString(again)).isEqualTo(text);

        Path png = dir.resolve("rus.png");
        Cli x = Cli.run(db, "explain", "--state", "RUS", "--plot", png.toString());
        assertThat(x.code()).as(x.err()).isZero();
        assertThat(Files.readAllBytes(png)).startsWith(PNG);
    }

    @Test
    void compareAndSimulateWriteTheirFigures() throws Exception {
        Path cal = dir.resolve("calibration.svg");
        Cli c = Cli.run(db, "compare", "--cv", "states:3", "--repeats", "1", "--no-rolling", "--plot", cal.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readString(cal)).contains("<svg", "Calibration", "international", "two-level");

        Path band = dir.resolve("band.png");
        Cli s = Cli.run(
                db,
                "simulate",
                "--scenario",
                Path.of("..", "examples", "russia-peace.yaml").toString(),
                "--replicates",
                "20",
                "--out",
                dir.resolve("sim").toString(),
                "--plot",
                band.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllBytes(band)).startsWith(PNG);
    }

    @Test
    void otherExtensionsAreRefused() {
        Cli r = Cli.run(db, "lifecycle", "--plot", dir.resolve("figure.pdf").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--plot", ".svg or .png");
        assertThat(dir.resolve("figure.pdf")).doesNotExist();
    }

    @Test
    void aPlaceThatCannotTakeTheFigureIsRefusedBeforeComputing() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve("taken.svg"));
        Cli r = Cli.run(db, "explain", "--state", "RUS", "--plot", folder.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--plot").contains("is a folder").doesNotContain("Exception");
        assertThat(r.out()).isEmpty(); // nothing was computed or printed
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli under = Cli.run(db, "lifecycle", "--plot", file.resolve("x.svg").toString());
        assertThat(under.code()).isEqualTo(2);
        assertThat(under.out()).isEmpty();
        assertThat(file).hasContent("mine");
    }
}
