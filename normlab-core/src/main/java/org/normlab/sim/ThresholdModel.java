package org.normlab.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Granovetter's threshold model of adoption. Each state draws a threshold θ_s ~ Normal(mean, sd)
 * once per replicate from the replicate's threshold stream; in year t its effective threshold is
 * θ_s + Σ γ_j x_j(t, s) (domestic cost, over named covariates or built-in terms) − Σ δ_j x_j(t, s)
 * (incentives). A state at risk adopts in year t when its exposure (share_global by default) in the
 * world of year t−1 is at least its effective threshold.
 *
 * <p>Seeding: with no party at the start every exposure is 0, so the states whose effective
 * threshold is at most 0 (Granovetter's instigators) adopt in the first year and the cascade, if
 * any, grows from them. The model decides adoption only; a withdrawal hazard may run beside it.
 * Immutable; cost and incentive terms are kept sorted by name.
 *
 * @param mean       mean of the thresholds, on the exposure's scale (0..1)
 * @param sd         standard deviation of the thresholds, ≥ 0
 * @param exposure   the exposure compared with the thresholds
 * @param cost       γ by term name: raises the threshold
 * @param incentives δ by term name: lowers the threshold
 */
public record ThresholdModel(
        double mean, double sd, Exposure exposure, Map<String, Double> cost, Map<String, Double> incentives)
        implements TransitionModel {

    public ThresholdModel {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("threshold mean must be finite, got " + mean);
        }
        if (!(sd >= 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("threshold sd must be finite and ≥ 0, got " + sd);
        }
        Objects.requireNonNull(exposure, "exposure");
        cost = sorted(cost, "cost");
        incentives = sorted(incentives, "incentive");
    }

    /** Thresholds Normal(mean, sd) compared with share_global, without cost or incentives. */
    public static ThresholdModel of(double mean, double sd) {
        return new ThresholdModel(mean, sd, Exposure.GLOBAL, Map.of(), Map.of());
    }

    /** This model comparing thresholds with another exposure. */
    public ThresholdModel withExposure(Exposure e) {
        return new ThresholdModel(mean, sd, e, cost, incentives);
    }

    /** This model with domestic-cost terms γ that raise the threshold. */
    public ThresholdModel withCost(Map<String, Double> gamma) {
        return new ThresholdModel(mean, sd, exposure, gamma, incentives);
    }

    /** This model with incentive terms δ that lower the threshold. */
    public ThresholdModel withIncentives(Map<String, Double> delta) {
        return new ThresholdModel(mean, sd, exposure, cost, delta);
    }

    private static Map<String, Double> sorted(Map<String, Double> m, String what) {
        TreeMap<String, Double> t = new TreeMap<>();
        for (var e : m.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(what + " coefficient of " + e.getKey() + " must be finite");
            }
            if (Exposure.ofTerm(e.getKey()).isPresent()) {
                throw new IllegalArgumentException(what + " term " + e.getKey()
                        + " is an exposure; thresholds are compared with exposures, not shifted by them");
            }
            t.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(t));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "threshold");
        d.put("mean", mean);
        d.put("sd", sd);
        d.put("exposure", exposure.term());
        d.put("cost", cost);
        d.put("incentives", incentives);
        return d;
    }

    @Override
    public TransitionRule prepare(RunFrame frame, Transition transition) {
        if (transition != Transition.ADOPTION) {
            throw new IllegalArgumentException("the threshold model decides adoption only, not " + transition.label());
        }
        int size = frame.years * frame.states;
        double[] shift = new double[size];
        for (var e : cost.entrySet()) {
            double[] x = frame.term(e.getKey());
            for (int i = 0; i < size; i++) {
                shift[i] += e.getValue() * x[i];
            }
        }
        for (var e : incentives.entrySet()) {
            double[] x = frame.term(e.getKey());
            for (int i = 0; i < size; i++) {
                shift[i] -= e.getValue() * x[i];
            }
        }
        return new Rule(frame, shift);
    }

    private final class Rule implements TransitionRule {
        final RunFrame frame;
        final double[] shift;

        Rule(RunFrame frame, double[] shift) {
            this.frame = frame;
            this.shift = shift;
        }

        @Override
        public Worker newWorker() {
            return new ThresholdWorker(this);
        }
    }

    private final class ThresholdWorker implements TransitionRule.Worker {
        private final Rule rule;
        private final double[] theta;

        ThresholdWorker(Rule rule) {
            this.rule = rule;
            this.theta = new double[rule.frame.states];
        }

        @Override
        public void begin(ReplicateStreams streams) {
            var g = streams.thresholds();
            for (int s = 0; s < theta.length; s++) {
                theta[s] = mean + sd * g.nextGaussian();
            }
        }

        @Override
        public int decide(Snapshot snap, int[] out) {
            final int o = snap.k * theta.length;
            final double[] shift = rule.shift;
            final int[] list = snap.risk[Transition.ADOPTION.ordinal()];
            final int atRisk = snap.riskCount[Transition.ADOPTION.ordinal()];
            int events = 0;
            for (int j = 0; j < atRisk; j++) {
                int s = list[j];
                if (snap.share(exposure, s) >= theta[s] + shift[o + s]) {
                    out[events++] = s;
                }
            }
            return events;
        }
    }
}
