package org.normlab.report.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.normlab.analysis.Explanation;
import org.normlab.estimate.CalibrationBin;
import org.normlab.sim.CountHistogram;
import org.normlab.sim.EnsembleResult;
import org.normlab.study.StudyReport;

/**
 * The figures normlab writes as files: the same charts as the report (life cycle, ensemble bands,
 * calibration, contributions), from the results the commands compute. Stateless and thread safe.
 */
public final class Figures {
    private Figures() {}

    /**
     * States, signatories, parties and withdrawn states by year; a series that does not apply (null,
     * e.g. no signatures for an instrument joined by accession only) is left out.
     */
    public static Figure lifecycle(
            String instrument, int[] years, int[] states, int[] signatories, int[] parties, int[] withdrawn) {
        double[] x = toDouble(years);
        List<Figure.Line> lines = new ArrayList<>();
        lines.add(new Figure.Line("states in the system", Palette.STATES, x, toDouble(states), true, false));
        if (signatories != null) {
            lines.add(new Figure.Line("signatories", Palette.SIGNATORIES, x, toDouble(signatories), false, false));
        }
        lines.add(new Figure.Line("parties", Palette.PARTIES, x, toDouble(parties), false, false));
        if (withdrawn != null) {
            lines.add(new Figure.Line("withdrawn", Palette.WITHDRAWN, x, toDouble(withdrawn), false, false));
        }
        return new Figure(
                "Life cycle of " + instrument,
                StudyFigures.YEAR,
                "Number of states (end of year)",
                lines,
                List.of(),
                List.of(),
                false);
    }

    /**
     * Parties by year in an ensemble: the mean and the 5-95 % band, with an optional second ensemble
     * (the baseline) and an observed curve (NaN where not observed).
     */
    public static Figure band(
            String title,
            int[] years,
            double[] mean,
            double[] q05,
            double[] q95,
            String name,
            Color colour,
            double[] baselineMean,
            double[] baselineQ05,
            double[] baselineQ95,
            double[] observed) {
        double[] x = toDouble(years);
        List<Figure.Line> lines = new ArrayList<>();
        List<Figure.Band> bands = new ArrayList<>();
        if (baselineMean != null) {
            lines.add(new Figure.Line("baseline, mean", Palette.BASELINE, x, baselineMean, true, false));
            if (baselineQ05 != null) {
                bands.add(new Figure.Band("baseline, 5-95 %", Palette.BASELINE, x, baselineQ05, baselineQ95));
            }
        }
        lines.add(new Figure.Line(name + ", mean", colour, x, mean, false, false));
        bands.add(new Figure.Band(name + ", 5-95 %", colour, x, q05, q95));
        if (observed != null) {
            lines.add(new Figure.Line("observed", Palette.OBSERVED, x, observed, false, true));
        }
        return new Figure(title, StudyFigures.YEAR, "Parties (number of states)", lines, bands, List.of(), false);
    }

    /** The simulated parties of a scenario ensemble against its baseline. */
    public static Figure ensemble(String title, EnsembleResult scenario, EnsembleResult baseline) {
        double[][] s = summary(scenario);
        double[][] b = baseline == null ? null : summary(baseline);
        return band(
                title,
                s[0].length == 0 ? new int[0] : years(scenario),
                s[0],
                s[1],
                s[2],
                "scenario",
                Palette.SCENARIO,
                b == null ? null : b[0],
                b == null ? null : b[1],
                b == null ? null : b[2],
                null);
    }

    /**
     * The study's replay of history: the ensemble's median and mean, its 25-75 % and 5-95 % bands,
     * and the observed parties as points.
     */
    public static Figure replay(String instrument, StudyReport.Replay r) {
        double[] x = toDouble(r.years());
        double[] observed = new double[r.years().length];
        for (int k = 0; k < observed.length; k++) {
            observed[k] = r.observed()[k] == null ? Double.NaN : r.observed()[k];
        }
        return new Figure(
                "Replay of " + instrument + ": simulated and observed parties",
                StudyFigures.YEAR,
                "Parties (number of states, end of year)",
                List.of(
                        new Figure.Line("replay, median", Palette.SCENARIO, x, r.q50(), false, false),
                        new Figure.Line("replay, mean", Palette.SCENARIO, x, r.mean(), true, false),
                        new Figure.Line("observed", Palette.OBSERVED, x, observed, false, true)),
                List.of(
                        new Figure.Band("replay, 5-95 %", Palette.SCENARIO, x, r.q05(), r.q95()),
                        new Figure.Band("replay, 25-75 %", Palette.SCENARIO, x, r.q25(), r.q75())),
                List.of(),
                false);
    }

    /** Held-out calibration: mean predicted against observed rate by decile, one line per model. */
    public static Figure calibration(List<String> models, List<List<CalibrationBin>> bins) {
        List<Figure.Line> lines = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            List<CalibrationBin> b = bins.get(m);
            double[] x = b.stream().mapToDouble(CalibrationBin::meanPredicted).toArray();
            double[] y = b.stream().mapToDouble(CalibrationBin::observedRate).toArray();
            lines.add(new Figure.Line(models.get(m), Palette.FOCUS[m % Palette.FOCUS.length], x, y, false, true));
        }
        return new Figure(
                "Calibration out of sample (by decile of predicted probability)",
                "mean predicted probability",
                "observed rate",
                lines,
                List.of(),
                List.of(),
                true);
    }

    /** A state's contributions to its linear predictor against the reference, coloured by level. */
    public static Figure contributions(Explanation x) {
        List<Figure.Bar> bars = new ArrayList<>();
        for (Explanation.Contribution c : x.contributions()) {
            Color colour = switch (c.level()) {
                case "international" -> Palette.INTERNATIONAL;
                case "perception" -> Palette.PERCEPTION;
                case "domestic" -> Palette.DOMESTIC;
                case "incentives" -> Palette.INCENTIVES;
                default -> Palette.STATES;
            };
            // the variable's label, as the report's tables print it
            bars.add(new Figure.Bar(org.normlab.panel.Variables.label(c.variable()), c.contribution(), colour));
        }
        return new Figure(
                x.name() + " (" + x.iso3() + "), " + x.year() + ": contributions against " + x.reference(),
                "Contribution against the reference (logit units)",
                "Variable",
                List.of(),
                List.of(),
                bars,
                false);
    }

    private static int[] years(EnsembleResult r) {
        int[] y = new int[r.yearCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = r.year(k);
        }
        return y;
    }

    /** Mean, 5 % and 95 % quantiles of the parties per year. */
    private static double[][] summary(EnsembleResult r) {
        int years = r.yearCount();
        double[][] out = new double[3][years];
        for (int k = 0; k < years; k++) {
            // The ensemble keeps a histogram per year, not the replicates: its quantiles are exact.
            CountHistogram v = r.parties(k);
            out[0][k] = (double) v.sum() / r.replicates();
            out[1][k] = v.interpolated(0.05);
            out[2][k] = v.interpolated(0.95);
        }
        return out;
    }

    static double[] toDouble(int[] a) {
        return Arrays.stream(a).asDoubleStream().toArray();
    }
}
