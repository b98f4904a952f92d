package org.normlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.report.html.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium driven by Selenium: the map draws every state and
 * recolours with the slider, Russia's page shows its explanation, a small scenario runs to its
 * result. Screenshots are kept in target/screenshots. Skipped without Chromium unless CI is set.
 */
class DashboardBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;

    static NormlabServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.require();
        server = NormlabServer.start(TestServers.options(TestServers.freshDb(tmp)), "test");
        Files.createDirectories(SHOTS);
        // Explicit driver and browser paths: Selenium Manager never looks for (or downloads) either.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(HeadlessChromium.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=1280,1800",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void open(String hash) {
        driver.get("about:blank");
        driver.get("http://127.0.0.1:" + server.port() + "/" + hash);
        waiting(60).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static Map<String, String> fills() {
        Map<String, String> out = new HashMap<>();
        for (WebElement p : driver.findElements(By.cssSelector("#map path.state"))) {
            out.put(p.getAttribute("data-iso3"), p.getAttribute("fill"));
        }
        return out;
    }

    @Test
    void theMapDrawsEveryStateAndRecoloursWithTheSlider() throws Exception {
        open("#instrument=mine-ban&year=2025");
        JsonNode status = TestServers.get(server, "/api/instruments/mine-ban/status?date=2025-12-31")
                .json();
        Map<String, String> late = fills();
        Set<String> drawn = new HashSet<>(late.keySet());
        String notDrawn = driver.findElement(By.id("no-shape")).getText();
        List<String> missing = new ArrayList<>();
        for (JsonNode s : status.get("states")) {
            if (!drawn.contains(s.get("iso3").asText())) {
                missing.add(s.get("name").asText());
                // A state without a shape at this scale is named in words under the map.
                assertThat(notDrawn).contains(s.get("name").asText());
            }
        }
        assertThat(missing).as("states without a shape in Natural Earth 1:50m").hasSizeLessThanOrEqualTo(3);
        assertThat(drawn).contains("RUS", "USA", "FIN", "POL");
        assertThat(driver.findElement(By.id("count")).getText())
                .contains("End of 2025", status.get("counts").get("party").asText() + " parties");
        shot("map-2025");
        // Exports: the status table as CSV, the map as SVG and the curve as PNG, caught at the download link.
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
        // The page's CSP forbids fetching blob: URLs, so the blobs are kept as they are made.
        js.executeScript("window.__downloads = []; window.__blobs = {}; const make = URL.createObjectURL;"
                + " URL.createObjectURL = (b) => { const u = make(b); window.__blobs[u] = b; return u; };"
                + " HTMLAnchorElement.prototype.click = function () {"
                + " window.__downloads.push({name: this.download, blob: window.__blobs[this.href]}); };");
        for (String button : List.of("status-csv", "map-svg", "curve-png")) {
            driver.findElement(By.cssSelector("button[data-export='" + button + "']"))
                    .click();
        }
        waiting(10).until(d -> ((Number) js.executeScript("return window.__downloads.length;")).intValue() == 3);
        @SuppressWarnings("unchecked")
        List<List<String>> files = (List<List<String>>) js.executeAsyncScript("const done = arguments[0];"
                + " Promise.all(window.__downloads.map((d) => d.blob.text()"
                + ".then((t) => [d.name, t.slice(0, 200000)]))).then(done);");
        assertThat(files.get(0).get(0)).isEqualTo("normlab-status.csv");
        String[] csv = files.get(0).get(1).split("\n");
        assertThat(csv[0]).isEqualTo("iso3,name,status,date");
        assertThat(csv).hasSize(status.get("states").size() + 1);
        assertThat(files.get(0).get(1)).contains("RUS,Russia,none,2025-12-31");
        assertThat(files.get(1).get(0)).isEqualTo("normlab-map-2025.svg");
        assertThat(files.get(1).get(1)).startsWith("<svg").contains("data-iso3=\"", "aria-label=\"");
        assertThat(files.get(2).get(0)).isEqualTo("normlab-curve.png");
        assertThat(files.get(2).get(1).substring(1, 4)).isEqualTo("PNG");
        // Back to 1997 with the keyboard, as a user without a mouse would.
        WebElement slider = driver.findElement(By.id("year"));
        slider.sendKeys(Keys.HOME);
        waiting(20).until(d -> d.findElement(By.id("count")).getText().contains("End of 1997"));
        Map<String, String> early = fills();
        long changed = early.entrySet().stream()
                .filter(e ->
                        late.containsKey(e.getKey()) && !late.get(e.getKey()).equals(e.getValue()))
                .count();
        assertThat(changed)
                .as("states whose colour differs between 1997 and 2025")
                .isGreaterThan(100);
        assertThat(driver.getCurrentUrl()).contains("year=1997");
        assertThat(driver.findElement(By.cssSelector("path[data-iso3='FIN']")).getAttribute("aria-label"))
                .contains("Finland", "1997");
        shot("map-1997");
    }

    @Test
    void russiasPageShowsItsExplanation() throws Exception {
        open("#instrument=mine-ban&year=2020");
        WebElement rus = driver.findElement(By.cssSelector("path[data-iso3='RUS']"));
        rus.sendKeys(Keys.ENTER);
        waiting(60).until(d -> d.findElement(By.id("state-summary")).getText().contains("Russia"));
        assertThat(driver.findElement(By.id("state-title")).getText()).isEqualTo("Russia (RUS)");
        assertThat(driver.findElement(By.id("state-type")).getText()).contains("blocked");
        List<WebElement> rows = driver.findElements(By.cssSelector("#contrib-table tbody tr"));
        assertThat(rows.size()).isGreaterThan(5);
        assertThat(driver.findElement(By.id("contrib-table")).getText()).contains("conflict_territorial");
        assertThat(driver.getCurrentUrl()).contains("state=RUS");
        Object blocks = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return Chart.getChart('blocks-chart').data.labels;");
        assertThat(((List<?>) blocks).stream().map(String::valueOf).toList()).contains("international", "domestic");
        driver.findElement(By.id("state-section")).getLocation();
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("document.getElementById('state-section').scrollIntoView()");
        shot("russia");
        // The page opened from a shared link shows the same state.
        open("#instrument=mine-ban&year=2020&state=RUS");
        waiting(60).until(d -> d.findElement(By.id("state-title")).getText().equals("Russia (RUS)"));
        assertThat(errors()).isEmpty();
    }

    @Test
    void aSmallScenarioRunsToItsResult() throws Exception {
        open("#instrument=mine-ban");
        WebElement states = driver.findElement(By.cssSelector("#scenario-a .states-input"));
        states.clear();
        states.sendKeys("RUS");
        WebElement to = driver.findElement(By.cssSelector("#scenario-a .to"));
        to.clear();
        to.sendKeys("2028");
        for (String[] field : new String[][] {{"horizon", "2028"}, {"replicates", "20"}}) {
            WebElement e = driver.findElement(By.id(field[0]));
            e.clear();
            e.sendKeys(field[1]);
        }
        driver.findElement(By.id("run-scenario")).click();
        waiting(180).until(d -> {
            String state = d.findElement(By.id("job-state")).getText();
            assertThat(state).as("the job's state").doesNotStartWith("refused").doesNotStartWith("failed");
            return d.findElement(By.id("diff-text")).getText().startsWith("By the end of 2028");
        });
        assertThat(driver.findElement(By.id("diff-text")).getText()).contains("90 %", "20 replicates");
        assertThat(driver.findElement(By.id("progress")).getAttribute("value")).isEqualTo("1");
        assertThat(driver.getCurrentUrl()).contains("scenario=");
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("document.getElementById('scenario-section').scrollIntoView()");
        shot("scenario");
        assertThat(errors()).isEmpty();
    }

    /** Errors in the browser's console (a CSP violation or a script error would show here). */
    private static List<String> errors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }
}
