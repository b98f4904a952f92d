package org.normlab.report.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.normlab.study.StudyReport;

/**
 * Every chart of the study report, described once: the HTML report draws each from its JSON with
 * these axis titles and captions, and the study writes each as an SVG and a PNG file named
 * {@link StudyFigure#file()}. Stateless and thread safe.
 */
public final class StudyFigures {
    /** Axis title of every year axis. */
    public static final String YEAR = "Year";

    private StudyFigures() {}

    /**
     * One chart of the report.
     *
     * @param kind    the chart the report's script draws ({@code lifecycle}, {@code bass}, ...)
     * @param index   which counterfactual, for the per-counterfactual charts; else 0
     * @param file    the file name without extension
     * @param label   what the chart is, for readers who cannot see it
     * @param caption what is plotted, in words
     * @param figure  the chart as drawn into the files (title, axis titles with units, series)
     */
    public record StudyFigure(String kind, int index, String file, String label, String caption, Figure figure) {}

    /** The report's charts in the order the report shows them. */
    public static List<StudyFigure> of(StudyReport r) {
        List<StudyFigure> out = new ArrayList<>();
        StudyReport.LifeCycleSection lc = r.lifecycle();
        String instrument = r.meta().instrument();
        Figure life =
                Figures.lifecycle(instrument, lc.years(), lc.states(), lc.signatories(), lc.parties(), lc.withdrawn());
        out.add(new StudyFigure(
                "lifecycle",
                0,
                "lifecycle",
                "Line chart of the life cycle by year",
                "States in the system, " + (lc.signatories() != null ? "signatories, " : "") + "parties"
                        + (lc.withdrawn() != null ? " and withdrawn states" : "")
                        + " at the end of each year (number of states)"
                        + (lc.stages().isEmpty() ? "" : "; shaded: the life-cycle stages")
                        + (lc.tippingYear() != null ? "; dashed: the tipping year" : "") + ".",
                life));
        if (lc.bass() != null) {
            out.add(bass(instrument, lc));
        }
        if (!r.holdouts().isEmpty()) {
            out.add(holdouts(instrument, r.holdouts()));
        }
        if (r.replay() != null) {
            out.add(new StudyFigure(
                    "replay",
                    0,
                    "replay",
                    "Chart of observed parties against the simulated band",
                    "Parties at the end of each year (number of states): observed (points) against the simulated "
                            + "ensemble (median line, mean dashed; shaded: the 25\u201375 % and 5\u201395 % bands).",
                    Figures.replay(instrument, r.replay())));
        }
        List<StudyReport.Counterfactual> cfs = r.counterfactuals();
        for (int i = 0; i < cfs.size(); i++) {
            out.addAll(counterfactual(cfs.get(i), i));
        }
        return List.copyOf(out);
    }

    /**
     * Whether a Bass fit failed ({@link StudyReport.BassRow#drawable()}): its market potential is
     * below the adoptions already observed, so it is not drawn as the fit.
     */
    public static boolean bassFailed(StudyReport.BassRow b) {
        return !b.drawable();
    }

    private static StudyFigure bass(String instrument, StudyReport.LifeCycleSection lc) {
        StudyReport.BassRow b = lc.bass();
        boolean failed = bassFailed(b);
        double[] x = Figures.toDouble(lc.years());
        List<Figure.Line> lines = new ArrayList<>();
        if (!failed) {
            lines.add(new Figure.Line("Bass fit", Palette.PARTIES, x, b.fitted(), false, false));
        }
        return new StudyFigure(
                "bass",
                0,
                "bass",
                failed
                        ? "Bar chart of observed consents per year; the failed Bass fit is not drawn"
                        : "Bar and line chart of observed and fitted consents per year",
                failed
                        ? "Consents per year (number of states): observed (bars). The Bass fit failed: its market "
                                + "potential is below the consents already observed, so it is not drawn."
                        : "Consents per year (number of states): observed (bars) and fitted by the Bass model (line).",
                new Figure(
                        "Consents per year to " + instrument
                                + (failed ? " (Bass fit failed, not drawn)" : " and the Bass fit"),
                        YEAR,
                        "Consents per year (states)",
                        lines,
                        List.of(),
                        List.of(),
                        false,
                        List.of(new Figure.Line("observed consents", Palette.STATES, x, b.observed(), false, false))));
    }

    private static StudyFigure holdouts(String instrument, List<StudyReport.Holdout> holdouts) {
        List<Figure.Bar> bars = new ArrayList<>();
        for (StudyReport.Holdout h : holdouts) {
            String state = h.name() + " (" + h.iso3() + ")";
            bars.add(new Figure.Bar(state, h.international(), Palette.INTERNATIONAL, "International"));
            bars.add(new Figure.Bar(state, h.perception(), Palette.PERCEPTION, "Perception"));
            bars.add(new Figure.Bar(state, h.domestic(), Palette.DOMESTIC, "Domestic pressure"));
            bars.add(new Figure.Bar(state, h.incentives(), Palette.INCENTIVES, "Incentives"));
        }
        return new StudyFigure(
                "holdouts",
                0,
                "holdouts",
                "Horizontal bar chart of the four blocks' contributions per state",
                "International, perception, domestic-pressure and incentive contributions to each state's modelled "
                        + "hazard in the year explained (logit units: positive raises the chance of joining).",
                new Figure(
                        "Holdouts of " + instrument + ": contributions by block",
                        "Contribution to the hazard (logit units)",
                        "State",
                        List.of(),
                        List.of(),
                        bars,
                        false));
    }

    /** What a counterfactual's series count ({@link StudyReport.Counterfactual#counts()}): parties or withdrawn states. */
    public static String counted(StudyReport.Counterfactual c) {
        return "withdrawn".equals(c.counts()) ? "withdrawn states" : "parties";
    }

    /** Whether every focus value is a probability (so the axis runs from 0 to 1). */
    public static boolean focusIsProbability(StudyReport.Counterfactual c) {
        return c.focus().stream()
                .flatMap(f -> java.util.stream.Stream.of(f.baseline(), f.scenario()))
                .flatMapToDouble(Arrays::stream)
                .filter(Double::isFinite)
                .allMatch(v -> v >= 0 && v <= 1);
    }

    private static List<StudyFigure> counterfactual(StudyReport.Counterfactual c, int i) {
        String what = counted(c);
        String unit = "(number of states)";
        double[] x = Figures.toDouble(c.years());
        List<StudyFigure> out = new ArrayList<>();
        out.add(new StudyFigure(
                "cf-parties",
                i,
                "counterfactual_" + c.id(),
                "Line chart of mean " + what + " in the baseline and the scenario",
                "Mean " + what + " at the end of each year " + unit + ": baseline (dashed) and scenario (solid).",
                new Figure(
                        c.id() + ": mean " + what,
                        YEAR,
                        capital(what) + " (mean number of states)",
                        List.of(
                                new Figure.Line("baseline", Palette.BASELINE, x, c.baseline(), true, false),
                                new Figure.Line("scenario", Palette.SCENARIO, x, c.scenarioMean(), false, false)),
                        List.of(),
                        List.of(),
                        false)));
        out.add(new StudyFigure(
                "cf-difference",
                i,
                "counterfactual_" + c.id() + "_difference",
                "Chart of the paired difference in " + what + " with its band",
                "Paired difference in " + what + " (scenario minus baseline, number of states): mean and "
                        + "5\u201395 % band over replicates.",
                new Figure(
                        c.id() + ": paired difference in " + what,
                        YEAR,
                        "Difference in " + what + " (states)",
                        List.of(new Figure.Line("mean difference", Palette.SCENARIO, x, c.diffMean(), false, false)),
                        List.of(new Figure.Band("5-95 %", Palette.SCENARIO, x, c.diffLow(), c.diffHigh())),
                        List.of(),
                        false)));
        if (!c.focus().isEmpty()) {
            boolean probability = focusIsProbability(c);
            List<Figure.Line> lines = new ArrayList<>();
            for (int k = 0; k < c.focus().size(); k++) {
                StudyReport.FocusRow f = c.focus().get(k);
                java.awt.Color colour = Palette.FOCUS[k % Palette.FOCUS.length];
                lines.add(new Figure.Line(f.label() + " (baseline)", colour, x, f.baseline(), true, false));
                lines.add(new Figure.Line(f.label() + " (scenario)", colour, x, f.scenario(), false, false));
            }
            out.add(new StudyFigure(
                    "cf-focus",
                    i,
                    "counterfactual_" + c.id() + "_focus",
                    "Line chart of the focus quantities per year",
                    (probability ? "Probability per year" : "Expected number of states per year")
                            + " of the focus quantities: baseline (dashed) and scenario (solid).",
                    new Figure(
                            c.id() + ": focus",
                            YEAR,
                            probability ? "Probability (0\u20131)" : "Expected number of states",
                            lines,
                            List.of(),
                            List.of(),
                            false)));
        }
        return out;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
