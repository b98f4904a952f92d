package org.normlab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hipparchus.special.Erf;
import org.normlab.estimate.Link;

/**
 * The posterior of each state's frailty given its observed history of one transition before the
 * simulation starts: p(b | y) ∝ N(b; 0, σ²) Π_t f(y_t | η_t + b) over the state's observed risk-years
 * t &lt; start (in the system, with the status the transition starts from, every term of the hazard
 * observed), y_t = 1 in the year it made the transition. η_t is the hazard's linear predictor with
 * the exposures computed from the observed statuses of year t − 1 ({@link Exposures#compute}), as
 * in the panels the models are fitted on. A state-year with a missing covariate is left out, as a
 * fit leaves it out.
 *
 * <p>The posterior is computed exactly on a grid of {@value #NODES} points b = σ z, z from −{@value
 * #HALF_WIDTH} to {@value #HALF_WIDTH} in steps of 0.1, its density linear between the points; a
 * draw inverts the resulting distribution function at a uniform u. A state without observed
 * risk-years draws from the prior itself, b = σ Φ⁻¹(u), exactly. Beyond ±{@value #HALF_WIDTH}σ the
 * prior leaves less than 2·10⁻⁹ of its mass, and the likelihood of at most one transition cannot move
 * the posterior there at the σ a fit gives.
 *
 * <p>The history depends only on years before the start: the hazard's terms and the observed
 * statuses up to start − 1.
 *
 * <p>A state that cannot make the transition during the run (for adoption, one that is party or has
 * withdrawn at the start; for withdrawal, one that has withdrawn) never uses its frailty: its
 * posterior is not computed ({@link #used}), which spares most of the work in a projection from the
 * present, where most states are parties.
 */
public final class FrailtyPosterior {
    /** Grid points per state. */
    public static final int NODES = 121;
    /** The grid's half width in units of σ. */
    public static final double HALF_WIDTH = 6.0;

    private static final double STEP = 2 * HALF_WIDTH / (NODES - 1);

    private final int states;
    private final int terms;
    /** Per state: its records are rows {@code offset[s]..offset[s+1]−1}. */
    private final int[] offset;
    /** Row-major: per record, the value of every term, in the hazard's term order. */
    private final double[] x;

    private final boolean[] event;
    /** Per state: whether it can make the transition during the run, and so uses its frailty. */
    private final boolean[] used;

    private FrailtyPosterior(int states, int terms, int[] offset, double[] x, boolean[] event, boolean[] used) {
        this.used = used;
        this.states = states;
        this.terms = terms;
        this.offset = offset;
        this.x = x;
        this.event = event;
    }

    /**
     * The observed history of {@code transition} in {@code frame}'s world before its start, for a
     * hazard with these terms (built-in, exposure or covariate names).
     */
    public static FrailtyPosterior history(RunFrame frame, Transition transition, List<String> termNames) {
        SimWorld w = frame.world;
        int n = frame.states;
        int p = termNames.size();
        int from = Math.max(w.openingYear(), w.firstYear());
        List<double[]> rows = new ArrayList<>();
        List<Boolean> events = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        boolean[] used = new boolean[n];
        for (int s = 0; s < n; s++) {
            byte st = frame.initialStatus[s];
            used[s] = transition == Transition.ADOPTION ? st == Status.NOT_PARTY : st != Status.WITHDRAWN;
        }
        if (frame.start > from) {
            RunFrame past = RunFrame.of(w, from, frame.start - 1);
            double[][] values = new double[p][];
            Exposure[] exposure = new Exposure[p];
            for (int j = 0; j < p; j++) {
                Optional<Exposure> e = Exposure.ofTerm(termNames.get(j));
                if (e.isPresent()) {
                    exposure[j] = e.get();
                } else if (Terms.tieKind(termNames.get(j)) != null) {
                    // an exposure to a stored network, from the observed statuses as the simulation reads it
                    values[j] = TermReplay.values(past, termNames.get(j));
                } else {
                    values[j] = past.term(termNames.get(j), false);
                }
            }
            double[][] share = new double[Exposure.values().length][n];
            boolean[] party = new boolean[n];
            for (int k = 0; k < past.years; k++) {
                int year = from + k;
                byte[] before = w.statusAtStartOf(year);
                Optional<byte[]> after = w.observedStatus(year);
                if (after.isEmpty()) {
                    break;
                }
                for (int s = 0; s < n; s++) {
                    party[s] = before[s] == Status.PARTY;
                }
                Exposures.compute(
                        party,
                        past.in[k],
                        past.neighbours,
                        past.subregion,
                        past.ally[k],
                        share[Exposure.GLOBAL.ordinal()],
                        share[Exposure.BORDER.ordinal()],
                        share[Exposure.SUBREGION.ordinal()],
                        share[Exposure.ALLIES.ordinal()]);
                for (int s = 0; s < n; s++) {
                    if (!used[s] || !past.in[k + 1][s] || before[s] != transition.atRisk()) {
                        continue;
                    }
                    double[] row = new double[p];
                    boolean ok = true;
                    for (int j = 0; j < p; j++) {
                        row[j] = exposure[j] != null ? share[exposure[j].ordinal()][s] : values[j][k * n + s];
                        ok &= Double.isFinite(row[j]);
                    }
                    if (!ok) {
                        continue;
                    }
                    byte now = after.get()[s];
                    rows.add(row);
                    events.add(transition == Transition.ADOPTION ? now == Status.PARTY : now == Status.WITHDRAWN);
                    owner.add(s);
                }
            }
        }
        int m = rows.size();
        int[] offset = new int[n + 1];
        for (int s : owner) {
            offset[s + 1]++;
        }
        for (int s = 0; s < n; s++) {
            offset[s + 1] += offset[s];
        }
        double[] x = new double[m * p];
        boolean[] ev = new boolean[m];
        int[] fill = offset.clone();
        for (int r = 0; r < m; r++) {
            int at = fill[owner.get(r)]++;
            System.arraycopy(rows.get(r), 0, x, at * p, p);
            ev[at] = events.get(r);
        }
        return new FrailtyPosterior(n, p, offset, x, ev, used);
    }

    /** Whether state s can make the transition during the run; if not, its frailty is never used. */
    public boolean used(int s) {
        return used[s];
    }

    /** Number of observed risk-years of state s before the start (0 for a state not {@link #used}). */
    public int riskYears(int s) {
        return offset[s + 1] - offset[s];
    }

    /** Number of observed transitions of state s before the start. */
    public int events(int s) {
        int c = 0;
        for (int r = offset[s]; r < offset[s + 1]; r++) {
            c += event[r] ? 1 : 0;
        }
        return c;
    }

    /** Entries per state in the array {@link #distribution} fills: the distribution function, then the density. */
    public static final int ROW = 2 * NODES;

    /**
     * Fills {@code out} ({@link #ROW} entries per state) with each state's posterior distribution
     * function at the grid points followed by its density there (both normalized, z scale), for
     * coefficients {@code beta} (in term order) and frailty sd {@code sigma}; a state without history
     * gets NaN (it draws from the prior).
     *
     * @param eta scratch space, at least {@link #longestHistory()} long
     */
    public void distribution(double[] beta, double sigma, Link link, double[] out, double[] eta) {
        for (int s = 0; s < states; s++) {
            int o = s * ROW;
            int from = offset[s];
            int to = offset[s + 1];
            if (from == to || sigma == 0) {
                out[o] = Double.NaN;
                continue;
            }
            for (int r = from; r < to; r++) {
                double e = 0;
                int row = r * terms;
                for (int j = 0; j < terms; j++) {
                    e += beta[j] * x[row + j];
                }
                eta[r - from] = e;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < NODES; g++) {
                double z = -HALF_WIDTH + g * STEP;
                double b = sigma * z;
                double l = -0.5 * z * z;
                for (int r = from; r < to; r++) {
                    l += logLikelihood(link, eta[r - from] + b, event[r]);
                }
                out[o + NODES + g] = l;
                max = Math.max(max, l);
            }
            // The density is taken linear between grid points: each cell's mass is a trapezoid.
            for (int g = 0; g < NODES; g++) {
                out[o + NODES + g] = Math.exp(out[o + NODES + g] - max);
            }
            out[o] = 0;
            for (int g = 1; g < NODES; g++) {
                out[o + g] = out[o + g - 1] + 0.5 * STEP * (out[o + NODES + g - 1] + out[o + NODES + g]);
            }
            double total = out[o + NODES - 1];
            for (int g = 0; g < NODES; g++) {
                out[o + g] /= total;
                out[o + NODES + g] /= total;
            }
        }
    }

    /** The posterior mean of state s's frailty from a row of {@link #distribution}, by the trapezoid rule; NaN without history. */
    public static double mean(double[] dist, int s, double sigma) {
        int o = s * ROW;
        if (Double.isNaN(dist[o])) {
            return Double.NaN;
        }
        double m = 0;
        for (int g = 1; g < NODES; g++) {
            double z0 = -HALF_WIDTH + (g - 1) * STEP;
            double z1 = z0 + STEP;
            m += 0.5 * STEP * (z0 * dist[o + NODES + g - 1] + z1 * dist[o + NODES + g]);
        }
        return sigma * m;
    }

    /** Largest number of observed risk-years of a state: the scratch {@link #distribution} needs. */
    public int longestHistory() {
        int m = 0;
        for (int s = 0; s < states; s++) {
            m = Math.max(m, riskYears(s));
        }
        return m;
    }

    /**
     * A draw of state s's frailty at uniform u in (0, 1): the inverse of its posterior distribution
     * function (a row of {@link #distribution}), or σ Φ⁻¹(u) for a state without history.
     */
    public static double draw(double[] dist, int s, double sigma, double u) {
        int o = s * ROW;
        if (Double.isNaN(dist[o])) {
            return sigma * Math.sqrt(2) * Erf.erfInv(2 * u - 1);
        }
        // The cell holding u: dist[o + lo] ≤ u < dist[o + hi], hi = lo + 1.
        int lo = 0;
        int hi = NODES - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (dist[o + mid] <= u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double d0 = dist[o + NODES + lo];
        double d1 = dist[o + NODES + hi];
        double tau = Math.max(0, u - dist[o + lo]);
        // Solve d0·x + (d1 − d0)·x²/(2h) = τ for x in [0, h], in the form without cancellation.
        double root = Math.sqrt(Math.max(0, d0 * d0 + 2 * (d1 - d0) * tau / STEP));
        double x = d0 + root > 0 ? 2 * tau / (d0 + root) : 0;
        x = Math.min(STEP, Math.max(0, x));
        return sigma * (-HALF_WIDTH + lo * STEP + x);
    }

    /** log f(y | η): log p for an event, log(1 − p) otherwise, computed without cancellation. */
    static double logLikelihood(Link link, double eta, boolean event) {
        if (link == Link.LOGIT) {
            // log p = −log(1 + e^−η), log(1 − p) = −log(1 + e^η)
            double e = event ? -eta : eta;
            return e > 0 ? -(e + Math.log1p(Math.exp(-e))) : -Math.log1p(Math.exp(e));
        }
        double h = Math.exp(eta); // cloglog: 1 − p = exp(−e^η)
        return event ? Math.log(-Math.expm1(-h)) : -h;
    }
}
