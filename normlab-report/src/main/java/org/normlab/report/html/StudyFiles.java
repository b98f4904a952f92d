package org.normlab.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.normlab.data.SafeText;
import org.normlab.output.AtomicOutput;
import org.normlab.report.plot.Plots;
import org.normlab.report.plot.StudyFigures;
import org.normlab.study.Study;
import org.normlab.study.StudyReport;

/**
 * Writes a study's files: {@code report.html}, {@code tables/*.csv}, {@code tables/*.tex} and
 * {@code tables/*.md} (the report's model tables, from the same {@link ModelTables}), every report
 * figure as {@code tables/*.svg} and {@code tables/*.png} beside its table, the
 * scenario files it ran and {@code manifest.json}. Every file is written from the study's outcome.
 */
public final class StudyFiles {
    private StudyFiles() {}

    /** Writes everything into {@code dir} (created if needed) and returns the files written. */
    public static List<Path> write(Study.Outcome outcome, Path dir) {
        try {
            Path tables = Files.createDirectories(dir.resolve("tables"));
            Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
            List<Path> files = new ArrayList<>();
            StudyReport r = outcome.report();
            // one set of tables for the report, Markdown and LaTeX
            ModelTables models = ModelTables.of(outcome);
            files.add(text(dir.resolve("report.html"), ReportRenderer.render(r, models)));
            files.add(lifecycle(r.lifecycle(), tables.resolve("lifecycle.csv")));
            files.add(stages(r.lifecycle(), tables.resolve("stages.csv")));
            files.add(models(r.thesis().models(), tables.resolve("models.csv")));
            files.add(text(tables.resolve("models.tex"), models.thesis().latex()));
            files.add(text(tables.resolve("models.md"), models.thesis().markdown()));
            files.add(comparison(r.thesis().comparison(), tables.resolve("comparison.csv")));
            if (r.withdrawal() != null) {
                files.add(models(List.of(r.withdrawal()), tables.resolve("withdrawal.csv")));
                files.add(text(
                        tables.resolve("withdrawal.tex"), models.withdrawal().latex()));
                files.add(text(
                        tables.resolve("withdrawal.md"), models.withdrawal().markdown()));
            }
            files.add(holdouts(r.holdouts(), tables.resolve("holdouts.csv")));
            if (r.replay() != null) {
                files.add(replay(r.replay(), tables.resolve("replay.csv")));
            }
            for (StudyReport.Counterfactual c : r.counterfactuals()) {
                files.add(counterfactual(c, tables.resolve("counterfactual_" + c.id() + ".csv")));
            }
            for (Map.Entry<String, String> e : outcome.scenarios().entrySet()) {
                files.add(text(scenarios.resolve(e.getKey() + ".yaml"), e.getValue()));
            }
            files.addAll(figures(r, tables));
            files.add(manifest(outcome, dir, files));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study to " + dir, e);
        }
    }

    /** Every report figure ({@link StudyFigures#of}) as SVG and PNG beside its table. */
    private static List<Path> figures(StudyReport r, Path tables) {
        List<Path> files = new ArrayList<>();
        for (StudyFigures.StudyFigure f : StudyFigures.of(r)) {
            files.add(Plots.write(f.figure(), tables.resolve(f.file() + ".svg")));
            files.add(Plots.write(f.figure(), tables.resolve(f.file() + ".png")));
        }
        return files;
    }

    private static Path text(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private interface Rows {
        void print(Records p) throws IOException;
    }

    /** Where {@link Rows} print; every cell passes through {@link SafeText#csvValue}. */
    private interface Records {
        void printRecord(Object... values) throws IOException;
    }

    private static Path csv(Path file, List<String> header, Rows rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            p.printRecord(header);
            rows.print(values -> p.printRecord(SafeText.csvRecord(values)));
        }
        return file;
    }

    private static Path lifecycle(StudyReport.LifeCycleSection l, Path file) throws IOException {
        return csv(file, List.of("year", "states", "signatories", "parties", "withdrawn"), p -> {
            for (int i = 0; i < l.years().length; i++) {
                p.printRecord(
                        l.years()[i],
                        l.states()[i],
                        l.signatories() == null ? "" : l.signatories()[i],
                        l.parties()[i],
                        l.withdrawn() == null ? "" : l.withdrawn()[i]);
            }
        });
    }

    private static Path stages(StudyReport.LifeCycleSection l, Path file) throws IOException {
        return csv(file, List.of("stage", "start", "end", "rule"), p -> {
            for (StudyReport.StageRow s : l.stages()) {
                p.printRecord(s.stage(), s.start(), s.end() == null ? "" : s.end(), s.rule());
            }
        });
    }

    private static Path models(List<StudyReport.ModelSection> models, Path file) throws IOException {
        return csv(
                file,
                List.of(
                        "model",
                        "term",
                        "level",
                        "estimate",
                        "se",
                        "p",
                        "stars",
                        "n",
                        "events",
                        "loglik",
                        "aic",
                        "bic"),
                p -> {
                    for (StudyReport.ModelSection m : models) {
                        for (StudyReport.Term t : m.terms()) {
                            p.printRecord(
                                    m.name(),
                                    t.name(),
                                    t.level(),
                                    t.estimate(),
                                    t.se(),
                                    t.p(),
                                    t.stars(),
                                    m.n(),
                                    m.events(),
                                    m.logLik(),
                                    m.aic(),
                                    m.bic());
                        }
                    }
                });
    }

    private static Path comparison(List<StudyReport.ComparisonRow> rows, Path file) throws IOException {
        return csv(
                file,
                List.of("model", "loglik", "aic", "bic", "lr_statistic", "lr_df", "lr_p", "log_score", "brier", "auc"),
                p -> {
                    for (StudyReport.ComparisonRow r : rows) {
                        p.printRecord(
                                r.model(),
                                r.logLik(),
                                r.aic(),
                                r.bic(),
                                r.lrStatistic() == null ? "" : r.lrStatistic(),
                                r.lrDf() == null ? "" : r.lrDf(),
                                r.lrP() == null ? "" : r.lrP(),
                                r.logScore(),
                                r.brier(),
                                r.auc());
                    }
                });
    }

    private static Path holdouts(List<StudyReport.Holdout> rows, Path file) throws IOException {
        return csv(
                file,
                List.of(
                        "iso3",
                        "name",
                        "status",
                        "type",
                        "type_probability",
                        "adherence",
                        "measures",
                        "year",
                        "hazard",
                        "cumulative",
                        "international",
                        "perception",
                        "domestic",
                        "incentives"),
                p -> {
                    for (StudyReport.Holdout h : rows) {
                        p.printRecord(
                                h.iso3(),
                                h.name(),
                                h.status(),
                                h.type(),
                                h.typeProbability() == null ? "" : h.typeProbability(),
                                h.adherence(),
                                String.join("; ", h.measures()),
                                h.year(),
                                h.hazard(),
                                h.cumulative(),
                                h.international(),
                                h.perception(),
                                h.domestic(),
                                h.incentives());
                    }
                });
    }

    private static Path replay(StudyReport.Replay r, Path file) throws IOException {
        return csv(file, List.of("year", "observed", "mean", "q05", "q25", "q50", "q75", "q95"), p -> {
            for (int i = 0; i < r.years().length; i++) {
                p.printRecord(
                        r.years()[i],
                        r.observed()[i] == null ? "" : r.observed()[i],
                        r.mean()[i],
                        r.q05()[i],
                        r.q25()[i],
                        r.q50()[i],
                        r.q75()[i],
                        r.q95()[i]);
            }
        });
    }

    private static Path counterfactual(StudyReport.Counterfactual c, Path file) throws IOException {
        List<String> header =
                new ArrayList<>(List.of("year", "baseline_mean", "scenario_mean", "diff_mean", "diff_q05", "diff_q95"));
        for (StudyReport.FocusRow f : c.focus()) {
            header.add(f.label() + " baseline");
            header.add(f.label() + " scenario");
        }
        return csv(file, header, p -> {
            for (int i = 0; i < c.years().length; i++) {
                List<Object> row = new ArrayList<>(List.of(
                        c.years()[i],
                        c.baseline()[i],
                        c.scenarioMean()[i],
                        c.diffMean()[i],
                        c.diffLow()[i],
                        c.diffHigh()[i]));
                for (StudyReport.FocusRow f : c.focus()) {
                    row.add(f.baseline()[i]);
                    row.add(f.scenario()[i]);
                }
                p.printRecord(row.toArray());
            }
        });
    }

    private static Path manifest(Study.Outcome outcome, Path dir, List<Path> files) throws IOException {
        Path file = dir.resolve(AtomicOutput.MANIFEST);
        StudyReport.Meta m = outcome.report().meta();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("normlab_version", m.version());
        doc.put("data_digest", m.dataDigest());
        doc.put("instrument", m.instrument());
        doc.put("seed", m.seed());
        doc.put("replicates", m.replicates());
        doc.put("created", m.created());
        doc.put("parameters", m.parameters());
        doc.put("random_generator", "L64X128MixRandom, split per replicate and mechanism");
        doc.put("scenarios", outcome.scenarios());
        doc.put("omitted", outcome.report().omitted());
        // The files of this run: normlab replaces a folder only when it wrote every file in it.
        doc.put("files", files.stream().map(f -> AtomicOutput.relative(dir, f)).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        return file;
    }
}
