package org.normlab.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.normlab.estimate.FoldAssignment;
import org.normlab.estimate.Folds;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.estimate.Link;
import org.normlab.estimate.Split;
import org.normlab.panel.Specs;
import org.normlab.panel.Variables;

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
 *                    block on the same rows, its LR test against the full model and its held-out scores
 */
public record Comparison(
        List<ModelFit> fits,
        List<LikelihoodRatioTest> lrTests,
        CvScheme scheme,
        List<ForecastScores> outOfSample,
        List<BlockTest> blockTests) {

    /**
     * The contribution of one block: the full model without it.
     *
     * @param block      block name ({@link Variables#BLOCKS})
     * @param variables  the block's variables in the full model (with their {@code _missing} flags)
     * @param without    the full model refitted without them
     * @param lr         LR test of {@code without} against the full model; null under a penalty
     * @param outOfSample held-out scores of {@code without}, same folds as the full model
     */
    public record BlockTest(
            String block,
            List<String> variables,
            ModelFit without,
            LikelihoodRatioTest lr,
            ForecastScores outOfSample) {}

    public static Comparison of(List<ModelFit> fits, CvScheme scheme, long seed, Link link, HazardEstimator estimator) {
        List<LikelihoodRatioTest> lr = new ArrayList<>();
        ModelFit full = fits.get(fits.size() - 1);
        for (int i = 0; i < fits.size() - 1; i++) {
            ModelFit small = fits.get(i);
            boolean nested = new HashSet<>(full.variables()).containsAll(small.variables())
                    && full.variables().size() > small.variables().size();
            lr.add(
                    nested && !estimator.firth() && estimator.ridge() == 0
                            ? LikelihoodRatioTest.of(small.estimate(), full.estimate())
                            : null);
        }
        List<ForecastScores> oos = new ArrayList<>();
        for (ModelFit f : fits) {
            oos.add(heldOut(f, scheme, seed, link, estimator));
        }
        List<BlockTest> blocks = new ArrayList<>();
        boolean penalised = estimator.firth() || estimator.ridge() != 0;
        Map<String, List<String>> byBlock = Specs.blocks(full.variables());
        if (byBlock.size() > 1) {
            for (Map.Entry<String, List<String>> b : byBlock.entrySet()) {
                List<String> rest = new ArrayList<>(full.variables());
                rest.removeAll(b.getValue());
                ModelFit without = new ModelFit(
                        full.name() + " without " + b.getKey(),
                        List.copyOf(rest),
                        full.panel(),
                        estimator.fit(Models.problem(full.panel(), rest, link)));
                blocks.add(new BlockTest(
                        b.getKey(),
                        b.getValue(),
                        without,
                        penalised ? null : LikelihoodRatioTest.of(without.estimate(), full.estimate()),
                        heldOut(without, scheme, seed, link, estimator)));
            }
        }
        return new Comparison(List.copyOf(fits), lr, scheme, List.copyOf(oos), List.copyOf(blocks));
    }

    /** Pooled predictions for held-out rows, each predicted by a model that did not see its state or year. */
    public static ForecastScores heldOut(
            ModelFit fit, CvScheme scheme, long seed, Link link, HazardEstimator estimator) {
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
            HazardEstimate e = estimator.fit(problem.select(s.train()));
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
