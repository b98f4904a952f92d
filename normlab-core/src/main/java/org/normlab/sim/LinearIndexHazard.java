package org.normlab.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.normlab.estimate.Link;

/**
 * The discrete-time hazard of a transition as a linear index: each state at risk makes the
 * transition in year t with probability p = link⁻¹(η), η = Σ β_j x_j(t, s) over named terms (see
 * {@link Terms}; any other name is a covariate of the world). The coefficients of a fitted
 * event-history model plug in directly.
 *
 * <p><b>Frailty.</b> With a frailty standard deviation σ &gt; 0 each state has a random intercept
 * b_s ~ Normal(0, σ²), its unobserved disposition, and p = link⁻¹(η + b_s) in every year. Without
 * it the states that stay out keep joining at the rate of observably similar states; with it the
 * states with a high b_s leave the risk set first, so the hazard among those still at risk falls
 * over time (selection). The b_s are drawn once per replicate, before the first year, for every
 * state in index order from the transition's frailty stream ({@link ReplicateStreams#frailty}), so
 * a state's b_s does not depend on who is at risk and is the same in a scenario and its baseline.
 * The adoption and the withdrawal hazard draw from different streams. σ = 0 (the default) draws
 * nothing and gives the same results as a hazard without frailty.
 *
 * <p>For speed the part of η that does not depend on the simulated world (intercept, duration,
 * year dummies, covariates) is computed once per run for every state-year; each replicate only adds
 * the exposure terms and compares η with its uniform draw through {@link Uniforms}. For withdrawal
 * the exposures are those of the party itself (so share_subregion and share_allies exclude it).
 *
 * <p>Immutable. The coefficients are kept sorted by name, so that η is summed in the same order
 * whatever map the caller passed and results do not depend on hash order.
 *
 * @param coefficients β by term name; finite
 * @param link         the link
 * @param frailtySd    standard deviation σ of the state frailties on the scale of η, finite and ≥ 0;
 *                     0 for none
 */
public record LinearIndexHazard(Map<String, Double> coefficients, Link link, double frailtySd)
        implements TransitionModel {

    public LinearIndexHazard {
        Objects.requireNonNull(link, "link");
        if (!(frailtySd >= 0) || !Double.isFinite(frailtySd)) {
            throw new IllegalArgumentException("frailty sd must be finite and ≥ 0, got " + frailtySd);
        }
        frailtySd += 0.0; // −0 becomes 0, so that equal hazards are equal
        TreeMap<String, Double> sorted = new TreeMap<>();
        for (var e : coefficients.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("a coefficient needs a term name");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(
                        "coefficient of " + e.getKey() + " must be finite, got " + e.getValue());
            }
            sorted.put(e.getKey(), e.getValue());
        }
        coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** A hazard with these coefficients and link, without frailty. */
    public LinearIndexHazard(Map<String, Double> coefficients, Link link) {
        this(coefficients, link, 0.0);
    }

    /** A hazard with these coefficients and link, without frailty. */
    public static LinearIndexHazard of(Map<String, Double> coefficients, Link link) {
        return new LinearIndexHazard(coefficients, link);
    }

    /**
     * This hazard with state frailties of standard deviation {@code sd} (replacing any it had); 0
     * removes them.
     *
     * @param sd σ on the scale of η, finite and ≥ 0
     * @throws IllegalArgumentException for a negative or non-finite sd
     */
    public LinearIndexHazard withFrailty(double sd) {
        return new LinearIndexHazard(coefficients, link, sd);
    }

    /**
     * This hazard with further terms, e.g. a scenario's incentives.
     *
     * @throws IllegalArgumentException if a term is already in the model
     */
    public LinearIndexHazard withTerms(Map<String, Double> extra) {
        Map<String, Double> all = new LinkedHashMap<>(coefficients);
        for (var e : extra.entrySet()) {
            if (all.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("term " + e.getKey() + " is already in the model");
            }
        }
        return new LinearIndexHazard(all, link, frailtySd);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "linear_index_hazard");
        d.put("link", link.label());
        d.put("coefficients", coefficients);
        d.put("frailty_sd", frailtySd);
        return d;
    }

    @Override
    public TransitionRule prepare(RunFrame frame, Transition transition) {
        int n = frame.states;
        int size = frame.years * n;
        double[] base = new double[size];
        double[] beta = new double[Exposure.values().length];
        for (var e : coefficients.entrySet()) {
            var exposure = Exposure.ofTerm(e.getKey());
            if (exposure.isPresent()) {
                beta[exposure.get().ordinal()] = e.getValue();
                continue;
            }
            double b = e.getValue();
            double[] x = frame.term(e.getKey());
            for (int i = 0; i < size; i++) {
                base[i] += b * x[i];
            }
        }
        double bBorder = beta[Exposure.BORDER.ordinal()];
        double bSub = beta[Exposure.SUBREGION.ordinal()];
        double bAlly = beta[Exposure.ALLIES.ordinal()];
        double[] wBorder = new double[size];
        double[] wSub = new double[size];
        double[] wAlly = new double[size];
        boolean party = transition == Transition.WITHDRAWAL;
        for (int k = 0; k < frame.years; k++) {
            boolean[] inLast = frame.in[k];
            boolean[] inNow = frame.in[k + 1];
            for (int s = 0; s < n; s++) {
                int i = k * n + s;
                wBorder[i] = weight(bBorder, frame.borderDenominator[i]);
                wSub[i] = weight(bSub, frame.subregionDenominator[i]);
                wAlly[i] = frame.ally[k][s] ? weight(bAlly, frame.allyDenominator[i]) : 0.0;
                if (party && inLast[s]) {
                    // A party at risk of withdrawal is among last year's counted parties: take itself out.
                    base[i] -= wSub[i] + wAlly[i];
                }
                if (!inNow[s]) {
                    base[i] = Double.NaN;
                }
            }
        }
        boolean local = bBorder != 0 || bSub != 0 || bAlly != 0;
        return new Rule(
                frame,
                transition,
                link,
                base,
                beta[Exposure.GLOBAL.ordinal()],
                local ? wBorder : null,
                wSub,
                wAlly,
                frailtySd);
    }

    /** β/d, the weight of one party in a share with denominator d; 0 for an empty denominator. */
    private static double weight(double beta, int denominator) {
        return denominator == 0 ? 0.0 : beta / denominator;
    }

    /** The prepared hazard: precomputed base η and exposure weights per state-year, shared read-only. */
    private static final class Rule implements TransitionRule {
        final RunFrame frame;
        final Transition transition;
        final Link link;
        final double[] base;
        final double betaGlobal;
        /** Null when the model has no border, subregion or allies term. */
        final double[] wBorder;

        final double[] wSub;
        final double[] wAlly;
        final double frailtySd;

        Rule(
                RunFrame frame,
                Transition transition,
                Link link,
                double[] base,
                double betaGlobal,
                double[] wBorder,
                double[] wSub,
                double[] wAlly,
                double frailtySd) {
            this.frame = frame;
            this.transition = transition;
            this.link = link;
            this.base = base;
            this.betaGlobal = betaGlobal;
            this.wBorder = wBorder;
            this.wSub = wSub;
            this.wAlly = wAlly;
            this.frailtySd = frailtySd;
        }

        @Override
        public Worker newWorker() {
            return new HazardWorker(this);
        }
    }

    /**
     * The hot loop, over the states at risk only. η = base + β_global·share_global + Σ (β/d)·count
     * over the local exposures, which equals β·(count/d) up to rounding in the last bit, plus the
     * state's frailty b_s if the hazard has one. Each state's uniform comes from its own counter-based
     * substream (see {@link Uniforms}). Without frailty the loops are those of a hazard that never had
     * one: the frailty loops are separate copies, chosen once per year, not a branch per state.
     */
    private static final class HazardWorker implements TransitionRule.Worker {
        private final Rule rule;
        private final double[] cuts;
        /** This replicate's b_s by state; null without frailty. */
        private final double[] frailty;

        private long key;

        HazardWorker(Rule rule) {
            this.rule = rule;
            this.cuts = Uniforms.cuts(rule.link);
            this.frailty = rule.frailtySd > 0 ? new double[rule.frame.states] : null;
        }

        @Override
        public void begin(ReplicateStreams streams) {
            this.key = streams.of(rule.transition).nextLong();
            if (frailty != null) {
                // Every state in index order, at risk or not, so that b_s does not depend on the path.
                RandomGenerator g = streams.frailty(rule.transition);
                double sd = rule.frailtySd;
                for (int s = 0; s < frailty.length; s++) {
                    frailty[s] = sd * g.nextGaussian();
                }
            }
        }

        @Override
        public int decide(Snapshot snap, int[] out) {
            final Rule r = rule;
            final int n = r.frame.states;
            final int[] list = snap.risk[r.transition.ordinal()];
            final int atRisk = snap.riskCount[r.transition.ordinal()];
            if (atRisk == 0) {
                return 0;
            }
            final long year = Uniforms.yearBase(key, r.frame.start + snap.k);
            final double[] base = r.base;
            final double[] cut = cuts;
            final double global = r.betaGlobal * snap.shareGlobal;
            final int o = snap.k * n;
            final Link link = r.link;
            final double[] b = frailty;
            int events = 0;
            if (r.wBorder == null && b != null) {
                for (int j = 0; j < atRisk; j++) {
                    final int s = list[j];
                    final double eta = base[o + s] + global + b[s];
                    final int w = (int) (Uniforms.mix(year + Uniforms.GAMMA * s) >>> 32);
                    final int c = Uniforms.bucket(w);
                    out[events] = s;
                    if (eta >= cut[c + 1]) {
                        events++;
                    } else if (eta >= cut[c] && eta >= link.linearPredictor(Uniforms.uniform(w))) {
                        events++;
                    }
                }
                return events;
            }
            if (r.wBorder == null) {
                for (int j = 0; j < atRisk; j++) {
                    final int s = list[j];
                    final double eta = base[o + s] + global;
                    final int w = (int) (Uniforms.mix(year + Uniforms.GAMMA * s) >>> 32);
                    final int c = Uniforms.bucket(w);
                    out[events] = s;
                    if (eta >= cut[c + 1]) {
                        events++;
                    } else if (eta >= cut[c] && eta >= link.linearPredictor(Uniforms.uniform(w))) {
                        events++;
                    }
                }
                return events;
            }
            final double[] wb = r.wBorder;
            final double[] ws = r.wSub;
            final double[] wa = r.wAlly;
            final int[] sub = r.frame.subregion;
            final int[] nb = snap.borderParties;
            final int[] sp = snap.subregionParties;
            final double allies = snap.allyParties;
            if (b != null) {
                for (int j = 0; j < atRisk; j++) {
                    final int s = list[j];
                    final int i = o + s;
                    final double eta = base[i] + global + wb[i] * nb[s] + ws[i] * sp[sub[s]] + wa[i] * allies + b[s];
                    final int w = (int) (Uniforms.mix(year + Uniforms.GAMMA * s) >>> 32);
                    final int c = Uniforms.bucket(w);
                    out[events] = s;
                    if (eta >= cut[c + 1]) {
                        events++;
                    } else if (eta >= cut[c] && eta >= link.linearPredictor(Uniforms.uniform(w))) {
                        events++;
                    }
                }
                return events;
            }
            for (int j = 0; j < atRisk; j++) {
                final int s = list[j];
                final int i = o + s;
                final double eta = base[i] + global + wb[i] * nb[s] + ws[i] * sp[sub[s]] + wa[i] * allies;
                final int w = (int) (Uniforms.mix(year + Uniforms.GAMMA * s) >>> 32);
                final int c = Uniforms.bucket(w);
                out[events] = s;
                if (eta >= cut[c + 1]) {
                    events++;
                } else if (eta >= cut[c] && eta >= link.linearPredictor(Uniforms.uniform(w))) {
                    events++;
                }
            }
            return events;
        }
    }
}
