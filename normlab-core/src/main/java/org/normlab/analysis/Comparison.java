package org.normlab.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.normlab.data.InputException;
import org.normlab.estimate.FoldAssignment;
import org.normlab.estimate.Folds;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.estimate.Link;
import org.normlab.estimate.Split;
import org.normlab.panel.Panel;
import org.normlab.panel.Specs;
import org.normlab.panel.Variables;
import org.normlab.sim.ProgressListener;

/**
 * Compares fitted specifications in sample (likelihood-ratio tests between nested models, AIC,
 * BIC) and out of sample (log score, Brier score, AUC and calibration on held-out data), and the
 * contribution of each block of the fullest model (international, perception, domestic pressure,
 * incentives) by dropping it.
 * Immutable.
 *
 * @param fits        the models, fitted on the same rows
 * @param lrTests     for each model but the last: the LR test of it (restricted) against the last
 *                    (full) model; null where it is not nested in the last or a penalty is on
 * @param scheme      the hold-out scheme
 * @param outOfSample pooled held-out scores per model, in the order of {@code fits}
 * @param blockTests  for each block of the last (fullest) model: that model refitted without the
 *                    block on the same rows, its LR test against the full model, its held-out scores
 *                    and, with a {@link CvDesign}, its paired differences from the full model under
 *                    the repeated schemes
 * @param heldOut     the repeated held-out schemes with per-state scores (repeated leave-states-out,
 *                    then rolling origin); empty when no {@link CvDesign} was given
 * @param paired      paired differences of every pair of models (i &lt; j, in the order of {@code
 *                    fits}) under each scheme of {@code heldOut}
 * @param cvSummaries each model's held-out scores with their spread over repeats, per scheme
 * @param notes       what was not run and why (e.g. the rolling origin refused for year dummies)
 */
public record Comparison(
        List<ModelFit> fits,
        List<LikelihoodRatioTest> lrTests,
        CvScheme scheme,
        List<ForecastScores> outOfSample,
        List<BlockTest> blockTests,
        List<HeldOutScores> heldOut,
        List<PairedDifference> paired,
        List<ModelCvSummary> cvSummaries,
        List<String> notes) {

    /** Copies. */
    public Comparison {
        fits = List.copyOf(fits);
        lrTests = java.util.Collections.unmodifiableList(new ArrayList<>(lrTests));
        outOfSample = List.copyOf(outOfSample);
        blockTests = List.copyOf(blockTests);
        heldOut = List.copyOf(heldOut);
        paired = List.copyOf(paired);
        cvSummaries = List.copyOf(cvSummaries);
        notes = List.copyOf(notes);
    }

    /**
     * The contribution of one block: the full model without it. Immutable.
     *
     * @param block       block name ({@link Variables#BLOCKS})
     * @param variables   the block's variables in the full model (with their {@code _missing} flags)
     * @param without     the full model refitted without them
     * @param lr          LR test of {@code without} against the full model; null under a penalty
     * @param outOfSample held-out scores of {@code without} on the single split, same folds as the
     *                    full model's {@link #outOfSample()}
     * @param paired      the full model minus {@code without} (a = the full model, b = {@code without}:
     *                    a positive mean says the block helps predict held-out states) under each
     *                    repeated scheme, on the same folds, seeds and fold fitter as the models'
     *                    {@link #paired()}; empty when no {@link CvDesign} was given
     */
    public record BlockTest(
            String block,
            List<String> variables,
            ModelFit without,
            LikelihoodRatioTest lr,
            ForecastScores outOfSample,
            List<PairedDifference> paired) {

        /** Copies. */
        public BlockTest {
            variables = List.copyOf(variables);
            paired = List.copyOf(paired);
        }

        /** The paired difference under {@code scheme} ({@code states} or {@code rolling}), or null. */
        public PairedDifference paired(String scheme) {
            return paired.stream()
                    .filter(p -> p.scheme().equals(scheme))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * The in-sample comparison and one held-out split ({@code scheme}) per model, without the
     * repeated schemes: {@link #heldOut()}, {@link #paired()} and {@link #cvSummaries()} are empty.
     */
    public static Comparison of(List<ModelFit> fits, CvScheme scheme, long seed, Link link, HazardEstimator estimator) {
        return of(fits, scheme, seed, link, estimator, null, ProgressListener.NONE);
    }

    /**
     * The in-sample comparison, the held-out scores of one split ({@code scheme}; with a design and
     * {@code states:K}, the first repeat), the contribution of each block, and with a design the
     * repeated schemes: R repeats of leave-states-out cross-validation and the rolling origin, each
     * model fitted in every fold by the same {@link FoldFitter} ({@link TunedRidge} when the design
     * tunes the ridge penalty, else {@code estimator}), with the paired differences of every pair.
     * Each block test is judged by the same repeated schemes: the model without the block is scored
     * on the very splits of the models, so its paired difference from the fullest model is as paired
     * as the models' own.
     *
     * @param fits      the models, fitted on the same rows (at least two)
     * @param scheme    the single split of {@link #outOfSample()} and the block tests
     * @param seed      the seed of the fold assignments
     * @param link      the link of every model
     * @param estimator the estimator of the fits and of every fold (its penalty fixed)
     * @param design    the repeated schemes, or null for none
     * @param progress  told of every fold fit of the repeated schemes, the block tests' included
     */
    public static Comparison of(
            List<ModelFit> fits,
            CvScheme scheme,
            long seed,
            Link link,
            HazardEstimator estimator,
            CvDesign design,
            ProgressListener progress) {
        List<LikelihoodRatioTest> lr = new ArrayList<>();
        ModelFit full = fits.get(fits.size() - 1);
        boolean penalised = estimator.firth() || estimator.ridge() != 0 || (design != null && design.tuneRidge());
        for (int i = 0; i < fits.size() - 1; i++) {
            ModelFit small = fits.get(i);
            boolean nested = new HashSet<>(full.variables()).containsAll(small.variables())
                    && full.variables().size() > small.variables().size();
            lr.add(nested && !penalised ? LikelihoodRatioTest.of(small.estimate(), full.estimate()) : null);
        }
        FoldFitter fitter = design != null && design.tuneRidge() ? new TunedRidge(estimator) : FoldFitter.of(estimator);
        // each block of the fullest model dropped in turn, refitted on the same rows
        List<Map.Entry<String, List<String>>> dropped = new ArrayList<>();
        List<ModelFit> withouts = new ArrayList<>();
        Map<String, List<String>> byBlock = Specs.blocks(full.variables());
        if (byBlock.size() > 1) {
            for (Map.Entry<String, List<String>> b : byBlock.entrySet()) {
                List<String> rest = new ArrayList<>(full.variables());
                rest.removeAll(b.getValue());
                HazardProblem restricted = Models.problem(full.panel(), rest, link);
                dropped.add(b);
                withouts.add(new ModelFit(
                        full.name() + " without " + b.getKey(),
                        List.copyOf(rest),
                        full.panel(),
                        fitter.fit(restricted, seed)));
            }
        }
        // The repeated schemes score the models and the block tests' models together, on the same
        // splits: each model's fold fits depend on its own rows and the split only, so the models'
        // scores are those they would get alone.
        List<HeldOutScores> scored = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (design != null) {
            scored.addAll(repeatedSchemes(fits, withouts, seed, link, design, fitter, progress, notes));
        }
        List<HeldOutScores> repeated =
                scored.stream().map(h -> h.firstModels(fits.size())).toList();
        List<ForecastScores> oos = new ArrayList<>();
        boolean firstRepeat = !repeated.isEmpty()
                && repeated.get(0).scheme().equals("states")
                && scheme.kind().equals("states")
                && scheme.value() == design.folds();
        for (int m = 0; m < fits.size(); m++) {
            oos.add(
                    firstRepeat
                            ? repeated.get(0).pooled().get(m).get(0)
                            : heldOut(fits.get(m), scheme, seed, link, fitter));
        }
        List<BlockTest> blocks = new ArrayList<>();
        for (int b = 0; b < withouts.size(); b++) {
            ModelFit without = withouts.get(b);
            int at = fits.size() + b;
            List<PairedDifference> blockPaired = new ArrayList<>();
            for (HeldOutScores h : scored) {
                blockPaired.add(PairedDifference.of(h, fits.size() - 1, at));
            }
            blocks.add(new BlockTest(
                    dropped.get(b).getKey(),
                    dropped.get(b).getValue(),
                    without,
                    penalised ? null : LikelihoodRatioTest.of(without.estimate(), full.estimate()),
                    firstRepeat ? scored.get(0).pooled().get(at).get(0) : heldOut(without, scheme, seed, link, fitter),
                    blockPaired));
        }
        List<PairedDifference> paired = new ArrayList<>();
        List<ModelCvSummary> summaries = new ArrayList<>();
        for (HeldOutScores h : repeated) {
            paired.addAll(PairedDifference.all(h));
            for (int m = 0; m < h.models().size(); m++) {
                summaries.add(ModelCvSummary.of(h, m));
            }
        }
        return new Comparison(fits, lr, scheme, oos, blocks, repeated, paired, summaries, notes);
    }

    /**
     * The repeated schemes over {@code fits} followed by {@code extra} (the block tests' models), in
     * that order in every {@link HeldOutScores}.
     */
    private static List<HeldOutScores> repeatedSchemes(
            List<ModelFit> fits,
            List<ModelFit> extra,
            long seed,
            Link link,
            CvDesign design,
            FoldFitter fitter,
            ProgressListener progress,
            List<String> notes) {
        List<String> names = fits.stream().map(ModelFit::name).toList();
        if (new HashSet<>(names).size() != names.size()) {
            throw new InputException("model names must be unique, got " + names);
        }
        List<ModelFit> all = new ArrayList<>(fits);
        all.addAll(extra);
        List<String> allNames = all.stream().map(ModelFit::name).toList();
        List<HazardProblem> problems = new ArrayList<>();
        for (ModelFit f : all) {
            problems.add(Models.problem(f.panel(), f.variables(), link));
        }
        Panel panel = fits.get(0).panel();
        for (ModelFit f : all) {
            if (!java.util.Arrays.equals(f.panel().iso3(), panel.iso3())
                    || !java.util.Arrays.equals(f.panel().year(), panel.year())) {
                throw new IllegalArgumentException("the models must be fitted on the same rows");
            }
        }
        String[] state = panel.iso3();
        int[] year = panel.year();
        java.util.OptionalInt first = HeldOut.firstOrigin(problems.get(0).y(), year);
        int origins = first.isEmpty()
                ? 0
                : (int) java.util.Arrays.stream(year)
                        .filter(y -> y >= first.getAsInt())
                        .distinct()
                        .count();
        int total = all.size() * (design.repeats() * design.folds() + (design.rolling() ? origins : 0));
        int[] done = {0};
        Runnable tick = () -> progress.progress(++done[0], total);
        List<HeldOutScores> out = new ArrayList<>();
        out.add(HeldOut.repeatedStates(
                allNames, problems, state, year, design.folds(), design.repeats(), seed, fitter, tick));
        if (design.rolling()) {
            try {
                out.add(HeldOut.rollingOrigin(allNames, problems, state, year, fitter, tick));
            } catch (InputException e) {
                notes.add("rolling-origin forecasts not computed: " + e.getMessage());
            }
        }
        return out;
    }

    /** Pooled predictions for held-out rows, each predicted by a model that did not see its state or year. */
    public static ForecastScores heldOut(
            ModelFit fit, CvScheme scheme, long seed, Link link, HazardEstimator estimator) {
        return heldOut(fit, scheme, seed, link, FoldFitter.of(estimator));
    }

    /** As {@link #heldOut(ModelFit, CvScheme, long, Link, HazardEstimator)}, each fold fitted by {@code fitter}. */
    public static ForecastScores heldOut(ModelFit fit, CvScheme scheme, long seed, Link link, FoldFitter fitter) {
        HazardProblem problem = Models.problem(fit.panel(), fit.variables(), link);
        int n = problem.n();
        List<Split> splits = new ArrayList<>();
        if (scheme.kind().equals("states")) {
            FoldAssignment folds = Folds.byCluster(Models.stateIds(fit.panel().iso3()), scheme.value(), seed);
            for (int f = 0; f < folds.k(); f++) {
                splits.add(folds.split(f));
            }
        } else {
            splits.add(Folds.byYear(fit.panel().year(), scheme.value()));
        }
        List<Double> predicted = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        double[] y = problem.y();
        for (Split s : splits) {
            HazardEstimate e = fitter.fit(problem.select(s.train()), seed);
            double[] p = e.probabilities(problem.select(s.test()));
            for (int i = 0; i < p.length; i++) {
                predicted.add(p[i]);
                observed.add(y[s.test()[i]]);
            }
        }
        if (predicted.size() > n) {
            throw new IllegalStateException("a row was held out twice");
        }
        return ForecastScores.of(
                predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                observed.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
