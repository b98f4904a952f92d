package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Headless Chromium (Debian's {@code /usr/bin/chromium}) for tests that open a rendered report:
 * skipped only when the browser is absent outside CI; with {@code CI} set, a missing browser
 * fails. Shared with other modules through this module's test jar.
 */
public final class HeadlessChromium {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Pixel statistics of a screenshot. */
    public record Pixels(int width, int height, int colours, long nonWhite, long near) {
        public long total() {
            return (long) width * height;
        }
    }

    private HeadlessChromium() {}

    /** Fails under CI without a browser; otherwise skips the calling test when there is none. */
    public static void require() {
        boolean present = Files.isExecutable(CHROMIUM);
        if (System.getenv("CI") != null) {
            assertThat(present)
                    .as("CI is set, so %s must be installed (.ci/run installs Debian's chromium)", CHROMIUM)
                    .isTrue();
        }
        assumeTrue(present, CHROMIUM + " is absent (install Debian's chromium to run the browser test)");
    }

    /** Runs Chromium on {@code page} with one action flag and returns its standard output. */
    public static String run(Path page, Path tmp, String action, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1280," + height,
                "--virtual-time-budget=5000",
                action,
                page.toUri().toString()));
        Path stdout = Files.createTempFile(tmp, "chromium", ".out");
        Path stderr = Files.createTempFile(tmp, "chromium", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(25, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 25 s: " + Files.readString(stderr));
        }
        assertThat(process.exitValue())
                .as("chromium exit status; stderr: %s", Files.readString(stderr))
                .isZero();
        return Files.readString(stdout);
    }

    /** Counts colours, non-white pixels and pixels within {@code tolerance} of {@code colour} in a PNG. */
    public static Pixels pixels(Path png, int colour, int tolerance) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("the screenshot decodes as an image").isNotNull();
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long near = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
                if (near(rgb, colour, tolerance)) {
                    near++;
                }
            }
        }
        return new Pixels(image.getWidth(), image.getHeight(), colours.size(), nonWhite, near);
    }

    private static boolean near(int rgb, int target, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
