package org.normlab.study;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.sim.ProgressListener;

/**
 * The whole analysis of an instrument on the stored data, the answer to normlab's five questions:
 * where the norm stands (life cycle), whether the state level adds to the international one (the
 * named specifications in and out of sample), why each holdout stays out and why states withdrew,
 * how well the model replays history, and what counterfactual scenarios would change. It is a
 * pipeline of small steps ({@link StudyStep}) sharing one immutable context: life cycle, thesis,
 * withdrawal, holdouts, replay, counterfactuals and report. Nothing in it names a state or a year:
 * the counterfactuals are templates shipped as files ({@link CounterfactualTemplate}) filled from the
 * data of the instrument studied. Every number of the resulting {@link StudyReport} is computed here
 * or in the library it calls. Sections that do not apply to the instrument (no signatures, no
 * withdrawals, no blocked holdout ...) are left out and the reason recorded.
 */
public final class Study {
    /** Specifications of the test of the thesis, the fullest last. */
    public static final List<String> SPECS = List.of("international", "domestic", "perception-pressure", "two-level");
    /** The withdrawal model: the threat next door and the alliance. */
    public static final List<String> WITHDRAWAL_VARS =
            List.of(org.normlab.data.CountryYearData.BORDER_WAR, "nato_member");
    /** Steps reported to the progress listener. */
    public static final int STEPS = 7;

    /** Told which step the study is at; ensembles report replicate progress within a step. */
    public interface Listener {
        void step(int done, int total, String what);

        /** Progress inside an ensemble. */
        default ProgressListener ensemble() {
            return ProgressListener.NONE;
        }

        Listener NONE = (done, total, what) -> {};
    }

    /** The report, the fitted models (for tables) and each scenario's file text by id. */
    public record Outcome(
            StudyReport report, List<ModelFit> thesis, ModelFit withdrawal, Map<String, String> scenarios) {}

    private final StudyContext context;
    private final Notes notes = new Notes();
    private int done;

    private Study(StudyContext context) {
        this.context = context;
    }

    /**
     * Runs the study.
     *
     * @param version the normlab version, for the manifest
     * @param clock   gives the date the manifest records; the core reads no clock of its own
     */
    public static Outcome run(
            CountryYearData data, StudyOptions options, Listener listener, String version, Clock clock) {
        return new Study(StudyContext.of(data, options, listener)).run(version, clock);
    }

    private <T> T step(StudyStep<T> step) {
        context.listener().step(done++, STEPS, step.name());
        return step.run(context, notes);
    }

    private Outcome run(String version, Clock clock) {
        LifeCycleStep.Result lifecycle = step(new LifeCycleStep());
        ThesisStep.Result thesis = step(new ThesisStep());
        WithdrawalStep.Result withdrawal =
                step(new WithdrawalStep(lifecycle.observed().series()));
        List<StudyReport.Holdout> holdouts =
                step(new HoldoutsStep(lifecycle.observed().series(), thesis.fullest(), withdrawal.fit()));
        ReplayStep.Result replay = step(new ReplayStep(withdrawal.fit()));
        CounterfactualStep.Result counterfactuals =
                step(new CounterfactualStep(context.data(), holdouts, thesis.fullest(), withdrawal, replay));
        List<StudyReport.Finding> findings = step(new ReportStep(
                lifecycle.observed(),
                thesis,
                withdrawal,
                holdouts,
                replay.section(),
                counterfactuals.counterfactuals()));
        StudyOptions options = context.options();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("cross-validation", options.folds() + " folds of whole states");
        parameters.put(
                "tipping share",
                String.format(Locale.ROOT, "%.3f", options.rules().tippingShare()));
        parameters.put(
                "cascade rate",
                String.format(Locale.ROOT, "%.3f", options.rules().cascadeRate()));
        parameters.put("counterfactual horizon", Integer.toString(options.horizon()));
        parameters.put("covariate lag", Simulations.LAG + " year");
        parameters.put(
                "exploratory below",
                String.format(Locale.ROOT, "%.0f events per parameter", ModelSections.EVENTS_PER_PARAMETER));
        StudyReport.Meta meta = new StudyReport.Meta(
                context.id(),
                context.instrument().title(),
                version,
                context.data().digest(),
                options.seed(),
                options.replicates(),
                LocalDate.now(clock).toString(),
                parameters);
        context.listener().step(STEPS, STEPS, "done");
        return new Outcome(
                new StudyReport(
                        meta,
                        findings.stream().map(StudyReport.Finding::technical).toList(),
                        notes.omitted(),
                        lifecycle.section(),
                        thesis.section(),
                        withdrawal.section(),
                        holdouts,
                        replay.section(),
                        counterfactuals.counterfactuals(),
                        findings,
                        Citation.paper()),
                thesis.fits(),
                withdrawal.fit(),
                counterfactuals.scenarios());
    }
}
