package org.normlab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.normlab.analysis.ModelFit;
import org.normlab.effects.Interval;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.HazardEstimate;

/**
 * Regression tables as international-relations papers print them: one column per model,
 * coefficients (or odds ratios) with significance stars and standard errors (or confidence
 * intervals) beneath, then N, events, log-likelihood, AIC and BIC, and for shared-frailty models
 * the frailty's standard deviation; a note states the link, the standard errors and the star
 * legend. Terms can carry labels. Rendered as Markdown or LaTeX (booktabs); the HTML report draws
 * its own table from the study's model sections.
 * Immutable; the {@code with} methods return new tables.
 */
public final class RegressionTable {
    private final List<Column> columns;
    private final boolean exponentiate;
    private final Map<String, String> labels;
    private final String intervalNote;

    /**
     * One model of the table. Immutable.
     *
     * @param name           column heading
     * @param terms          coefficient names, intercept first
     * @param estimates      coefficients
     * @param se             their standard errors
     * @param p              two-sided p-values
     * @param intervals      confidence intervals by term (coefficient scale), or empty
     * @param n              state-years
     * @param events         events
     * @param logLikelihood  log-likelihood (marginal for frailty models)
     * @param aic            AIC
     * @param bic            BIC
     * @param frailtySd      standard deviation of the shared frailty, or NaN without one
     * @param note           how the model was estimated, for the note under the table
     * @param diverged       terms whose estimates diverged under separation: marked with {@link
     *                       FitNotes#DAGGER} and never given stars
     * @param notes          lines the reader must see with the table ({@link FitNotes#lines})
     */
    public record Column(
            String name,
            List<String> terms,
            double[] estimates,
            double[] se,
            double[] p,
            Map<String, Interval> intervals,
            int n,
            int events,
            double logLikelihood,
            double aic,
            double bic,
            double frailtySd,
            String note,
            List<String> diverged,
            List<String> notes) {
        public Column {
            terms = List.copyOf(terms);
            intervals = Map.copyOf(intervals);
            diverged = List.copyOf(diverged);
            notes = List.copyOf(notes);
        }

        /** A column without separated terms or notes. */
        public Column(
                String name,
                List<String> terms,
                double[] estimates,
                double[] se,
                double[] p,
                Map<String, Interval> intervals,
                int n,
                int events,
                double logLikelihood,
                double aic,
                double bic,
                double frailtySd,
                String note) {
            this(
                    name,
                    terms,
                    estimates,
                    se,
                    p,
                    intervals,
                    n,
                    events,
                    logLikelihood,
                    aic,
                    bic,
                    frailtySd,
                    note,
                    List.of(),
                    List.of());
        }

        /** The column of a fitted hazard model. */
        public static Column of(ModelFit f) {
            HazardEstimate e = f.estimate();
            String method =
                    e.firth() ? "Firth-penalised (mean bias-reduced) " : e.ridge() > 0 ? "ridge-penalised " : "";
            return new Column(
                    f.name(),
                    e.names(),
                    e.coefficients(),
                    e.standardErrors(),
                    e.pValues(),
                    Map.of(),
                    e.n(),
                    e.events(),
                    e.logLikelihood(),
                    e.aic(),
                    e.bic(),
                    Double.NaN,
                    method + e.link().label() + " link; standard errors: " + e.seDescription(),
                    e.divergedTerms(),
                    FitNotes.lines(f.name(), e));
        }

        /** The column of a shared-frailty model. */
        public static Column of(String name, FrailtyEstimate e) {
            return new Column(
                    name + " (frailty)",
                    e.coefficientNames(),
                    e.coefficients(),
                    e.coefficientStandardErrors(),
                    e.pValues(),
                    Map.of(),
                    e.n(),
                    e.events(),
                    e.logLikelihood(),
                    e.aic(),
                    e.bic(),
                    e.sigma(),
                    e.link().label() + " link with a normal shared frailty by state "
                            + "(adaptive Gauss-Hermite quadrature); model-based standard errors",
                    e.divergedTerms(),
                    FitNotes.lines(name + " (frailty)", e));
        }

        /** This column with confidence intervals. */
        public Column withIntervals(List<Interval> list) {
            Map<String, Interval> m = new java.util.LinkedHashMap<>();
            list.forEach(i -> m.put(i.term(), i));
            return new Column(
                    name,
                    terms,
                    estimates,
                    se,
                    p,
                    m,
                    n,
                    events,
                    logLikelihood,
                    aic,
                    bic,
                    frailtySd,
                    note,
                    diverged,
                    notes);
        }
    }

    private RegressionTable(
            List<Column> columns, boolean exponentiate, Map<String, String> labels, String intervalNote) {
        this.columns = List.copyOf(columns);
        this.exponentiate = exponentiate;
        this.labels = Map.copyOf(labels);
        this.intervalNote = intervalNote;
    }

    public static RegressionTable of(List<ModelFit> fits) {
        return ofColumns(fits.stream().map(Column::of).toList());
    }

    public static RegressionTable ofColumns(List<Column> columns) {
        return new RegressionTable(columns, false, Map.of(), "");
    }

    /** The same table with exp(coefficient): odds ratios (logit) or hazard ratios (cloglog). */
    public RegressionTable withExponentiated(boolean on) {
        return new RegressionTable(columns, on, labels, intervalNote);
    }

    /** The same table with labels for terms (terms without a label keep their name). */
    public RegressionTable withLabels(Map<String, String> termLabels) {
        return new RegressionTable(columns, exponentiate, termLabels, intervalNote);
    }

    /** The same table showing the columns' intervals instead of standard errors, described by {@code note}. */
    public RegressionTable withIntervalNote(String note) {
        return new RegressionTable(columns, exponentiate, labels, note);
    }

    /** Stars for a two-sided p value: *** below 0.001, ** below 0.01, * below 0.05. */
    public static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
    }

    /** Every term, grouped by block in the order of the argument (baseline, international, perception, ...). */
    private List<String> terms() {
        Set<String> all = new LinkedHashSet<>();
        columns.forEach(c -> all.addAll(c.terms()));
        List<String> blocks = new ArrayList<>(List.of(org.normlab.panel.Variables.BASELINE));
        blocks.addAll(org.normlab.panel.Variables.BLOCKS);
        List<String> out = new ArrayList<>(all);
        out.sort(java.util.Comparator.comparingInt(t -> blocks.indexOf(org.normlab.panel.Variables.level(t))));
        return out;
    }

    private String label(String term) {
        return labels.getOrDefault(term, term);
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private String[] cell(Column c, String term) {
        int i = c.terms().indexOf(term);
        if (i < 0 || Double.isNaN(c.estimates()[i])) {
            return new String[] {"", "", ""};
        }
        double b = c.estimates()[i];
        double value = exponentiate ? Math.exp(b) : b;
        String second;
        Interval ci = c.intervals().get(term);
        if (ci != null) {
            Interval shown = exponentiate ? ci.exp() : ci;
            second = "[" + num(shown.lower(), 3) + ", " + num(shown.upper(), 3) + "]";
        } else {
            // the delta-method standard error of exp(b) is exp(b) * se(b)
            second = "(" + num(exponentiate ? value * c.se()[i] : c.se()[i], 3) + ")";
        }
        boolean diverged = c.diverged().contains(term);
        return new String[] {num(value, 3), diverged ? FitNotes.DAGGER : stars(c.p()[i]), second};
    }

    private List<String[]> footer() {
        List<String[]> rows = new ArrayList<>();
        rows.add(stat("N", c -> Integer.toString(c.n())));
        rows.add(stat("Events", c -> Integer.toString(c.events())));
        rows.add(stat("Log-likelihood", c -> num(c.logLikelihood(), 2)));
        rows.add(stat("AIC", c -> num(c.aic(), 2)));
        rows.add(stat("BIC", c -> num(c.bic(), 2)));
        if (columns.stream().anyMatch(c -> !Double.isNaN(c.frailtySd()))) {
            rows.add(stat("Frailty SD", c -> num(c.frailtySd(), 3)));
        }
        return rows;
    }

    private String[] stat(String label, java.util.function.Function<Column, String> value) {
        String[] r = new String[columns.size() + 1];
        r[0] = label;
        for (int m = 0; m < columns.size(); m++) {
            r[m + 1] = value.apply(columns.get(m));
        }
        return r;
    }

    /** The note under the table: estimation, what the cells show, the star legend. */
    public String note() {
        List<String> notes = new ArrayList<>(
                new LinkedHashSet<>(columns.stream().map(Column::note).toList()));
        String shown = exponentiate
                ? "Exponentiated coefficients (odds ratios for logit, hazard ratios for cloglog)"
                : "Coefficients";
        boolean anyCi = columns.stream().anyMatch(c -> !c.intervals().isEmpty());
        String second = anyCi
                ? intervalNote + " in brackets"
                : exponentiate ? "delta-method standard errors in parentheses" : "standard errors in parentheses";
        String legend = "Discrete-time hazard models, " + String.join("; ", notes) + ". " + shown + "; " + second
                + ". * p < 0.05, ** p < 0.01, *** p < 0.001.";
        if (columns.stream().anyMatch(c -> !c.diverged().isEmpty())) {
            legend += " " + FitNotes.DAGGER_NOTE;
        }
        return legend;
    }

    /** The lines every reader must see with the table (separation, exploratory models), one per line. */
    public List<String> warnings() {
        return columns.stream().flatMap(c -> c.notes().stream()).distinct().toList();
    }

    /**
     * One term's row of the table as printed.
     *
     * @param term    the coefficient's name
     * @param label   its label (the name when it has none)
     * @param level   its block ({@link org.normlab.panel.Variables#level})
     * @param values  per model the shown value, or "" where the model lacks the term
     * @param marks   per model its stars, or {@link FitNotes#DAGGER} for a diverged estimate, or ""
     * @param seconds per model the standard error in parentheses or the interval in brackets, or ""
     */
    public record Row(
            String term, String label, String level, List<String> values, List<String> marks, List<String> seconds) {
        public Row {
            values = List.copyOf(values);
            marks = List.copyOf(marks);
            seconds = List.copyOf(seconds);
        }
    }

    /**
     * The table as printed, for renderers of other formats (the HTML report): the same cells as
     * {@link #markdown()} and {@link #latex()}.
     *
     * @param models     column headings
     * @param rows       the terms, grouped by block
     * @param statistics rows of model statistics: the label first, then one value per model
     * @param note       {@link #note()}
     * @param warnings   {@link #warnings()}
     */
    public record Layout(
            List<String> models, List<Row> rows, List<List<String>> statistics, String note, List<String> warnings) {
        public Layout {
            models = List.copyOf(models);
            rows = List.copyOf(rows);
            statistics = statistics.stream().map(List::copyOf).toList();
            warnings = List.copyOf(warnings);
        }
    }

    /** The table's cells, for a renderer of another format. */
    public Layout layout() {
        List<Row> rows = new ArrayList<>();
        for (String t : terms()) {
            List<String> values = new ArrayList<>();
            List<String> marks = new ArrayList<>();
            List<String> seconds = new ArrayList<>();
            for (Column c : columns) {
                String[] cell = cell(c, t);
                values.add(cell[0]);
                marks.add(cell[1]);
                seconds.add(cell[2]);
            }
            rows.add(new Row(t, label(t), org.normlab.panel.Variables.level(t), values, marks, seconds));
        }
        return new Layout(
                columns.stream().map(Column::name).toList(),
                rows,
                footer().stream().map(List::of).toList(),
                note(),
                warnings());
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("| |");
        columns.forEach(f -> b.append(" ").append(f.name()).append(" |"));
        b.append("\n|---|");
        columns.forEach(f -> b.append("---:|"));
        b.append("\n");
        for (String t : terms()) {
            String l = label(t);
            StringBuilder est = new StringBuilder(l.equals(t) ? "| `" + t + "` |" : "| " + l + " |");
            StringBuilder se = new StringBuilder("| |");
            for (Column c : columns) {
                String[] cell = cell(c, t);
                est.append(" ").append(cell[0]).append(cell[1]).append(" |");
                se.append(" ").append(cell[2]).append(" |");
            }
            b.append(est).append("\n").append(se).append("\n");
        }
        for (String[] r : footer()) {
            b.append("| ").append(r[0]).append(" |");
            for (int m = 1; m < r.length; m++) {
                b.append(" ").append(r[m]).append(" |");
            }
            b.append("\n");
        }
        b.append("\n").append(note()).append("\n");
        warnings().forEach(w -> b.append("\n").append(w).append("\n"));
        return b.toString();
    }

    public String latex() {
        StringBuilder b = new StringBuilder();
        b.append("\\begin{table}[htbp]\n\\centering\n\\begin{tabular}{l")
                .append("r".repeat(columns.size()))
                .append("}\n\\toprule\n");
        columns.forEach(f -> b.append(" & ").append(tex(f.name())));
        b.append(" \\\\\n\\midrule\n");
        for (String t : terms()) {
            String l = label(t);
            StringBuilder est = new StringBuilder(l.equals(t) ? "\\texttt{" + tex(t) + "}" : tex(l));
            StringBuilder se = new StringBuilder();
            for (Column c : columns) {
                String[] cell = cell(c, t);
                String value = cell[0];
                String mark = cell[1].equals(FitNotes.DAGGER) ? "\\dagger" : cell[1];
                est.append(" & ")
                        .append(value.isEmpty() ? "" : "$" + value + (mark.isEmpty() ? "" : "^{" + mark + "}") + "$");
                se.append(" & ").append(cell[2]);
            }
            b.append(est).append(" \\\\\n").append(se).append(" \\\\\n");
        }
        b.append("\\midrule\n");
        for (String[] r : footer()) {
            b.append(r[0]);
            for (int m = 1; m < r.length; m++) {
                b.append(" & ").append(r[m]);
            }
            b.append(" \\\\\n");
        }
        StringBuilder caption = new StringBuilder(tex(note()).replace(FitNotes.DAGGER, "$^\\dagger$"));
        warnings().forEach(w -> caption.append(" ").append(tex(w).replace(FitNotes.DAGGER, "$^\\dagger$")));
        b.append("\\bottomrule\n\\end{tabular}\n\\caption{").append(caption).append("}\n\\end{table}\n");
        return b.toString();
    }

    static String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '_', '&', '%', '#', '$', '{', '}' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
