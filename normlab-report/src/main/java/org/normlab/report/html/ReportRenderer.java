package org.normlab.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.normlab.panel.Variables;
import org.normlab.report.RegressionTable;
import org.normlab.report.plot.StudyFigures;
import org.normlab.report.plot.StudyFigures.StudyFigure;
import org.normlab.study.StudyReport;
import org.normlab.study.StudyReport.BassRow;
import org.normlab.study.StudyReport.ComparisonRow;
import org.normlab.study.StudyReport.Counterfactual;
import org.normlab.study.StudyReport.Holdout;
import org.normlab.study.StudyReport.LifeCycleSection;
import org.normlab.study.StudyReport.Meta;
import org.normlab.study.StudyReport.ModelSection;
import org.normlab.study.StudyReport.Replay;
import org.normlab.study.StudyReport.StageRow;
import org.normlab.study.StudyReport.ThesisSection;

/**
 * Renders a {@link StudyReport} as one self-contained HTML document: the style sheet, Chart.js and
 * the report's data (the whole {@code StudyReport} as JSON, element {@code #normlab-data}) are
 * inlined, so the page makes no network request and reads the same offline and in print.
 *
 * <p>Every number, year, name and sentence in the page comes from the report; the template adds
 * only headings and labels. Sections that are null in the report are left out, and the report's
 * {@link StudyReport#omitted()} reasons are listed instead. Charts are drawn by the inlined script
 * from the JSON; when all have drawn it sets {@code document.body.dataset.chartsDrawn} to their
 * number, which equals the {@code data-charts-expected} attribute of the body.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportRenderer {
    private static final String RESOURCES = "/org/normlab/report/html/";

    private final StudyReport report;
    private final ModelTables tables;
    private final Map<String, StudyFigure> figures = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder(1 << 16);
    private final List<TocEntry> toc = new ArrayList<>();
    private int charts;

    private ReportRenderer(StudyReport report, ModelTables tables) {
        this.report = report;
        this.tables = tables;
        StudyFigures.of(report).forEach(f -> figures.put(f.kind() + "#" + f.index(), f));
    }

    /**
     * The report as an HTML document (UTF-8 text, to be saved as {@code .html}).
     *
     * @throws NullPointerException  if the report lacks its meta, life-cycle or thesis section
     * @throws IllegalStateException if the module's resources (Chart.js) are missing from the classpath
     */
    public static String render(StudyReport report) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(report.thesis(), "report.thesis");
        return render(report, ModelTables.of(report));
    }

    /**
     * The report as an HTML document, its model tables printed from {@code tables} (the same tables
     * the study writes as Markdown and LaTeX).
     *
     * @throws NullPointerException  if the report lacks its meta, life-cycle or thesis section
     * @throws IllegalStateException if the module's resources (Chart.js) are missing from the classpath
     */
    public static String render(StudyReport report, ModelTables tables) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(report.meta(), "report.meta");
        Objects.requireNonNull(report.lifecycle(), "report.lifecycle");
        Objects.requireNonNull(report.thesis(), "report.thesis");
        return new ReportRenderer(report, tables).document();
    }

    private record TocEntry(String id, String title, List<TocEntry> children) {}

    private String document() {
        findings();
        lifecycle();
        thesis();
        if (report.withdrawal() != null) {
            withdrawal();
        }
        if (!report.holdouts().isEmpty()) {
            holdouts();
        }
        if (report.replay() != null) {
            replay();
        }
        if (!report.counterfactuals().isEmpty()) {
            counterfactuals();
        }
        references();
        reproducibility();
        String body = out.toString();

        Meta meta = report.meta();
        StringBuilder d = new StringBuilder(body.length() + 300_000);
        d.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing may be fetched: only the inline script and styles run, images only as data.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"generator\" content=\"normlab ")
                .append(Html.text(meta.version()))
                .append("\">\n")
                .append("<title>")
                .append(Html.text(meta.title()))
                .append(" \u2014 normlab study</title>\n")
                .append("<style>\n")
                .append(Html.style(resource("report.css")))
                .append("</style>\n")
                .append("</head>\n<body data-charts-expected=\"")
                .append(charts)
                .append("\">\n");
        d.append("<header class=\"masthead\">\n<p class=\"kicker\">normlab study report</p>\n<h1>")
                .append(Html.text(meta.title()))
                .append("</h1>\n<p class=\"byline\">Instrument <code>")
                .append(Html.text(meta.instrument()))
                .append("</code> \u00b7 normlab ")
                .append(Html.text(meta.version()))
                .append(" \u00b7 run ")
                .append(Html.text(meta.created()))
                .append(" \u00b7 seed ")
                .append(Format.plain(meta.seed()))
                .append(" \u00b7 ")
                .append(Format.count(meta.replicates()))
                .append(" replicates</p>\n</header>\n");
        d.append("<nav id=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n");
        tocList(d, toc);
        d.append("</nav>\n<main>\n").append(body).append("</main>\n");
        d.append("<script type=\"application/json\" id=\"normlab-data\">")
                .append(Html.json(report))
                .append("</script>\n");
        d.append("<script>\n")
                .append(Html.script(resource("chartjs/chart.umd.min.js")))
                .append("\n</script>\n");
        d.append("<script>\n").append(Html.script(resource("report.js"))).append("\n</script>\n");
        return d.append("</body>\n</html>\n").toString();
    }

    private static void tocList(StringBuilder d, List<TocEntry> entries) {
        d.append("<ol>\n");
        for (TocEntry e : entries) {
            d.append("<li><a href=\"#")
                    .append(e.id())
                    .append("\">")
                    .append(Html.text(e.title()))
                    .append("</a>");
            if (!e.children().isEmpty()) {
                tocList(d, e.children());
            }
            d.append("</li>\n");
        }
        d.append("</ol>\n");
    }

    // ---- sections -------------------------------------------------------------------------------

    private List<TocEntry> open(String id, String title) {
        TocEntry entry = new TocEntry(id, title, new ArrayList<>());
        toc.add(entry);
        out.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(Html.text(title))
                .append("</h2>\n");
        return entry.children();
    }

    private void close() {
        out.append("</section>\n");
    }

    private void findings() {
        open("findings", "Headline findings");
        out.append("<ol class=\"headlines\">\n");
        if (report.findings().isEmpty()) {
            report.headlines()
                    .forEach(h -> out.append("<li>").append(Html.text(h)).append("</li>\n"));
        } else {
            // the plain statement for policy readers, the technical one beside it in smaller type
            report.findings()
                    .forEach(f -> out.append("<li><p class=\"plain\">")
                            .append(Html.text(f.plain()))
                            .append("</p>\n<p class=\"technical\">")
                            .append(Html.text(f.technical()))
                            .append("</p></li>\n"));
        }
        out.append("</ol>\n");
        if (report.citation() != null && !report.citation().isBlank()) {
            out.append(
                    "<p class=\"note\">The thesis tested, that the state level decides whether a state joins a "
                            + "norm's treaty, is that of the paper listed under <a href=\"#references\">References</a> [1].</p>\n");
        }
        out.append("<h3>What was run</h3>\n");
        metaList(report.meta());
        if (!report.omitted().isEmpty()) {
            out.append("<h3>Left out</h3>\n<ul class=\"omitted\">\n");
            report.omitted()
                    .forEach(o -> out.append("<li>").append(Html.text(o)).append("</li>\n"));
            out.append("</ul>\n");
        }
        close();
    }

    private void metaList(Meta m) {
        out.append("<dl class=\"meta\">\n");
        dl("Instrument", "<code>" + Html.text(m.instrument()) + "</code>");
        dl("Title", Html.text(m.title()));
        dl("normlab version", Html.text(m.version()));
        dl("Data digest (SHA-256)", "<code class=\"digest\">" + Html.text(m.dataDigest()) + "</code>");
        dl("Seed", Format.plain(m.seed()));
        dl("Replicates", Format.count(m.replicates()));
        dl("Created", Html.text(m.created()));
        if (m.parameters() != null) {
            m.parameters().forEach((k, v) -> dl(Html.text(k), Html.text(v)));
        }
        out.append("</dl>\n");
    }

    private void dl(String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    private void lifecycle() {
        List<TocEntry> sub = open("lifecycle", "Life cycle");
        LifeCycleSection lc = report.lifecycle();
        chart("lifecycle", 0);
        out.append("<dl class=\"facts\">\n");
        dl("Tipping year", lc.tippingYear() == null ? "not reached" : Format.plain(lc.tippingYear()));
        dl("Tipping rule", Html.text(lc.tippingRule()));
        out.append("</dl>\n");
        out.append("<div class=\"table-wrap\"><table class=\"stages\">\n<caption>Life-cycle stages</caption>\n")
                .append("<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\" class=\"num\">Start</th>")
                .append("<th scope=\"col\" class=\"num\">End</th><th scope=\"col\">Rule</th></tr></thead>\n<tbody>\n");
        for (StageRow s : lc.stages()) {
            out.append("<tr><th scope=\"row\">")
                    .append(Html.text(s.stage()))
                    .append("</th><td class=\"num\">")
                    .append(Format.plain(s.start()))
                    .append("</td><td class=\"num\">")
                    .append(s.end() == null ? "ongoing" : Format.plain(s.end()))
                    .append("</td><td>")
                    .append(Html.text(s.rule()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
        if (lc.bass() != null) {
            bass(lc.bass(), sub);
        }
        close();
    }

    private void bass(BassRow b, List<TocEntry> sub) {
        sub.add(new TocEntry("bass", "Bass diffusion fit", List.of()));
        out.append("<h3 id=\"bass\">Bass diffusion fit</h3>\n");
        if (StudyFigures.bassFailed(b)) {
            double observed = b.adopted();
            out.append(
                            "<p class=\"warning\"><strong>The Bass fit failed.</strong> Its market potential, <var>m</var> = ")
                    .append(Format.mean(b.m()))
                    .append(", is below the ")
                    .append(Format.count(Math.round(observed)))
                    .append(" consents already observed: the model describes a diffusion that has already been "
                            + "overtaken, so its curve is not drawn and its parameters are not read as the norm's "
                            + "eventual reach.</p>\n");
        }
        out.append("<p>").append(Html.text(b.text())).append("</p>\n");
        out.append("<div class=\"table-wrap\"><table class=\"bass narrow\">\n<caption>Bass model (")
                .append(Html.text(b.form()))
                .append(")</caption>\n")
                .append("<thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\" class=\"num\">Estimate</th>")
                .append("<th scope=\"col\" class=\"num\">Standard error</th></tr></thead>\n<tbody>\n");
        bassRow("<var>m</var>, market potential", Format.mean(b.m()), Format.mean(b.seM()));
        bassRow("<var>p</var>, innovation", Format.coefficient(b.p()), Format.coefficient(b.seP()));
        bassRow("<var>q</var>, imitation", Format.coefficient(b.q()), Format.coefficient(b.seQ()));
        out.append("</tbody></table></div>\n");
        chart("bass", 0);
    }

    private void bassRow(String label, String estimate, String se) {
        out.append("<tr><th scope=\"row\">")
                .append(label)
                .append("</th><td class=\"num\">")
                .append(estimate)
                .append("</td><td class=\"num\">")
                .append(se)
                .append("</td></tr>\n");
    }

    private void thesis() {
        List<TocEntry> sub = open("thesis", "The test of the thesis");
        ThesisSection t = report.thesis();
        if (!t.models().isEmpty()) {
            sub.add(new TocEntry("thesis-models", "Models", List.of()));
            out.append("<h3 id=\"thesis-models\">Models</h3>\n");
            regressionTable(tables.thesis(), "Hazard models of consent");
            sectionNotes(t.models(), tables.thesis());
        }
        if (!t.comparison().isEmpty()) {
            sub.add(new TocEntry("thesis-comparison", "Comparison", List.of()));
            out.append("<h3 id=\"thesis-comparison\">Comparison</h3>\n");
            comparisonTable(t.comparison());
        }
        if (!t.findings().isEmpty()) {
            sub.add(new TocEntry("thesis-findings", "Findings", List.of()));
            out.append("<h3 id=\"thesis-findings\">Findings</h3>\n");
            t.findings().forEach(f -> out.append("<p>").append(Html.text(f)).append("</p>\n"));
        }
        if (t.note() != null && !t.note().isBlank()) {
            out.append("<p class=\"note\">").append(Html.text(t.note())).append("</p>\n");
        }
        close();
    }

    /**
     * Models side by side, printed from the same {@link RegressionTable} as the Markdown and LaTeX
     * tables: labelled terms grouped by block, the value with its stars and the standard error or
     * interval beneath, the model statistics, and the note with the star legend under the table.
     */
    private void regressionTable(RegressionTable table, String caption) {
        RegressionTable.Layout t = table.layout();
        int columns = t.models().size() + 1;
        out.append("<div class=\"table-wrap\"><table class=\"regression\">\n<caption>")
                .append(Html.text(caption))
                .append("</caption>\n<thead><tr><th scope=\"col\">Term</th>");
        t.models()
                .forEach(m -> out.append("<th scope=\"col\" class=\"num\">")
                        .append(Html.text(m))
                        .append("</th>"));
        out.append("</tr></thead>\n");
        String level = null;
        for (RegressionTable.Row row : t.rows()) {
            if (!row.level().equals(level)) {
                if (level != null) {
                    out.append("</tbody>\n");
                }
                level = row.level();
                out.append("<tbody>\n<tr class=\"level\"><th scope=\"rowgroup\" colspan=\"")
                        .append(columns)
                        .append("\">")
                        .append(Html.text(level.equals(Variables.DOMESTIC) ? "domestic pressure" : level))
                        .append("</th></tr>\n");
            }
            out.append("<tr class=\"estimate\"><th scope=\"row\">")
                    .append(
                            row.label().equals(row.term())
                                    ? "<code>" + Html.text(row.term()) + "</code>"
                                    : "<span class=\"label\" title=\"" + Html.text(row.term()) + "\">"
                                            + Html.text(row.label()) + "</span>")
                    .append("</th>");
            StringBuilder second = new StringBuilder("<tr class=\"se\"><th scope=\"row\"><span class=\"sr\">")
                    .append(Html.text(row.label()))
                    .append(", ")
                    .append(row.seconds().stream().anyMatch(x -> x.startsWith("[")) ? "interval" : "standard error")
                    .append("</span></th>");
            for (int m = 0; m < row.values().size(); m++) {
                String value = row.values().get(m);
                // the marks after the number (stars; a dagger for a diverged estimate) sit in their own column
                out.append(
                        value.isEmpty()
                                ? "<td></td>"
                                : "<td class=\"num\">" + signed(value) + "<span class=\"stars\">"
                                        + Html.text(row.marks().get(m)) + "</span></td>");
                String se = row.seconds().get(m);
                second.append(
                        se.isEmpty()
                                ? "<td></td>"
                                : "<td class=\"num\">" + signed(se) + "<span class=\"stars\"></span></td>");
            }
            out.append("</tr>\n").append(second).append("</tr>\n");
        }
        if (level != null) {
            out.append("</tbody>\n");
        }
        out.append("<tbody class=\"fit\">\n");
        for (List<String> stat : t.statistics()) {
            out.append("<tr><th scope=\"row\">")
                    .append(Html.text(stat.get(0).equals("N") ? "N (state-years)" : stat.get(0)))
                    .append("</th>");
            stat.subList(1, stat.size())
                    .forEach(v -> out.append("<td class=\"num\">")
                            .append(statistic(v))
                            .append("<span class=\"stars\"></span></td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n<p class=\"note table-note\">")
                .append(Html.text(t.note()))
                .append("</p>\n");
        // separation and too few events per parameter, in visible text under the table
        t.warnings()
                .forEach(w -> out.append("<p class=\"warning separation\">")
                        .append(Html.text(w))
                        .append("</p>\n"));
    }

    /** A variable's label, with its name as a tooltip; a name without a label in code type. */
    private static String termLabel(String name) {
        String label = Variables.label(name);
        return label.equals(name)
                ? "<code>" + Html.text(name) + "</code>"
                : "<span class=\"label\" title=\"" + Html.text(name) + "\">" + Html.text(label) + "</span>";
    }

    /**
     * What the study says about its models beyond the table's own lines (a Firth refit, an
     * exploratory model), in visible text, and for an exploratory or separated model who did and who
     * did not, descriptively.
     */
    private void sectionNotes(List<ModelSection> models, RegressionTable table) {
        List<String> shown = table.warnings();
        for (ModelSection m : models) {
            m.warnings().stream()
                    .filter(w -> !shown.contains(w))
                    .forEach(w -> out.append("<p class=\"warning\">")
                            .append(Html.text(w))
                            .append("</p>\n"));
            if (m.pattern().isEmpty()) {
                continue;
            }
            out.append("<div class=\"table-wrap\"><table class=\"pattern narrow\">\n<caption>")
                    .append(Html.text(m.name()))
                    .append(m.exploratory() ? " (exploratory)" : "")
                    .append(": who did and who did not</caption>\n<thead><tr><th scope=\"col\">Term</th>")
                    .append("<th scope=\"col\" class=\"num\">Value</th>")
                    .append("<th scope=\"col\" class=\"num\">State-years</th>")
                    .append("<th scope=\"col\" class=\"num\">Events</th>")
                    .append("<th scope=\"col\">States with an event</th></tr></thead>\n<tbody>\n");
            for (StudyReport.PatternRow p : m.pattern()) {
                out.append("<tr><th scope=\"row\">")
                        .append(termLabel(p.term()))
                        .append("</th><td class=\"num\">")
                        .append(Format.plain(p.value()))
                        .append("</td><td class=\"num\">")
                        .append(Format.count(p.stateYears()))
                        .append("</td><td class=\"num\">")
                        .append(Format.count(p.events()))
                        .append("</td><td>")
                        .append(Html.text(String.join(", ", p.states())))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table></div>\n");
        }
    }

    /** A number of the table with a typographic minus, as the rest of the report prints numbers. */
    private static String signed(String number) {
        return Html.text(number.replaceAll("(?<![0-9eE])-(?=[0-9.])", "\u2212"));
    }

    /** A model statistic: counts with thousands separators, others as printed by the table. */
    private static String statistic(String v) {
        return v.matches("-?[0-9]+") ? Format.count(Long.parseLong(v)) : signed(v);
    }

    private void comparisonTable(List<ComparisonRow> rows) {
        out.append("<div class=\"table-wrap\"><table class=\"comparison\">\n")
                .append("<caption>In-sample fit and out-of-sample forecasts</caption>\n<thead>\n")
                .append(
                        "<tr><th scope=\"col\" rowspan=\"2\">Model</th><th scope=\"colgroup\" colspan=\"6\">In sample</th>")
                .append("<th scope=\"colgroup\" colspan=\"3\">Out of sample</th></tr>\n<tr>");
        for (String h :
                List.of("Log-likelihood", "AIC", "BIC", "LR statistic", "df", "p", "Log score", "Brier", "AUC")) {
            out.append("<th scope=\"col\" class=\"num\">").append(h).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        for (ComparisonRow r : rows) {
            out.append("<tr><th scope=\"row\">").append(Html.text(r.model())).append("</th>");
            cells(
                    Format.statistic(r.logLik()),
                    Format.statistic(r.aic()),
                    Format.statistic(r.bic()),
                    r.lrStatistic() == null ? "" : Format.statistic(r.lrStatistic()),
                    r.lrDf() == null ? "" : Format.count(r.lrDf()),
                    r.lrP() == null ? "" : Format.p(r.lrP()),
                    Format.score(r.logScore()),
                    Format.score(r.brier()),
                    Format.score(r.auc()));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private void cells(String... values) {
        for (String v : values) {
            out.append("<td class=\"num\">").append(Html.text(v)).append("</td>");
        }
    }

    private void withdrawal() {
        open("withdrawal", "Withdrawal model");
        ModelSection m = report.withdrawal();
        regressionTable(tables.withdrawal(), "Hazard model of withdrawal");
        sectionNotes(List.of(m), tables.withdrawal());
        out.append("<p>").append(Html.text(m.sentence())).append("</p>\n");
        close();
    }

    private void holdouts() {
        List<TocEntry> sub = open("holdouts", "Holdouts");
        out.append("<div class=\"table-wrap\"><table class=\"holdouts\">\n<caption>Every non-party and every state ")
                .append("that withdrew, in the year explained</caption>\n<thead><tr>");
        for (String h : List.of("ISO3", "Name", "Status", "Type")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("<th scope=\"col\" class=\"num\">Adherence</th><th scope=\"col\">Measures</th>");
        for (String h : List.of(
                "P(cell)", "Hazard", "Cumulative", "International", "Perception", "Domestic pressure", "Incentives")) {
            out.append("<th scope=\"col\" class=\"num\">").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Holdout h : report.holdouts()) {
            out.append("<tr><td><a href=\"#")
                    .append(holdoutId(h))
                    .append("\"><code>")
                    .append(Html.text(h.iso3()))
                    .append("</code></a></td><th scope=\"row\">")
                    .append(Html.text(h.name()))
                    .append("</th><td>")
                    .append(Html.text(h.status()))
                    .append("</td><td>")
                    .append(Html.text(h.type()))
                    .append("</td>")
                    .append("<td class=\"num\">")
                    .append(Format.count(h.adherence()))
                    .append("</td><td class=\"measures\">")
                    .append(h.measures().isEmpty() ? "" : Html.text(String.join("; ", h.measures())))
                    .append("</td>");
            cells(
                    h.typeProbability() == null ? "" : Format.probability(h.typeProbability()),
                    Format.probability(h.hazard()),
                    Format.probability(h.cumulative()),
                    Format.logit(h.international()),
                    Format.logit(h.perception()),
                    Format.logit(h.domestic()),
                    Format.logit(h.incentives()));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        chart("holdouts", 0);
        sub.add(new TocEntry("holdouts-explained", "Each holdout explained", List.of()));
        out.append("<h3 id=\"holdouts-explained\">Each holdout explained</h3>\n");
        for (Holdout h : report.holdouts()) {
            out.append("<details id=\"")
                    .append(holdoutId(h))
                    .append("\">\n<summary><strong>")
                    .append(Html.text(h.name()))
                    .append("</strong> <code>")
                    .append(Html.text(h.iso3()))
                    .append("</code> \u00b7 <span class=\"type\">")
                    .append(Html.text(cardLabel(h)))
                    .append("</span></summary>\n")
                    .append("<p>")
                    .append(Html.text(h.sentence()))
                    .append("</p>\n<dl class=\"facts\">\n");
            dl("Status", Html.text(h.status()));
            dl("Year explained", Format.plain(h.year()));
            dl("Type", Html.text(h.type()) + (h.typeMeaning() == null ? "" : ": " + Html.text(h.typeMeaning())));
            dl("Adherence", Format.count(h.adherence()));
            if (!h.measures().isEmpty()) {
                dl("Measures", Html.text(String.join("; ", h.measures())));
            }
            out.append("</dl>\n");
            if (h.contributions() != null && !h.contributions().isEmpty()) {
                out.append("<table class=\"contributions narrow\">\n<caption>Contribution per variable (logit units)")
                        .append("</caption>\n<tbody>\n");
                h.contributions()
                        .forEach((k, v) -> out.append("<tr><th scope=\"row\">")
                                .append(termLabel(k))
                                .append("</th><td class=\"num\">")
                                .append(v == null ? "" : Format.logit(v))
                                .append("</td></tr>\n"));
                out.append("</tbody>\n</table>\n");
            }
            out.append("</details>\n");
        }
        close();
    }

    /** The one label a holdout's card shows: its type, or its status when it has none. */
    private static String cardLabel(Holdout h) {
        return h.type() == null || h.type().isBlank() ? h.status() : h.type();
    }

    private static String holdoutId(Holdout h) {
        return "holdout-" + Html.id(h.iso3());
    }

    private void replay() {
        open("replay", "Replay of history");
        Replay r = report.replay();
        chart("replay", 0);
        out.append("<p>").append(Html.text(r.sentence())).append("</p>\n");
        close();
    }

    private void counterfactuals() {
        List<TocEntry> sub = open("counterfactuals", "Counterfactuals");
        List<Counterfactual> all = report.counterfactuals();
        for (int i = 0; i < all.size(); i++) {
            Counterfactual c = all.get(i);
            String id = "cf-" + Html.id(c.id()) + "-" + (i + 1);
            sub.add(new TocEntry(id, c.id(), List.of()));
            out.append("<article class=\"counterfactual\" id=\"")
                    .append(id)
                    .append("\">\n<h3><code>")
                    .append(Html.text(c.id()))
                    .append("</code></h3>\n<p class=\"question\">")
                    .append(Html.text(c.question()))
                    .append("</p>\n<p class=\"answer\"><strong>")
                    .append(Html.text(c.answer()))
                    .append("</strong></p>\n");
            if (c.verdict() != null && !c.verdict().isBlank()) {
                out.append("<p class=\"verdict\">")
                        .append(Html.text(c.verdict()))
                        .append("</p>\n");
            }
            out.append("<p class=\"note\">")
                    .append(Html.text(
                            "historical".equals(c.timing())
                                    ? "Historical question: simulated from " + c.start()
                                            + ", the year the condition began, and read beside what happened"
                                    : "Forward-looking question: simulated from " + c.start()
                                            + ", after the last data year, from each state's observed status"))
                    .append(
                            c.observed() == null || c.states().isEmpty()
                                    ? ""
                                    : Html.text("; in the last data year " + Format.mean(c.observed()) + " of the "
                                            + c.states().size() + " states concerned were "
                                            + ("withdrawn".equals(c.counts()) ? "withdrawn" : "party")))
                    .append(". The series count ")
                    .append(Html.text(StudyFigures.counted(c)))
                    .append(" (")
                    .append(Html.text(c.unit()))
                    .append(").</p>\n<div class=\"chart-grid\">\n");
            chart("cf-parties", i);
            chart("cf-difference", i);
            out.append("</div>\n");
            if (!c.focus().isEmpty()) {
                chart("cf-focus", i);
            }
            out.append("<details class=\"scenario\">\n<summary>Scenario file</summary>\n<pre><code>")
                    .append(Html.text(c.scenario()))
                    .append("</code></pre>\n</details>\n</article>\n");
        }
        close();
    }

    /** The works the report refers to, in full: the paper whose thesis the study tests. */
    private void references() {
        if (report.citation() == null || report.citation().isBlank()) {
            return;
        }
        open("references", "References");
        out.append("<ol class=\"references\">\n<li id=\"ref-paper\">")
                .append(Html.text(report.citation()))
                .append("</li>\n</ol>\n");
        close();
    }

    private void reproducibility() {
        open("reproducibility", "Reproducibility");
        Meta m = report.meta();
        metaList(m);
        out.append(
                        "<p>To run the study again with the same data, seed and replicates:</p>\n<pre class=\"command\"><code>")
                .append(Html.text("./normlab study --instrument " + shellWord(m.instrument()) + " --seed " + m.seed()
                        + " --replicates " + m.replicates()))
                .append("</code></pre>\n");
        close();
    }

    /** A word a POSIX shell reads back unchanged. */
    private static String shellWord(String s) {
        String w = s == null ? "" : s;
        return w.matches("[A-Za-z0-9_.,:/=+-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /**
     * A placeholder the inlined script draws a chart into, from the JSON data, with the axis titles
     * and caption of the {@link StudyFigure} the study also writes as files ({@code data-file}).
     */
    private void chart(String kind, int index) {
        StudyFigure f = figures.get(kind + "#" + index);
        if (f == null) {
            throw new IllegalStateException("no figure " + kind + " " + index + " for the report");
        }
        charts++;
        out.append("<figure class=\"figure\">\n<div class=\"chart chart-")
                .append(kind)
                .append("\" data-chart=\"")
                .append(kind)
                .append("\" data-index=\"")
                .append(index)
                .append("\" data-file=\"")
                .append(Html.text(f.file()))
                .append("\" data-x-title=\"")
                .append(Html.text(f.figure().xLabel()))
                .append("\" data-y-title=\"")
                .append(Html.text(f.figure().yLabel()))
                .append("\"");
        if (kind.equals("bass")) {
            out.append(" data-bass-failed=\"")
                    .append(StudyFigures.bassFailed(report.lifecycle().bass()))
                    .append("\"");
        }
        if (kind.equals("cf-focus")) {
            out.append(" data-probability=\"")
                    .append(StudyFigures.focusIsProbability(
                            report.counterfactuals().get(index)))
                    .append("\"");
        }
        out.append(" role=\"img\" aria-label=\"")
                .append(Html.text(f.label()))
                .append("\"></div>\n<figcaption>")
                .append(Html.text(f.caption()))
                .append(" <span class=\"figure-file\">File: <code>tables/")
                .append(Html.text(f.file()))
                .append(".svg</code>, <code>.png</code></span></figcaption>\n</figure>\n");
    }

    private static String resource(String name) {
        try (InputStream in = ReportRenderer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("normlab-report: " + RESOURCES + name + " is not on the classpath; "
                        + "build normlab-report with Maven, which installs Chart.js from npm and copies it there");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("normlab-report: cannot read " + RESOURCES + name, e);
        }
    }
}
