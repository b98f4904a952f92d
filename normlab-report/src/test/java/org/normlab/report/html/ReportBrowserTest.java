package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered report in headless Chromium: the charts must draw, offline. Skipped only when
 * {@code /usr/bin/chromium} is absent outside CI; with {@code CI} set, a missing browser fails.
 * The screenshot is kept as {@code target/report-browser/report.png} for a look.
 */
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("target", "report-browser");
    /** --series-parties in report.css. */
    private static final int PARTIES = 0x1d5fa0;

    @TempDir
    static Path tmp;
    private static Path page;

    @BeforeAll
    static void renderAndCheckBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI is set, so %s must be installed (.ci/run installs Debian's chromium)", CHROMIUM)
                    .isTrue();
        }
        assumeTrue(present, CHROMIUM + " is absent (install Debian's chromium to run the browser test)");
        Files.createDirectories(OUT);
        page = OUT.resolve("report.html").toAbsolutePath();
        Files.writeString(page, ReportRenderer.render(Fixtures.full()), StandardCharsets.UTF_8);
    }

    @Test
    void chartsDrawIntoCanvasesAndSetTheFlag() throws Exception {
        String dom = chromium("--dump-dom");
        Matcher flag = Pattern.compile("<body[^>]*\\bdata-charts-drawn=\"(\\d+)\"").matcher(dom);
        assertThat(flag.find()).as("the script set data-charts-drawn on the body").isTrue();
        assertThat(Integer.parseInt(flag.group(1))).isEqualTo(Fixtures.FULL_CHARTS);
        Matcher failed = Pattern.compile("class=\"chart [^\"]*chart-error\"[^>]*>([^<]*)").matcher(dom);
        assertThat(failed.find() ? failed.group(1) : null).as("message of a chart that failed to draw").isNull();
        // Chart.js sized every canvas the script created
        Matcher canvas = Pattern.compile("<canvas[^>]*>").matcher(dom);
        int canvases = 0;
        while (canvas.find()) {
            canvases++;
            assertThat(canvas.group()).contains("width=\"").contains("box-sizing: border-box");
        }
        assertThat(canvases).isEqualTo(Fixtures.FULL_CHARTS);
    }

    @Test
    void screenshotShowsTheCharts() throws Exception {
        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium("--screenshot=" + png);
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("the screenshot decodes as an image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);

        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long parties = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
                if (near(rgb, PARTIES, 12)) {
                    parties++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
        assertThat(nonWhite).as("non-white pixels").isGreaterThan(pixels / 50);
        // the parties line of the life-cycle chart (and the Bass fit) are drawn in this colour
        assertThat(parties).as("pixels in the parties colour").isGreaterThan(500);
    }

    private static boolean near(int rgb, int target, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Runs Chromium on the page with one action flag and returns its standard output. */
    private static String chromium(String action) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=1280,2400", "--virtual-time-budget=5000", action,
                page.toUri().toString()));
        Path stdout = Files.createTempFile(tmp, "chromium", ".out");
        Path stderr = Files.createTempFile(tmp, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(25, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 25 s: " + Files.readString(stderr));
        }
        assertThat(process.exitValue()).as("chromium exit status; stderr: %s", Files.readString(stderr)).isZero();
        return Files.readString(stdout);
    }
}
