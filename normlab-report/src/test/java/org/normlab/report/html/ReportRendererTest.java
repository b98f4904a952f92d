package org.normlab.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.normlab.report.RegressionTable;
import org.normlab.study.Citation;
import org.normlab.study.StudyReport;
import org.normlab.study.StudyReport.ComparisonRow;
import org.normlab.study.StudyReport.Holdout;
import org.normlab.study.StudyReport.ModelSection;
import org.normlab.study.StudyReport.Term;
import org.normlab.study.StudyReport.ThesisSection;

class ReportRendererTest {
    private static final List<String> ALL_SECTIONS = List.of(
            "findings",
            "lifecycle",
            "thesis",
            "withdrawal",
            "holdouts",
            "replay",
            "counterfactuals",
            "reproducibility");
    private static final List<String> ALL_HEADINGS = List.of(
            "Headline findings",
            "Life cycle",
            "The test of the thesis",
            "Withdrawal model",
            "Holdouts",
            "Replay of history",
            "Counterfactuals",
            "Reproducibility");

    private final StudyReport full = Fixtures.full();
    private final String html = ReportRenderer.render(full);

    @Test
    void sectionsAppearInOrderWithHeadingsAnchorsAndContentsLinks() {
        int last = -1;
        for (int i = 0; i < ALL_SECTIONS.size(); i++) {
            String open = "<section id=\"" + ALL_SECTIONS.get(i) + "\">\n<h2>" + ALL_HEADINGS.get(i) + "</h2>";
            int at = html.indexOf(open);
            assertThat(at).as(open).isGreaterThan(last);
            last = at;
            assertThat(html).contains("<a href=\"#" + ALL_SECTIONS.get(i) + "\">" + ALL_HEADINGS.get(i) + "</a>");
        }
        assertThat(html.indexOf("<nav id=\"contents\"")).isLessThan(html.indexOf("<section id=\"findings\">"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Synthetic Convention on Test Mines");
    }

    @Test
    void showsEveryHeadlineHoldoutFindingSentenceAndMetaValue() {
        full.headlines().forEach(h -> assertThat(html).contains("<li>" + h + "</li>"));
        for (Holdout h : full.holdouts()) {
            assertThat(html)
                    .contains(Html.text(h.name()))
                    .contains(Html.text(h.sentence()))
                    .contains("<details id=\"holdout-" + h.iso3() + "\">");
        }
        full.thesis().findings().forEach(f -> assertThat(html).contains("<p>" + f + "</p>"));
        assertThat(html)
                .contains(Html.text(full.thesis().note()))
                .contains(full.withdrawal().sentence())
                .contains(full.replay().sentence())
                .contains(full.lifecycle().bass().text())
                .contains(full.meta().dataDigest())
                .contains("<dt>standard errors</dt><dd>clustered by state</dd>")
                .contains("<li>No counterfactual with a withdrawal focus: synthetic test reason</li>")
                .contains("./normlab study --instrument mine-ban --seed 4242 --replicates 37");
        full.counterfactuals()
                .forEach(c -> assertThat(html)
                        .contains("<strong>" + c.answer() + "</strong>")
                        .contains(c.question())
                        .contains("<pre><code>" + Html.text(c.scenario()) + "</code></pre>"));
    }

    @Test
    void formatsTheFixturesNumbers() {
        assertThat(html)
                // coefficients to 3 decimals with the model's stars, SEs in parentheses beneath
                .contains("<td class=\"num\">0.457<span class=\"stars\">***</span></td>")
                .contains("<td class=\"num\">\u22121.235<span class=\"stars\">***</span></td>")
                .contains("<td class=\"num\">(0.123)<span class=\"stars\"></span></td>")
                // counts with separators, likelihoods and criteria to 2 decimals
                .contains("<td class=\"num\">4,321<span class=\"stars\"></span></td>")
                .contains("<td class=\"num\">\u2212612.35<span class=\"stars\"></span></td>")
                .contains("<td class=\"num\">1232.69<span class=\"stars\"></span></td>")
                // comparison: LR test, scores to 4 decimals; the reference model has no LR test
                .contains("<td class=\"num\">27.16</td><td class=\"num\">2</td><td class=\"num\">&lt; 0.001</td>")
                .contains(
                        "<td class=\"num\">\u22120.3457</td><td class=\"num\">0.0457</td><td class=\"num\">0.8123</td>")
                .contains(
                        "<td class=\"num\">1305.43</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td>")
                // holdouts: hazard, cumulative to 3 decimals (2 significant digits when small), the four blocks'
                // contributions to 2 (international, perception, domestic pressure, incentives)
                .contains("<td class=\"num\">0.0012</td><td class=\"num\">0.046</td><td class=\"num\">0.61</td>"
                        + "<td class=\"num\">0.31</td><td class=\"num\">\u22121.99</td>")
                // stages, with an ongoing one, and the tipping year
                .contains("<td class=\"num\">2007</td><td class=\"num\">ongoing</td>")
                .contains("<dt>Tipping year</dt><dd>1999</dd>")
                // Bass parameters
                .contains("<td class=\"num\">161.2</td><td class=\"num\">2.3</td>")
                .contains("<td class=\"num\">0.568</td><td class=\"num\">0.068</td>");
    }

    @Test
    void regressionTableGroupsLabelledTermsByLevelAndLeavesAbsentTermsEmpty() {
        String table = between(html, "<table class=\"regression\">", "</table>");
        assertThat(table)
                .containsSubsequence(
                        "<th scope=\"col\" class=\"num\">International</th>",
                        "<th scope=\"col\" class=\"num\">Domestic</th>",
                        "<th scope=\"col\" class=\"num\">Two-level</th>",
                        ">baseline</th>",
                        "title=\"(Intercept)\">Intercept</span>",
                        ">international</th>",
                        "title=\"share_global\">Share of all states party</span>",
                        "title=\"share_border\">Share of land neighbours party</span>",
                        ">domestic pressure</th>",
                        "title=\"conflict_territorial\">Secessionist (territorial) conflict</span>",
                        // a variable without a label keeps its name
                        "<code>polity</code>",
                        "N (state-years)",
                        "4,321",
                        "Events",
                        "Log-likelihood",
                        "\u2212612.35",
                        "AIC",
                        "BIC");
        // share_global is not in the domestic model: its cell is empty; a negative value has a true minus
        assertThat(table)
                .contains("Share of all states party</span></th><td class=\"num\">0.457<span class=\"stars\">***"
                        + "</span></td><td></td><td class=\"num\">0.399<span class=\"stars\">**</span></td></tr>")
                .contains("<td class=\"num\">\u22121.235<span class=\"stars\">***</span></td>")
                .contains("<td class=\"num\">(0.346)<span class=\"stars\"></span></td>");
    }

    @Test
    void everyRegressionTableHasTheStarLegendAndTheEstimationNoteUnderIt() {
        int tables = count(html, "<table class=\"regression\">");
        assertThat(tables).isEqualTo(2);
        for (String after : html.split("<table class=\"regression\">")) {
            if (after.startsWith("\n<caption>")) {
                String tail = after.substring(after.indexOf("</table></div>\n"));
                assertThat(tail)
                        .startsWith("</table></div>\n<p class=\"note table-note\">Discrete-time hazard models, ")
                        .contains("standard errors in parentheses")
                        .contains("* p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001.</p>");
            }
        }
    }

    @Test
    void oddsRatiosAndIntervalsAndFrailtyModelsComeFromTheTable() {
        RegressionTable.Column logit = new RegressionTable.Column(
                "Two-level",
                List.of("(Intercept)", "eu_member"),
                new double[] {-3.0, 0.5},
                new double[] {0.2, 0.25},
                new double[] {0.0, 0.045},
                Map.of(),
                1000,
                40,
                -150.25,
                306.5,
                316.3,
                Double.NaN,
                "logit link; model-based standard errors");
        logit = logit.withIntervals(List.of(
                new org.normlab.effects.Interval("(Intercept)", -3.392, -2.608),
                new org.normlab.effects.Interval("eu_member", 0.01, 0.99)));
        RegressionTable.Column frailty = new RegressionTable.Column(
                "Two-level (frailty)",
                List.of("(Intercept)", "eu_member"),
                new double[] {-3.5, 0.6},
                new double[] {0.3, 0.3},
                new double[] {0.0, 0.0455},
                Map.of(),
                1000,
                40,
                -148.0,
                304.0,
                318.7,
                1.234,
                "logit link with a normal shared frailty by state");
        RegressionTable table = ModelTables.labelled(List.of(logit, frailty))
                .withExponentiated(true)
                .withIntervalNote("Wald 95% confidence intervals");
        StudyReport r = Fixtures.full();
        String page = ReportRenderer.render(
                r, new ModelTables(table, ModelTables.of(r).withdrawal()));
        String t = between(page, "<table class=\"regression\">", "</table>");
        // exp(0.5) = 1.6487, exp(0.01) = 1.0101, exp(0.99) = 2.6912; exp(0.6) * 0.3 = 0.5466
        assertThat(t)
                .contains("EU member</span></th><td class=\"num\">1.649<span class=\"stars\">*</span>")
                .contains("[1.010, 2.691]")
                .contains("1.822<span class=\"stars\">*</span>")
                .contains("(0.547)")
                .contains("<th scope=\"row\">Frailty SD</th><td class=\"num\"><span class=\"stars\"></span></td>"
                        + "<td class=\"num\">1.234");
        assertThat(between(page, "<p class=\"note table-note\">", "</p>"))
                .contains("odds ratios")
                .contains("Wald 95% confidence intervals in brackets")
                .contains("shared frailty");
    }

    @Test
    void loadsNothingRemote() {
        assertThat(html)
                .doesNotContainPattern("(?i)\\b(src|href|action|poster|srcset)\\s*=\\s*[\"']?\\s*(https?:)?//")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?\\s*(https?:)?//")
                .doesNotContainPattern("(?i)@import")
                .doesNotContainPattern("(?i)<link\\b");
        // Apart from Chart.js's licence banner (a comment), the page holds no URL at all.
        String withoutLibrary = html.replace(between(html, "<script>\n/*!\n * Chart.js", "</script>"), "");
        assertThat(withoutLibrary).doesNotContain("http://").doesNotContain("https://");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void inlinesChartJsAndTheDataOnce() {
        assertThat(html).contains("Chart.js v4.6.1");
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(count(html, "</script>")).isEqualTo(3);
        assertThat(html).contains("<body data-charts-expected=\"" + Fixtures.FULL_CHARTS + "\">");
        assertThat(count(html, "data-chart=\"")).isEqualTo(Fixtures.FULL_CHARTS);
    }

    @Test
    void embeddedJsonParsesBackToTheReport() throws Exception {
        String json = embeddedJson(html);
        StudyReport parsed = new ObjectMapper().readValue(json, StudyReport.class);
        assertThat(parsed).usingRecursiveComparison().isEqualTo(full);
        assertThat(parsed.thesis().models().get(0).terms().get(1).estimate()).isEqualTo(0.45678);
        assertThat(parsed.lifecycle().parties())
                .containsExactly(full.lifecycle().parties());
        assertThat(parsed.replay().observed()).containsExactly(full.replay().observed());
        assertThat(parsed.counterfactuals().get(0).diffHigh())
                .containsExactly(full.counterfactuals().get(0).diffHigh());
    }

    @Test
    void escapesTextInHtmlAndInTheJson() throws Exception {
        assertThat(html)
                .doesNotContain("<script>alert(")
                .doesNotContain("</script> & Co")
                .contains("Ruritania &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .contains("# a &lt;comment&gt; &amp; more");
        String json = embeddedJson(html);
        assertThat(json)
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("&")
                .contains("Ruritania \\u003cscript\\u003e");
        StudyReport parsed = new ObjectMapper().readValue(json, StudyReport.class);
        assertThat(parsed.holdouts().get(3).name()).isEqualTo(Fixtures.EVIL_NAME);
    }

    @Test
    void headlinesThatTryToCloseTheScriptStayData() throws Exception {
        StudyReport tricky = new StudyReport(
                full.meta(),
                List.of("</script><!-- <script>x</script>", "\u2028 line"),
                full.omitted(),
                full.lifecycle(),
                full.thesis(),
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                Citation.paper());
        String out = ReportRenderer.render(tricky);
        assertThat(count(out, "</script>")).isEqualTo(3);
        assertThat(out).contains("<li>&lt;/script&gt;&lt;!-- &lt;script&gt;x&lt;/script&gt;</li>");
        StudyReport parsed = new ObjectMapper().readValue(embeddedJson(out), StudyReport.class);
        assertThat(parsed.headlines()).isEqualTo(tricky.headlines());
    }

    @Test
    void aValueThatIsNotANumberPrintsAsADashAndTheJsonStillParses() throws Exception {
        ComparisonRow nan =
                new ComparisonRow("No forecast", -1.5, 5.0, 6.0, null, null, null, Double.NaN, Double.NaN, Double.NaN);
        ThesisSection thesis = new ThesisSection(full.thesis().models(), List.of(nan), List.of(), null);
        String out = ReportRenderer.render(new StudyReport(
                full.meta(),
                full.headlines(),
                full.omitted(),
                full.lifecycle(),
                thesis,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                Citation.paper()));
        assertThat(out)
                .contains("<th scope=\"row\">No forecast</th><td class=\"num\">\u22121.50</td>"
                        + "<td class=\"num\">5.00</td><td class=\"num\">6.00</td><td class=\"num\"></td><td class=\"num\"></td>"
                        + "<td class=\"num\"></td><td class=\"num\">\u2014</td><td class=\"num\">\u2014</td>"
                        + "<td class=\"num\">\u2014</td></tr>");
        StudyReport parsed = new ObjectMapper().readValue(embeddedJson(out), StudyReport.class);
        assertThat(parsed.thesis().comparison().get(0).auc()).isNaN();
    }

    @Test
    void aTermWithoutAPValueButWithAnEstimateIsMarkedSeparatedAndNeverStarred() {
        // HazardEstimate.pValues() gives a diverged term no p; the study passes it on as NaN
        ModelSection separated = new ModelSection(
                "Separated",
                List.of(
                        new Term("(Intercept)", "baseline", -3.1, 0.2, 0.0, "***"),
                        new Term("conflict_interstate", "domestic", -17.9, 0.40, Double.NaN, "")),
                4321,
                20,
                -120.5,
                245.0,
                257.7,
                "Synthetic method: logit, cluster-robust SEs",
                "Synthetic sentence.");
        ThesisSection thesis = new ThesisSection(List.of(separated), List.of(), List.of(), null);
        String out = ReportRenderer.render(new StudyReport(
                full.meta(),
                full.headlines(),
                full.omitted(),
                full.lifecycle(),
                thesis,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                Citation.paper()));
        assertThat(out).contains("<span class=\"stars\">\u2020</span>");
        assertThat(out).contains("separated: the estimate diverges; its SE and p are meaningless");
        assertThat(out)
                .contains("<p class=\"warning separation\">\u2020 separated terms in model Separated: "
                        + "conflict_interstate. Their estimates diverge");
        // the intercept keeps its stars
        assertThat(out).contains("<span class=\"stars\">***</span>");
    }

    @Test
    void findingsInPlainWordsWithTheTechnicalStatementBesideAndThePaperCitedInFull() {
        StudyReport f = Fixtures.full();
        StudyReport r = new StudyReport(
                f.meta(),
                f.headlines(),
                f.omitted(),
                f.lifecycle(),
                f.thesis(),
                f.withdrawal(),
                f.holdouts(),
                f.replay(),
                f.counterfactuals(),
                List.of(
                        new StudyReport.Finding("Synthetic plain one.", "Synthetic technical one: chi2 = 3.10."),
                        new StudyReport.Finding("Synthetic plain two.", "Synthetic technical two: p = 0.004.")),
                "Synthetic citation: a paper on a norm <and> its holdouts. A journal.");
        String out = ReportRenderer.render(r);
        assertThat(between(out, "<ol class=\"headlines\">", "</ol>"))
                .containsSubsequence(
                        "<li><p class=\"plain\">Synthetic plain one.</p>",
                        "<p class=\"technical\">Synthetic technical one: chi2 = 3.10.</p></li>",
                        "<li><p class=\"plain\">Synthetic plain two.</p>",
                        "<p class=\"technical\">Synthetic technical two: p = 0.004.</p></li>")
                .doesNotContain("Synthetic headline one");
        assertThat(out)
                .contains("<section id=\"references\">\n<h2>References</h2>")
                .contains("<li id=\"ref-paper\">Synthetic citation: a paper on a norm &lt;and&gt; its holdouts. "
                        + "A journal.</li>")
                .contains("<a href=\"#references\">References</a> [1]")
                .contains("<a href=\"#references\">References</a></li>");
    }

    @Test
    void leavesOutNullSectionsAndSaysWhy() {
        StudyReport minimal = Fixtures.minimal();
        String out = ReportRenderer.render(minimal);
        assertThat(out)
                .doesNotContain("<section id=\"withdrawal\">")
                .doesNotContain("<section id=\"replay\">")
                .doesNotContain("<section id=\"counterfactuals\">")
                .doesNotContain("id=\"bass\"")
                .doesNotContain("Withdrawal model")
                .doesNotContain("Replay of history")
                .doesNotContain("Bass diffusion fit")
                .doesNotContain("data-chart=\"replay\"")
                .doesNotContain("data-chart=\"bass\"")
                .doesNotContain("<dd>1999</dd>")
                .contains("<dt>Tipping year</dt><dd>not reached</dd>")
                .contains("<h3>Left out</h3>");
        minimal.omitted().forEach(o -> assertThat(out).contains("<li>" + o + "</li>"));
        for (String present : List.of("findings", "lifecycle", "thesis", "holdouts", "reproducibility")) {
            assertThat(out).contains("<section id=\"" + present + "\">");
        }
        assertThat(out).contains("<body data-charts-expected=\"" + Fixtures.MINIMAL_CHARTS + "\">");
        assertThat(count(out, "data-chart=\"")).isEqualTo(Fixtures.MINIMAL_CHARTS);
        assertThat(embeddedJson(out))
                .contains("\"withdrawal\":null")
                .contains("\"replay\":null")
                .contains("\"signatories\":null");
    }

    @Test
    void inlineScriptsCannotEndTheirElement() {
        assertThat(Html.script("var s = '</script><!--'; var r = /<\\/SCRIPT>/;"))
                .isEqualTo("var s = '\\x3C/script>\\x3C!--'; var r = /<\\/SCRIPT>/;");
        assertThat(Html.script("x = '</SCRIPT>'")).isEqualTo("x = '\\x3C/SCRIPT>'");
        assertThat(Html.style("a::after { content: '</style>' }")).doesNotContainIgnoringCase("</style");
        assertThat(Html.id("a b/<c>")).isEqualTo("a-b-c-");
    }

    static String embeddedJson(String html) {
        return between(html, "<script type=\"application/json\" id=\"normlab-data\">", "</script>");
    }

    static String between(String s, String start, String end) {
        int from = s.indexOf(start);
        assertThat(from).as("'%s' in the page", start).isNotNegative();
        int to = s.indexOf(end, from + start.length());
        assertThat(to).as("'%s' after '%s'", end, start).isPositive();
        return s.substring(from + start.length(), to);
    }

    static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
