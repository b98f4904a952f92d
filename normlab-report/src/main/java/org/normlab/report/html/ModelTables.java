package org.normlab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.panel.Variables;
import org.normlab.report.FitNotes;
import org.normlab.report.RegressionTable;
import org.normlab.study.Study;
import org.normlab.study.StudyReport;

/**
 * The study's regression tables, built once and printed everywhere: the HTML report, and
 * {@code tables/models.md}, {@code models.tex} and {@code withdrawal.tex}. Terms carry the labels of
 * {@link Variables#label}. Immutable.
 *
 * @param thesis     the models of consent side by side
 * @param withdrawal the withdrawal model, or null
 */
public record ModelTables(RegressionTable thesis, RegressionTable withdrawal) {
    /** The tables of a study's fitted models. */
    public static ModelTables of(Study.Outcome outcome) {
        if (outcome.thesis().isEmpty()) {
            return of(outcome.report());
        }
        return new ModelTables(
                labelled(outcome.thesis().stream()
                        .map(RegressionTable.Column::of)
                        .toList()),
                outcome.withdrawal() == null
                        ? null
                        : labelled(List.of(RegressionTable.Column.of(outcome.withdrawal()))));
    }

    /** The tables of a report's model sections, for a report rendered without its fits. */
    public static ModelTables of(StudyReport report) {
        return new ModelTables(
                labelled(report.thesis().models().stream()
                        .map(ModelTables::column)
                        .toList()),
                report.withdrawal() == null ? null : labelled(List.of(column(report.withdrawal()))));
    }

    /** A table of these columns with every term labelled. */
    public static RegressionTable labelled(List<RegressionTable.Column> columns) {
        Set<String> terms = new LinkedHashSet<>();
        columns.forEach(c -> terms.addAll(c.terms()));
        return RegressionTable.ofColumns(columns).withLabels(Variables.labels(terms));
    }

    private static RegressionTable.Column column(StudyReport.ModelSection m) {
        int k = m.terms().size();
        List<String> names = new ArrayList<>(k);
        double[] b = new double[k];
        double[] se = new double[k];
        double[] p = new double[k];
        List<String> diverged = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            StudyReport.Term t = m.terms().get(i);
            names.add(t.name());
            b[i] = t.estimate();
            se[i] = t.se();
            p[i] = t.p();
            // the fit gives a diverged term (separation) no p value while its estimate stays a number
            if (Double.isNaN(t.p()) && !Double.isNaN(t.estimate())) {
                diverged.add(t.name());
            }
        }
        return new RegressionTable.Column(
                m.name(),
                names,
                b,
                se,
                p,
                Map.of(),
                m.n(),
                m.events(),
                m.logLik(),
                m.aic(),
                m.bic(),
                Double.NaN,
                m.method() == null ? "" : m.method(),
                diverged,
                diverged.isEmpty()
                        ? List.of()
                        : List.of(FitNotes.DAGGER + " separated terms in model " + m.name() + ": "
                                + String.join(", ", diverged)
                                + ". Their estimates diverge: standard errors and p values are meaningless and no "
                                + "stars are shown. A refit with Firth's penalty gives finite, penalised estimates."));
    }
}
