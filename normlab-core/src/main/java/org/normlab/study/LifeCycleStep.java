package org.normlab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.data.AdoptionSeries;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.BassForm;
import org.normlab.lifecycle.Stage;

/** The observed life cycle: curves, stages, tipping point and the Bass fit, checked for sense. */
final class LifeCycleStep implements StudyStep<LifeCycleStep.Result> {

    /** The observed life cycle and its report section. */
    record Result(ObservedLifeCycle observed, StudyReport.LifeCycleSection section) {}

    @Override
    public String name() {
        return "life cycle";
    }

    @Override
    public Result run(StudyContext c, Notes notes) {
        AdoptionSeries series = AdoptionSeries.of(c.data(), c.id());
        ObservedLifeCycle o = ObservedLifeCycle.of(series, c.options().rules(), BassForm.PERIOD);
        List<AdoptionSeries.Year> ys = o.series().years();
        int n = ys.size();
        int[] years = new int[n];
        int[] states = new int[n];
        int[] signatories = new int[n];
        int[] parties = new int[n];
        int[] withdrawn = new int[n];
        double[] consents = new double[n];
        for (int i = 0; i < n; i++) {
            AdoptionSeries.Year y = ys.get(i);
            years[i] = y.year();
            states[i] = y.states();
            signatories[i] = y.signatories();
            parties[i] = y.parties();
            withdrawn[i] = y.withdrawn();
            consents[i] = y.consents();
        }
        boolean signatures = o.series().hasSignatures();
        if (!signatures) {
            notes.omit("No signature curve or signature stage: " + c.id() + " records no signatures.");
        }
        List<StudyReport.StageRow> stages = new ArrayList<>();
        for (Stage s : o.lifecycle().stages()) {
            stages.add(new StudyReport.StageRow(s.name().label(), s.start(), s.ongoing() ? null : s.end(), s.rule()));
        }
        StudyReport.BassRow bass = null;
        BassEstimate b = o.bass();
        if (b != null) {
            double adopted = 0;
            for (double x : consents) {
                adopted += x;
            }
            bass = bassRow(b, years[0], consents, adopted);
        } else {
            notes.omit("No Bass fit: " + o.bassNote());
        }
        Integer tipping = o.lifecycle().tippingYear().isPresent()
                ? o.lifecycle().tippingYear().getAsInt()
                : null;
        return new Result(
                o,
                new StudyReport.LifeCycleSection(
                        years,
                        states,
                        signatures ? signatories : null,
                        parties,
                        o.series().hasWithdrawals() ? withdrawn : null,
                        stages,
                        tipping,
                        o.lifecycle().rules().tippingRule(),
                        bass));
    }

    /**
     * The Bass fit as a report row. A fit whose market potential m (the eventual number of adopters)
     * is below the consents already observed describes a curve that has already ended below where the
     * data are: it is marked {@link StudyReport.BassRow#FAILED} and is not to be drawn as the fit.
     */
    static StudyReport.BassRow bassRow(BassEstimate b, int firstYear, double[] consents, double adopted) {
        boolean failed = !(b.m() >= adopted);
        String status = failed ? StudyReport.BassRow.FAILED : StudyReport.BassRow.FITTED;
        String statusNote = failed
                ? String.format(
                        Locale.ROOT,
                        "The Bass fit failed: it puts the eventual number of adopters at m = %.1f, below the %.0f "
                                + "consents already deposited, so it does not describe this curve and is not drawn.",
                        b.m(),
                        adopted)
                : String.format(
                        Locale.ROOT,
                        "The Bass fit's eventual number of adopters (m = %.1f) is at least the %.0f consents "
                                + "deposited so far.",
                        b.m(),
                        adopted);
        return new StudyReport.BassRow(
                b.form().name().toLowerCase(Locale.ROOT),
                b.m(),
                b.p(),
                b.q(),
                b.seM(),
                b.seP(),
                b.seQ(),
                bassText(b, firstYear) + " " + statusNote,
                b.fitted(),
                consents,
                status,
                adopted);
    }

    private static String bassText(BassEstimate b, int firstYear) {
        return String.format(
                Locale.ROOT,
                "Bass diffusion fit to consents per year (%s form, t = 1 in %d): "
                        + "m = %.1f (SE %.1f), p = %.4f (SE %.4f), q = %.3f (SE %.3f); the fitted peak of new parties "
                        + "falls at t = %.1f.%s",
                b.form().name().toLowerCase(Locale.ROOT),
                firstYear,
                b.m(),
                b.seM(),
                b.p(),
                b.seP(),
                b.q(),
                b.seQ(),
                b.peakTime(),
                b.diagnostics().isEmpty() ? "" : " Note: " + String.join("; ", b.diagnostics()) + ".");
    }
}
