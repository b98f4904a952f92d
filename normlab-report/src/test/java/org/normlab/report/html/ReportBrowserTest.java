package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered report in headless Chromium: the charts must draw, offline. Skipped only when
 * {@code /usr/bin/chromium} is absent outside CI; with {@code CI} set, a missing browser fails.
 * The screenshot is kept as {@code target/report-browser/report.png} for a look.
 */
class ReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-browser");
    /** --series-parties in report.css. */
    static final int PARTIES = 0x1d5fa0;

    @TempDir
    static Path tmp;

    private static Path page;

    @BeforeAll
    static void renderAndCheckBrowser() throws IOException {
        HeadlessChromium.require();
        Files.createDirectories(OUT);
        page = OUT.resolve("report.html").toAbsolutePath();
        Files.writeString(page, ReportRenderer.render(Fixtures.full()), StandardCharsets.UTF_8);
    }

    @Test
    void chartsDrawIntoCanvasesAndSetTheFlag() throws Exception {
        String dom = dom();
        Matcher flag =
                Pattern.compile("<body[^>]*\\bdata-charts-drawn=\"(\\d+)\"").matcher(dom);
        assertThat(flag.find())
                .as("the script set data-charts-drawn on the body")
                .isTrue();
        assertThat(Integer.parseInt(flag.group(1))).isEqualTo(Fixtures.FULL_CHARTS);
        Matcher failed = Pattern.compile("class=\"chart [^\"]*chart-error\"[^>]*>([^<]*)")
                .matcher(dom);
        assertThat(failed.find() ? failed.group(1) : null)
                .as("message of a chart that failed to draw")
                .isNull();
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
    void everyChartIsDrawnWithTheAxisTitlesOfItsFigureFile() throws Exception {
        String dom = dom();
        Matcher chart = Pattern.compile("<div class=\"chart [^\"]*\"[^>]*>").matcher(dom);
        int charts = 0;
        while (chart.find()) {
            String tag = chart.group();
            charts++;
            assertThat(attribute(tag, "data-drawn-x-title"))
                    .as(tag)
                    .isNotEmpty()
                    .isEqualTo(attribute(tag, "data-x-title"));
            assertThat(attribute(tag, "data-drawn-y-title"))
                    .as(tag)
                    .isNotEmpty()
                    .isEqualTo(attribute(tag, "data-y-title"));
        }
        assertThat(charts).isEqualTo(Fixtures.FULL_CHARTS);
        // the Bass fit of the fixture is drawn (observed bars and the fitted line); probabilities run to 1
        assertThat(attribute(tagOf(dom, "bass"), "data-drawn-series")).isEqualTo("2");
        assertThat(attribute(tagOf(dom, "cf-focus"), "data-drawn-y-max")).isEqualTo("1");
    }

    @Test
    void aFailedBassFitAndACountOfWithdrawnStatesAreDrawnForWhatTheyAre() throws Exception {
        Path other = OUT.resolve("report-failed-bass.html").toAbsolutePath();
        Files.writeString(other, ReportRenderer.render(Fixtures.failedBassAndWithdrawals()), StandardCharsets.UTF_8);
        String dom = HeadlessChromium.run(other, tmp, "--dump-dom", 2400);
        // only the observed consents: the failed fit is not drawn
        assertThat(attribute(tagOf(dom, "bass"), "data-drawn-series")).isEqualTo("1");
        // expected withdrawn states reach 2.2: the axis is not cut at 1
        String focus = tagOf(dom, "cf-focus");
        assertThat(Double.parseDouble(attribute(focus, "data-drawn-y-max"))).isGreaterThanOrEqualTo(2.2);
        assertThat(attribute(focus, "data-drawn-y-title")).isEqualTo("Expected number of states");
        assertThat(attribute(tagOf(dom, "cf-parties"), "data-drawn-y-title"))
                .isEqualTo("Withdrawn states (mean number of states)");
    }

    private static String dom;

    /** The page's DOM after its scripts ran, read once for the tests that inspect it. */
    private static synchronized String dom() throws Exception {
        if (dom == null) {
            dom = chromium("--dump-dom");
        }
        return dom;
    }

    private static String tagOf(String dom, String kind) {
        Matcher m =
                Pattern.compile("<div class=\"chart chart-" + kind + "\"[^>]*>").matcher(dom);
        assertThat(m.find()).as("a %s chart", kind).isTrue();
        return m.group();
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void screenshotShowsTheCharts() throws Exception {
        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium("--screenshot=" + png);
        assertThat(png).exists();
        HeadlessChromium.Pixels p = HeadlessChromium.pixels(png, PARTIES, 12);
        assertThat(p.width()).isEqualTo(1280);
        assertThat(p.colours()).as("distinct colours").isGreaterThan(200);
        assertThat(p.nonWhite()).as("non-white pixels").isGreaterThan(p.total() / 50);
        // the parties line of the life-cycle chart (and the Bass fit) are drawn in this colour
        assertThat(p.near()).as("pixels in the parties colour").isGreaterThan(500);
    }

    private static String chromium(String action) throws Exception {
        return HeadlessChromium.run(page, tmp, action, 2400);
    }
}
