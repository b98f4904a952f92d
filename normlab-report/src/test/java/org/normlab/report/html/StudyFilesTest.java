package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.report.plot.StudyFigures;
import org.normlab.study.Study;
import org.normlab.study.StudyReport;
import org.normlab.study.StudyReport.BassRow;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The study's files: every chart of the report written as an SVG and a PNG beside the tables. */
class StudyFilesTest {
    private static final Pattern CHART = Pattern.compile(
            "<div class=\"chart [^\"]*\" data-chart=\"([^\"]+)\" data-index=\"(\\d+)\" data-file=\"([^\"]+)\" "
                    + "data-x-title=\"([^\"]+)\" data-y-title=\"([^\"]+)\"");

    @TempDir
    Path dir;

    record Chart(String kind, String file, String xTitle, String yTitle) {}

    static List<Chart> charts(String html) {
        List<Chart> out = new ArrayList<>();
        Matcher m = CHART.matcher(html);
        while (m.find()) {
            out.add(new Chart(m.group(1), m.group(3), m.group(4), m.group(5)));
        }
        return out;
    }

    private static Study.Outcome outcome(StudyReport r) {
        return new Study.Outcome(r, List.of(), null, Map.of("baseline", "instrument: mine-ban\n"));
    }

    @Test
    void everyChartOfTheReportIsWrittenAsSvgAndPngWithItsAxisTitles() throws Exception {
        List<Path> written = StudyFiles.write(outcome(Fixtures.full()), dir);
        String html = Files.readString(dir.resolve("report.html"));
        List<Chart> charts = charts(html);
        Map<String, StudyFigures.StudyFigure> figures = new java.util.HashMap<>();
        StudyFigures.of(Fixtures.full()).forEach(f -> figures.put(f.file(), f));
        // every placeholder the page draws is listed, and each has a file of its own
        assertThat(charts).hasSize(Fixtures.FULL_CHARTS);
        assertThat(html).contains("data-charts-expected=\"" + Fixtures.FULL_CHARTS + "\"");
        assertThat(charts.stream().map(Chart::file).distinct()).hasSize(charts.size());
        assertThat(charts.stream().map(Chart::kind))
                .contains("lifecycle", "bass", "holdouts", "replay", "cf-parties", "cf-difference", "cf-focus");
        for (Chart c : charts) {
            Path svg = dir.resolve("tables").resolve(c.file() + ".svg");
            Path png = dir.resolve("tables").resolve(c.file() + ".png");
            assertThat(written).contains(svg, png);
            Document doc = parse(svg);
            assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
            NodeList texts = doc.getElementsByTagName("text");
            Set<String> words = new HashSet<>();
            for (int i = 0; i < texts.getLength(); i++) {
                words.add(texts.item(i).getTextContent());
            }
            // the axis titles of the report's chart, with their units, are the figure's
            assertThat(words).as(c.file()).contains(unescape(c.xTitle()), unescape(c.yTitle()));
            // each series is drawn in its colour
            StudyFigures.StudyFigure figure = figures.get(c.file());
            String text = Files.readString(svg);
            List<java.awt.Color> colours = new ArrayList<>();
            figure.figure().lines().forEach(l -> colours.add(l.colour()));
            figure.figure().bars().forEach(b -> colours.add(b.colour()));
            figure.figure().columns().forEach(b -> colours.add(b.colour()));
            assertThat(colours).as(c.file()).isNotEmpty();
            for (java.awt.Color colour : colours) {
                assertThat(text)
                        .as(c.file() + ": a series in " + colour)
                        .contains("rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")");
            }
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(480);
            assertThat(Files.size(png)).as(c.file() + ".png bytes").isGreaterThan(8_000);
            assertThat(colours(image)).as(c.file() + ".png colours").isGreaterThan(8);
        }
        String manifest = Files.readString(dir.resolve("manifest.json"));
        charts.forEach(
                c -> assertThat(manifest).contains("tables/" + c.file() + ".svg", "tables/" + c.file() + ".png"));
        // the holdouts chart groups the four blocks per state, with a legend
        assertThat(Files.readString(dir.resolve("tables/holdouts.svg")))
                .contains("International", "Perception", "Domestic pressure", "Incentives");
    }

    @Test
    void everyTableHasACellPerColumnOnEveryRow() throws Exception {
        List<Path> written = StudyFiles.write(outcome(Fixtures.full()), dir);
        List<Path> tables = written.stream()
                .filter(f -> f.getFileName().toString().endsWith(".csv"))
                .toList();
        assertThat(tables)
                .anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("counterfactual_"));
        for (Path table : tables) {
            try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(
                    Files.newBufferedReader(table, java.nio.charset.StandardCharsets.UTF_8))) {
                List<org.apache.commons.csv.CSVRecord> rows = parser.getRecords();
                assertThat(rows).as(table.toString()).hasSizeGreaterThan(1);
                int columns = rows.get(0).size();
                assertThat(rows)
                        .as(table.toString())
                        .allSatisfy(r -> assertThat(r.size()).isEqualTo(columns));
            }
        }
    }

    @Test
    void aFailedBassFitIsNotDrawnAndTheReportSaysSo() throws Exception {
        StudyReport r = Fixtures.failedBassAndWithdrawals();
        BassRow b = r.lifecycle().bass();
        double observed = java.util.Arrays.stream(b.observed()).sum();
        StudyFiles.write(outcome(r), dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("<strong>The Bass fit failed.</strong> Its market potential, <var>m</var> = "
                        + Format.mean(b.m()) + ", is below the " + Format.count(Math.round(observed))
                        + " consents already observed")
                .contains("data-bass-failed=\"true\"")
                .contains("The Bass fit failed: its market potential is below the consents already observed, so it "
                        + "is not drawn.");
        assertThat(Files.readString(dir.resolve("tables/bass.svg")))
                .contains("observed consents")
                .doesNotContain(">Bass fit<");

        // and a fit above the observed total is drawn
        Path other = Files.createDirectories(dir.resolve("ok"));
        StudyFiles.write(outcome(Fixtures.full()), other);
        assertThat(Files.readString(other.resolve("report.html"))).contains("data-bass-failed=\"false\"");
        assertThat(Files.readString(other.resolve("tables/bass.svg"))).contains(">Bass fit<");
    }

    @Test
    void aCounterfactualOfWithdrawalsSaysWhatItCountsOnAnAxisThatFitsItsValues() throws Exception {
        StudyFiles.write(outcome(Fixtures.failedBassAndWithdrawals()), dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("data-probability=\"false\"")
                .contains("Mean withdrawn states at the end of each year")
                .doesNotContain("Mean parties at the end of each year");
        String focus = Files.readString(dir.resolve("tables/counterfactual_threat-removed_focus.svg"));
        // the values reach 2.2: the axis reaches past 2
        assertThat(focus).contains("Expected number of states").contains(">2<");
        assertThat(Files.readString(dir.resolve("tables/counterfactual_threat-removed.svg")))
                .contains("Withdrawn states (mean number of states)");
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes a DOCTYPE; nothing external is read
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    private static int colours(BufferedImage image) throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
