package org.normlab.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * nothing and gives the same results as a hazard without frailty. With {@link FrailtyMode#POSTERIOR}
 * each b_s is drawn instead from its posterior given the state's observed history of the transition
 * before the start ({@link FrailtyPosterior}), by inverting its distribution function at one uniform
 * per state, in index order, from the same stream; a state without history draws from the prior.
 *
 * <p><b>Parameter uncertainty.</b> With a {@link ParameterCovariance} and parameter sampling on, the
 * coefficients named in the covariance (and σ, through log σ, if it is named) are drawn once per
 * replicate from their estimated sampling distribution N(θ̂, V̂), θ = θ̂ + L z, the z standard normals
 * of the transition's parameter stream ({@link ReplicateStreams#parameters}), one per parameter in
 * the covariance's order. Terms the covariance does not name (e.g. a scenario's incentives) keep
 * their value. A scenario and its baseline use the same streams and so the same draw in the same
 * replicate. The drawn parameters are fixed before the frailties are drawn, which use them.
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
 * @param frailtyMode  how the frailties are drawn: from the prior or from each state's posterior
 * @param covariance   the estimated sampling covariance of the parameters, if known
 * @param sampleParameters whether each replicate draws its parameters from N(θ̂, V̂); needs a covariance
 * @param tied         terms whose coefficient is another term's, by name (e.g. an incentive as large as
 *                     a model term's effect): equal to it in every replicate, drawn or not
 * @param posteriorGrid where posterior frailties are computed ({@link FrailtyPosterior.Grid#ADAPTIVE}
 *                     unless a comparison asks for another)
 */
public record LinearIndexHazard(
        Map<String, Double> coefficients,
        Link link,
        double frailtySd,
        FrailtyMode frailtyMode,
        Optional<ParameterCovariance> covariance,
        boolean sampleParameters,
        Map<String, String> tied,
        FrailtyPosterior.Grid posteriorGrid)
        implements TransitionModel {

    public LinearIndexHazard {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(frailtyMode, "frailtyMode");
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(posteriorGrid, "posteriorGrid");
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
        if (covariance.isPresent()) {
            for (String name : covariance.get().names()) {
                if (!coefficients.containsKey(name) && !name.equals(ParameterCovariance.LOG_FRAILTY_SD)) {
                    throw new IllegalArgumentException("the covariance names " + name + ", not a term of the hazard");
                }
            }
        }
        if (sampleParameters && covariance.isEmpty()) {
            throw new IllegalArgumentException("sampling the parameters needs their covariance");
        }
        tied = Collections.unmodifiableMap(new TreeMap<>(tied));
        for (var e : tied.entrySet()) {
            if (!coefficients.containsKey(e.getKey())
                    || !coefficients.containsKey(e.getValue())
                    || tied.containsKey(e.getValue())
                    || !coefficients.get(e.getKey()).equals(coefficients.get(e.getValue()))) {
                throw new IllegalArgumentException("term " + e.getKey() + " can be tied only to another untied term"
                        + " of the hazard with the same coefficient, not to " + e.getValue());
            }
        }
    }

    /** A hazard with these settings whose posterior frailties are computed on {@link FrailtyPosterior.Grid#ADAPTIVE}. */
    public LinearIndexHazard(
            Map<String, Double> coefficients,
            Link link,
            double frailtySd,
            FrailtyMode frailtyMode,
            Optional<ParameterCovariance> covariance,
            boolean sampleParameters,
            Map<String, String> tied) {
        this(
                coefficients,
                link,
                frailtySd,
                frailtyMode,
                covariance,
                sampleParameters,
                tied,
                FrailtyPosterior.Grid.ADAPTIVE);
    }

    /** A hazard with these coefficients, link and frailty drawn from the prior, without covariance. */
    public LinearIndexHazard(Map<String, Double> coefficients, Link link, double frailtySd) {
        this(coefficients, link, frailtySd, FrailtyMode.PRIOR, Optional.empty(), false, Map.of());
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
        return new LinearIndexHazard(
                coefficients, link, sd, frailtyMode, covariance, sampleParameters, tied, posteriorGrid);
    }

    /** This hazard drawing its frailties as {@code mode} says. */
    public LinearIndexHazard withFrailtyMode(FrailtyMode mode) {
        return new LinearIndexHazard(
                coefficients, link, frailtySd, mode, covariance, sampleParameters, tied, posteriorGrid);
    }

    /**
     * This hazard with the sampling covariance of its parameters, restricted to its terms (and log σ);
     * none when it names none of them.
     */
    public LinearIndexHazard withCovariance(ParameterCovariance cov) {
        Set<String> keep = new HashSet<>(coefficients.keySet());
        keep.add(ParameterCovariance.LOG_FRAILTY_SD);
        ParameterCovariance c = cov == null ? null : cov.restrictedTo(keep);
        return new LinearIndexHazard(
                coefficients,
                link,
                frailtySd,
                frailtyMode,
                Optional.ofNullable(c),
                sampleParameters && c != null,
                tied,
                posteriorGrid);
    }

    /**
     * This hazard drawing, or not, its parameters per replicate from N(θ̂, V̂).
     *
     * @throws IllegalArgumentException when sampling is asked of a hazard without covariance
     */
    public LinearIndexHazard withParameterSampling(boolean sample) {
        return new LinearIndexHazard(
                coefficients, link, frailtySd, frailtyMode, covariance, sample, tied, posteriorGrid);
    }

    /**
     * This hazard with further terms, e.g. a scenario's incentives; their coefficients are not sampled.
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
        return new LinearIndexHazard(
                all, link, frailtySd, frailtyMode, covariance, sampleParameters, tied, posteriorGrid);
    }

    /**
     * This hazard with terms tied to others: each key's coefficient is its value's, in every replicate
     * (with parameter sampling, the drawn one).
     *
     * @throws IllegalArgumentException unless each key and value are terms with the same coefficient
     */
    public LinearIndexHazard withTies(Map<String, String> ties) {
        Map<String, String> all = new TreeMap<>(tied);
        all.putAll(ties);
        return new LinearIndexHazard(
                coefficients, link, frailtySd, frailtyMode, covariance, sampleParameters, all, posteriorGrid);
    }

    /**
     * This hazard computing its posterior frailties on {@code grid}: for comparisons of grids
     * (benchmarks, accuracy checks); the simulation's own is {@link FrailtyPosterior.Grid#ADAPTIVE}.
     */
    public LinearIndexHazard withPosteriorGrid(FrailtyPosterior.Grid grid) {
        return new LinearIndexHazard(
                coefficients, link, frailtySd, frailtyMode, covariance, sampleParameters, tied, grid);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "linear_index_hazard");
        d.put("link", link.label());
        d.put("coefficients", coefficients);
        d.put("frailty_sd", frailtySd);
        // Only the new settings add keys, so that the manifests of runs without them are unchanged.
        if (frailtyMode == FrailtyMode.POSTERIOR) {
            d.put("frailty", frailtyMode.label());
        }
        if (!tied.isEmpty()) {
            d.put("tied_terms", tied);
        }
        if (sampleParameters) {
            d.put("uncertainty", "coefficients");
            d.put("sampled_parameters", covariance.get().names());
        }
        return d;
    }

    @Override
    public TransitionRule prepare(RunFrame frame, Transition transition) {
        List<String> names = new ArrayList<>(coefficients.keySet());
        double[] beta = new double[names.size()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = coefficients.get(names.get(j));
        }
        TermValues terms = new TermValues(frame, names);
        int size = frame.years * frame.states;
        double[] base = new double[size];
        double[] wBorder = new double[size];
        double[] wSub = new double[size];
        double[] wAlly = new double[size];
        double[] betaExposure = terms.fill(frame, transition, beta, base, wBorder, wSub, wAlly);
        boolean local = betaExposure[Exposure.BORDER.ordinal()] != 0
                || betaExposure[Exposure.SUBREGION.ordinal()] != 0
                || betaExposure[Exposure.ALLIES.ordinal()] != 0;
        FrailtyPosterior history = frailtyMode == FrailtyMode.POSTERIOR && (frailtySd > 0 || sampleParameters)
                ? FrailtyPosterior.history(frame, transition, names).on(posteriorGrid)
                : null;
        double[] posterior = null;
        if (history != null && !sampleParameters) {
            posterior = new double[frame.states * posteriorGrid.row()];
            history.distribution(beta, frailtySd, link, posterior, new double[history.longestHistory()]);
        }
        return new Rule(
                frame,
                transition,
                link,
                base,
                betaExposure,
                local ? wBorder : null,
                wSub,
                wAlly,
                frailtySd,
                beta,
                sampleParameters ? terms : null,
                sampleParameters ? covariance.get() : null,
                names,
                tied.entrySet().stream()
                        .map(e -> new int[] {names.indexOf(e.getKey()), names.indexOf(e.getValue())})
                        .toArray(int[][]::new),
                history,
                posterior,
                tieTerms(terms));
    }

    /** The indices of the {@code share_ties_K} terms and their networks, or null without any. */
    private static TieTerms tieTerms(TermValues terms) {
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < terms.network.length; j++) {
            if (terms.network[j] != null) {
                idx.add(j);
            }
        }
        if (idx.isEmpty()) {
            return null;
        }
        int[] index = idx.stream().mapToInt(Integer::intValue).toArray();
        TieNetwork[] nets = new TieNetwork[index.length];
        for (int m = 0; m < index.length; m++) {
            nets[m] = terms.network[index[m]];
        }
        return new TieTerms(index, nets);
    }

    /** The model's {@code share_ties_K} terms: their indices in term order and their networks. */
    private record TieTerms(int[] index, TieNetwork[] network) {}

    /** β/d, the weight of one party in a share with denominator d; 0 for an empty denominator. */
    private static double weight(double beta, int denominator) {
        return denominator == 0 ? 0.0 : beta / denominator;
    }

    /**
     * The term values of a run that do not depend on the simulated world, and the one computation of
     * the base η and the exposure weights from coefficients: once per run, or per replicate when the
     * parameters are drawn.
     */
    private static final class TermValues {
        /** Per term in coefficient order: its values {@code [k * S + s]}, null for an exposure. */
        final double[][] x;
        /** Per term: its exposure, or null. */
        final Exposure[] exposure;
        /** Per term: its stored network for a {@code share_ties_K} term, or null. */
        final TieNetwork[] network;

        TermValues(RunFrame frame, List<String> names) {
            x = new double[names.size()][];
            exposure = new Exposure[names.size()];
            network = new TieNetwork[names.size()];
            for (int j = 0; j < names.size(); j++) {
                var e = Exposure.ofTerm(names.get(j));
                String kind = Terms.tieKind(names.get(j));
                if (e.isPresent()) {
                    exposure[j] = e.get();
                } else if (kind != null) {
                    String term = names.get(j);
                    network[j] = frame.world
                            .ties(kind)
                            .orElseThrow(() -> new IllegalArgumentException("unknown term '" + term
                                    + "': the world holds no ties of kind " + kind + " (kinds: "
                                    + String.join(", ", frame.world.tieKinds()) + ")"));
                } else {
                    x[j] = frame.term(names.get(j));
                }
            }
        }

        /** Fills base η and the weights for coefficients {@code beta}; returns β by exposure (ordinal). */
        double[] fill(
                RunFrame frame,
                Transition transition,
                double[] beta,
                double[] base,
                double[] wBorder,
                double[] wSub,
                double[] wAlly) {
            int n = frame.states;
            int size = frame.years * n;
            Arrays.fill(base, 0.0);
            double[] betaExposure = new double[Exposure.values().length];
            for (int j = 0; j < beta.length; j++) {
                if (exposure[j] != null) {
                    betaExposure[exposure[j].ordinal()] = beta[j];
                    continue;
                }
                if (network[j] != null) {
                    continue; // from the simulated world, in the worker
                }
                double b = beta[j];
                double[] v = x[j];
                for (int i = 0; i < size; i++) {
                    base[i] += b * v[i];
                }
            }
            double bBorder = betaExposure[Exposure.BORDER.ordinal()];
            double bSub = betaExposure[Exposure.SUBREGION.ordinal()];
            double bAlly = betaExposure[Exposure.ALLIES.ordinal()];
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
            return betaExposure;
        }
    }

    /** The prepared hazard: precomputed base η and exposure weights per state-year, shared read-only. */
    private static final class Rule implements TransitionRule {
        final RunFrame frame;
        final Transition transition;
        final Link link;
        final double[] base;
        final double[] betaExposure;
        /** Null when the model has no border, subregion or allies term. */
        final double[] wBorder;

        final double[] wSub;
        final double[] wAlly;
        final double frailtySd;
        /** The coefficients in term order. */
        final double[] beta;
        /** With parameter sampling: the term values and the covariance; null otherwise. */
        final TermValues terms;

        final ParameterCovariance covariance;
        final List<String> names;
        /** Per tie: the tied term's index and its source's, in term order. */
        final int[][] ties;
        /** With posterior frailties: the observed history; null otherwise. */
        final FrailtyPosterior history;
        /** With posterior frailties and fixed parameters: the posteriors, computed once; null otherwise. */
        final double[] posterior;
        /** The share_ties_K terms, null without any. */
        final TieTerms tieTerms;

        Rule(
                RunFrame frame,
                Transition transition,
                Link link,
                double[] base,
                double[] betaExposure,
                double[] wBorder,
                double[] wSub,
                double[] wAlly,
                double frailtySd,
                double[] beta,
                TermValues terms,
                ParameterCovariance covariance,
                List<String> names,
                int[][] ties,
                FrailtyPosterior history,
                double[] posterior,
                TieTerms tieTerms) {
            this.frame = frame;
            this.transition = transition;
            this.link = link;
            this.base = base;
            this.betaExposure = betaExposure;
            this.wBorder = wBorder;
            this.wSub = wSub;
            this.wAlly = wAlly;
            this.frailtySd = frailtySd;
            this.beta = beta;
            this.terms = terms;
            this.covariance = covariance;
            this.names = names;
            this.ties = ties;
            this.history = history;
            this.posterior = posterior;
            this.tieTerms = tieTerms;
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
     * one: the frailty loops are separate copies, chosen once per year, not a branch per state. With
     * parameter sampling the worker recomputes its own base η and weights at the start of each
     * replicate; otherwise it reads the rule's, shared by all threads.
     */
    private static final class HazardWorker implements TransitionRule.Worker {
        private final Rule rule;
        private final double[] cuts;
        /** This replicate's b_s by state; null without frailty. */
        private final double[] frailty;

        private double[] base;
        private double[] wBorder;
        /** With parameter sampling: the border weights, filled even when the model has none. */
        private final double[] wBorderAll;

        private double[] wSub;
        private double[] wAlly;
        private double[] betaExposure;
        private double betaGlobal;
        private double sigma;
        /** With parameter sampling: this replicate's coefficients, the Cholesky factor, scratch. */
        private final double[] beta;

        private final double[] cholesky;
        private final double[] theta;
        private final int[] index;
        private final double[] posterior;
        private final double[] eta;

        private long key;

        HazardWorker(Rule rule) {
            this.rule = rule;
            this.cuts = Uniforms.cuts(rule.link);
            boolean sampling = rule.terms != null;
            this.frailty = rule.frailtySd > 0 || (sampling && rule.covariance.hasFrailty())
                    ? new double[rule.frame.states]
                    : null;
            this.base = rule.base;
            this.wBorder = rule.wBorder;
            this.wSub = rule.wSub;
            this.wAlly = rule.wAlly;
            this.betaExposure = rule.betaExposure;
            this.betaGlobal = rule.betaExposure[Exposure.GLOBAL.ordinal()];
            this.sigma = rule.frailtySd;
            if (sampling) {
                int size = rule.base.length;
                this.base = new double[size];
                this.wBorderAll = new double[size];
                this.wBorder = rule.wBorder == null ? null : wBorderAll;
                this.wSub = new double[size];
                this.wAlly = new double[size];
                this.beta = rule.beta.clone();
                this.cholesky = rule.covariance.cholesky();
                this.theta = new double[rule.covariance.size()];
                this.index = new int[theta.length];
                for (int i = 0; i < index.length; i++) {
                    index[i] = rule.names.indexOf(rule.covariance.names().get(i));
                }
                boolean post = rule.history != null;
                this.posterior = post
                        ? new double[rule.frame.states * rule.history.grid().row()]
                        : null;
                this.eta = post ? new double[rule.history.longestHistory()] : null;
            } else {
                this.wBorderAll = null;
                this.beta = rule.beta;
                this.cholesky = null;
                this.theta = null;
                this.index = null;
                this.posterior = rule.posterior;
                this.eta = null;
            }
        }

        @Override
        public void begin(ReplicateStreams streams) {
            this.key = streams.of(rule.transition).nextLong();
            if (cholesky != null) {
                drawParameters(streams.parameters(rule.transition));
            }
            if (frailty != null) {
                // Every state in index order, at risk or not, so that b_s does not depend on the path.
                RandomGenerator g = streams.frailty(rule.transition);
                double sd = sigma;
                if (rule.history != null) {
                    if (cholesky != null) {
                        rule.history.distribution(beta, sd, rule.link, posterior, eta);
                    }
                    for (int s = 0; s < frailty.length; s++) {
                        double u = openUniform(
                                g); // taken by every state, so that the stream does not depend on who is used
                        frailty[s] = rule.history.used(s) ? rule.history.draw(posterior, s, sd, u) : 0.0;
                    }
                } else {
                    for (int s = 0; s < frailty.length; s++) {
                        frailty[s] = sd * g.nextGaussian();
                    }
                }
            }
        }

        /** θ = θ̂ + L z, then this replicate's base η and weights from the drawn coefficients. */
        private void drawParameters(RandomGenerator g) {
            int m = theta.length;
            for (int i = 0; i < m; i++) {
                theta[i] = g.nextGaussian();
            }
            for (int i = m - 1; i >= 0; i--) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += cholesky[i * m + j] * theta[j];
                }
                theta[i] = s; // row i uses z_0..z_i only, so filling from the end keeps them intact
            }
            sigma = rule.frailtySd;
            for (int i = 0; i < m; i++) {
                int j = index[i];
                if (j >= 0) {
                    beta[j] = rule.beta[j] + theta[i];
                } else if (rule.frailtySd > 0) {
                    sigma = Math.exp(Math.log(rule.frailtySd) + theta[i]);
                }
            }
            for (int[] t : rule.ties) {
                beta[t[0]] = beta[t[1]];
            }
            betaExposure = rule.terms.fill(rule.frame, rule.transition, beta, base, wBorderAll, wSub, wAlly);
            betaGlobal = betaExposure[Exposure.GLOBAL.ordinal()];
        }

        /** A uniform in (0, 1), never 0 or 1, so that its normal quantile is finite. */
        private static double openUniform(RandomGenerator g) {
            return ((g.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        }

        @Override
        public double probability(Snapshot snap, int s) {
            double e = base[snap.k * rule.frame.states + s];
            if (Double.isNaN(e)) {
                return 0.0;
            }
            e += betaGlobal * snap.shareGlobal;
            if (wBorder != null) {
                e += betaExposure[Exposure.BORDER.ordinal()] * snap.shareBorder(s)
                        + betaExposure[Exposure.SUBREGION.ordinal()] * snap.shareSubregion(s)
                        + betaExposure[Exposure.ALLIES.ordinal()] * snap.shareAllies(s);
            }
            e += tieTerms(snap, s);
            if (frailty != null) {
                e += frailty[s];
            }
            return rule.link.probability(e);
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
            if (r.tieTerms != null) {
                return decideWithNetworks(snap, out);
            }
            final long year = Uniforms.yearBase(key, r.frame.start + snap.k);
            final double[] base = this.base;
            final double[] cut = cuts;
            final double global = betaGlobal * snap.shareGlobal;
            final int o = snap.k * n;
            final Link link = r.link;
            final double[] b = frailty;
            int events = 0;
            if (wBorder == null && b != null) {
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
            if (wBorder == null) {
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
            final double[] wb = wBorder;
            final double[] ws = wSub;
            final double[] wa = wAlly;
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

        /** Σ β·share_ties_K of state s over the model's network terms, with this replicate's β. */
        private double tieTerms(Snapshot snap, int s) {
            TieTerms t = rule.tieTerms;
            if (t == null) {
                return 0.0;
            }
            double e = 0.0;
            for (int m = 0; m < t.index().length; m++) {
                e += beta[t.index()[m]] * snap.shareTies(t.network()[m], s);
            }
            return e;
        }

        /** η with every kind of term, for a model with exposures to stored networks: one general loop. */
        private int decideWithNetworks(Snapshot snap, int[] out) {
            final Rule r = rule;
            final int n = r.frame.states;
            final int[] list = snap.risk[r.transition.ordinal()];
            final int atRisk = snap.riskCount[r.transition.ordinal()];
            final long year = Uniforms.yearBase(key, r.frame.start + snap.k);
            final double global = betaGlobal * snap.shareGlobal;
            final int o = snap.k * n;
            int events = 0;
            for (int j = 0; j < atRisk; j++) {
                final int s = list[j];
                final int i = o + s;
                double eta = base[i] + global + tieTerms(snap, s);
                if (wBorder != null) {
                    eta += wBorder[i] * snap.borderParties[s]
                            + wSub[i] * snap.subregionParties[r.frame.subregion[s]]
                            + wAlly[i] * snap.allyParties;
                }
                if (frailty != null) {
                    eta += frailty[s];
                }
                final int w = (int) (Uniforms.mix(year + Uniforms.GAMMA * s) >>> 32);
                final int c = Uniforms.bucket(w);
                out[events] = s;
                if (eta >= cuts[c + 1]) {
                    events++;
                } else if (eta >= cuts[c] && eta >= r.link.linearPredictor(Uniforms.uniform(w))) {
                    events++;
                }
            }
            return events;
        }
    }
}
