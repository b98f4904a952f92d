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
 * every term as the simulation reads it on the observed history ({@link TermReplay}): the exposures,
 * built-in or to a stored network, from the observed statuses of year t − 1, as in the panels the
 * models are fitted on. A state-year with a missing covariate is left out, as a
 * fit leaves it out.
 *
 * <p>The posterior is computed on a grid ({@link Grid}) of z = b / σ. The simulation's grid
 * ({@link Grid#ADAPTIVE}) is placed per state, and again whenever the coefficients or σ change (with
 * parameter uncertainty, in every replicate): the mode of the log posterior g(z) = −z²/2 + Σ_t log
 * f(y_t | η_t + σz) by Newton's method (g is strictly concave, for logit and cloglog alike), then on
 * each side the point where g has fallen {@value #TAIL} below its mode, found by Newton's method from
 * the normal approximation's mode ± √(2·{@value #TAIL} / −g″), clipped to the prior's ±{@value
 * #HALF_WIDTH}; {@value #ADAPTIVE_NODES} equally spaced points span that range. At every point g, g′
 * and g″ are computed exactly; the density's mass over each cell follows from them by two-point
 * Hermite quadrature (exact for a density of degree 5), and between the points the distribution
 * function is the quintic matching it, the density and the density's slope at both ends. A draw
 * inverts that distribution function at a uniform u. On the histories of the mine-ban risk set, under
 * the two-level model (logit and cloglog), each state's posterior mean and 5 %, 50 % and 95 % quantiles
 * agree with those of a fixed grid of 2,001 points and with R's integrate() to 3·10⁻⁵ σ (the test
 * holds them to 10⁻⁴ σ). Beyond the range the density is below e^−{@value #TAIL} of its peak (or the
 * prior leaves less than 2·10⁻⁹ of its mass beyond ±{@value #HALF_WIDTH}σ). A state without observed
 * risk-years draws from the prior itself, b = σ Φ⁻¹(u), exactly. The grid and the draws depend only
 * on the history, the coefficients, σ and u, not on the thread or the order of the replicates.
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
    /** The prior's reach on every grid, in units of σ. */
    public static final double HALF_WIDTH = 6.0;

    private final int states;
    private final int terms;
    /** Per state: its records are rows {@code offset[s]..offset[s+1]−1}. */
    private final int[] offset;
    /** Row-major: per record, the value of every term, in the hazard's term order. */
    private final double[] x;

    private final boolean[] event;
    /** Per state: whether it can make the transition during the run, and so uses its frailty. */
    private final boolean[] used;

    private final Grid grid;

    private FrailtyPosterior(
            int states, int terms, int[] offset, double[] x, boolean[] event, boolean[] used, Grid grid) {
        this.grid = grid;
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
            // Every term as the simulation reads it, the exposures (built-in or to a stored network)
            // from the world replayed with the observed statuses.
            double[][] values = new double[p][];
            for (int j = 0; j < p; j++) {
                String name = termNames.get(j);
                values[j] = Exposure.ofTerm(name).isPresent() || Terms.tieKind(name) != null
                        ? TermReplay.values(past, name)
                        : past.term(name, false);
            }
            for (int k = 0; k < past.years; k++) {
                int year = from + k;
                byte[] before = w.statusAtStartOf(year);
                Optional<byte[]> after = w.observedStatus(year);
                if (after.isEmpty()) {
                    break;
                }
                for (int s = 0; s < n; s++) {
                    if (!used[s] || !past.in[k + 1][s] || before[s] != transition.atRisk()) {
                        continue;
                    }
                    double[] row = new double[p];
                    boolean ok = true;
                    for (int j = 0; j < p; j++) {
                        row[j] = values[j][k * n + s];
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
        return new FrailtyPosterior(n, p, offset, x, ev, used, Grid.ADAPTIVE);
    }

    /**
     * The history of states whose records are rows {@code offset[s]..offset[s+1]−1} of {@code x}
     * (row-major, {@code terms} values each) and {@code event}, every state used: for checks of the
     * posterior on histories taken from a panel.
     */
    static FrailtyPosterior of(int[] offset, double[] x, int terms, boolean[] event) {
        int n = offset.length - 1;
        boolean[] used = new boolean[n];
        java.util.Arrays.fill(used, true);
        return new FrailtyPosterior(n, terms, offset, x, event, used, Grid.ADAPTIVE);
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

    /**
     * Where the posteriors are computed: {@code nodes} equally spaced points per state, either
     * spread over the prior's ±{@value #HALF_WIDTH}σ ({@link #fixed}) or placed around each state's
     * posterior mode ({@link #ADAPTIVE}). Immutable.
     *
     * @param nodes    points per state, at least 3
     * @param adaptive whether the points are placed around each state's mode rather than over ±6σ
     */
    public record Grid(int nodes, boolean adaptive) {
        /** The grid the simulation uses: {@value #ADAPTIVE_NODES} points around each state's mode. */
        public static final Grid ADAPTIVE = new Grid(ADAPTIVE_NODES, true);

        public Grid {
            if (nodes < 3) {
                throw new IllegalArgumentException("a posterior grid needs at least 3 points, got " + nodes);
            }
        }

        /** {@code nodes} points from −6σ to 6σ, the same for every state (121 gives steps of 0.1σ). */
        public static Grid fixed(int nodes) {
            return new Grid(nodes, false);
        }

        /**
         * Entries per state in the array {@link FrailtyPosterior#distribution} fills: the first
         * point and the step (z scale), then at every point the distribution function, the density
         * and its derivative.
         */
        public int row() {
            return 2 + 3 * nodes;
        }
    }

    /** Points per state of {@link Grid#ADAPTIVE}. */
    public static final int ADAPTIVE_NODES = 17;

    /**
     * How far the adaptive grid reaches: to where the log posterior density has fallen this far below
     * its value at the mode (a density ratio of e^−12 ≈ 6·10⁻⁶), or to ±{@value #HALF_WIDTH}σ.
     */
    public static final double TAIL = 12.0;

    /** The grid this history computes its posteriors on. */
    public Grid grid() {
        return grid;
    }

    /** This history, computing its posteriors on {@code other}. */
    public FrailtyPosterior on(Grid other) {
        return new FrailtyPosterior(states, terms, offset, x, event, used, other);
    }

    /**
     * Fills {@code out} ({@link Grid#row()} entries per state) with each state's posterior on this
     * history's grid (z = b / σ scale, normalized), for coefficients {@code beta} (in term order) and
     * frailty sd {@code sigma}; a state without history gets NaN (it draws from the prior).
     *
     * @param eta scratch space, at least {@link #longestHistory()} long
     */
    public void distribution(double[] beta, double sigma, Link link, double[] out, double[] eta) {
        int nodes = grid.nodes();
        int rowLength = grid.row();
        double[] d = new double[2];
        for (int s = 0; s < states; s++) {
            int o = s * rowLength;
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
            double z0 = 0;
            double step = 0;
            if (grid.adaptive()) {
                double[] lohi = span(link, eta, from, to, sigma, d);
                z0 = lohi[0];
                step = (lohi[1] - lohi[0]) / (nodes - 1);
            }
            if (!(step > 0)) {
                // Fixed, or an adaptive span that collapsed (a log posterior not finite near the mode).
                z0 = -HALF_WIDTH;
                step = 2 * HALF_WIDTH / (nodes - 1);
            }
            out[o] = z0;
            out[o + 1] = step;
            int cdf = o + 2;
            int pdf = cdf + nodes;
            int slope = pdf + nodes;
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < nodes; g++) {
                double l = logPosterior(link, eta, from, to, sigma, z0 + g * step, d);
                out[cdf + g] = d[1]; // the second derivative, until the distribution function is filled
                out[pdf + g] = l;
                out[slope + g] = d[0];
                max = Math.max(max, l);
            }
            // Density f = exp(log posterior), f' = f g', f'' = f (g'' + g'²) at every point.
            for (int g = 0; g < nodes; g++) {
                double f = Math.exp(out[pdf + g] - max);
                double g1 = out[slope + g];
                out[pdf + g] = f;
                out[slope + g] = f * g1;
                out[cdf + g] = f * (out[cdf + g] + g1 * g1);
            }
            // Each cell's mass by the two-point Hermite rule, exact for a density of degree 5; the
            // second derivatives are overwritten by the distribution function as it goes.
            double second = out[cdf];
            out[cdf] = 0;
            for (int g = 1; g < nodes; g++) {
                double next = out[cdf + g];
                out[cdf + g] = out[cdf + g - 1]
                        + cellIntegral(
                                step, out[pdf + g - 1], out[pdf + g], out[slope + g - 1], out[slope + g], second, next);
                second = next;
            }
            double total = out[cdf + nodes - 1];
            for (int g = 0; g < 3 * nodes; g++) {
                out[cdf + g] /= total;
            }
        }
    }

    /**
     * ∫₀ʰ p for a polynomial p of degree ≤ 5 from its values, first and second derivatives at both
     * ends (two-point Hermite quadrature).
     */
    private static double cellIntegral(double h, double p0, double p1, double d0, double d1, double s0, double s1) {
        return h * 0.5 * (p0 + p1) + h * h / 10 * (d0 - d1) + h * h * h / 120 * (s0 + s1);
    }

    /**
     * The adaptive grid's ends for one state: the mode of the log posterior g(z) by Newton's method
     * from z = 0 (g is strictly concave: its second derivative is at most −1, the prior's), then on
     * each side a point where g has fallen {@link #TAIL} below its mode, found by Newton's method on
     * g − (g(mode) − TAIL) from the normal approximation's guess; both within ±{@value #HALF_WIDTH}.
     */
    private double[] span(Link link, double[] eta, int from, int to, double sigma, double[] d) {
        double z = 0;
        double g = logPosterior(link, eta, from, to, sigma, z, d);
        double g1 = d[0];
        double g2 = d[1];
        for (int it = 0; it < 50; it++) {
            double next = clip(z - g1 / g2);
            if (Double.isNaN(next)) {
                break;
            }
            double gn = logPosterior(link, eta, from, to, sigma, next, d);
            // A step that lowers g is halved: far from the mode the quadratic model can overshoot.
            for (int half = 0; gn < g && half < 50; half++) {
                next = 0.5 * (z + next);
                gn = logPosterior(link, eta, from, to, sigma, next, d);
            }
            boolean done = Math.abs(next - z) < 1e-3; // the grid needs the mode only roughly
            z = next;
            g = gn;
            g1 = d[0];
            g2 = d[1];
            if (done) {
                break;
            }
        }
        double level = g - TAIL;
        double reach = Math.sqrt(2 * TAIL / -g2);
        return new double[] {
            edge(link, eta, from, to, sigma, z, clip(z - reach), level, d),
            edge(link, eta, from, to, sigma, z, clip(z + reach), level, d)
        };
    }

    /**
     * A point beyond {@code start}'s side of the mode where the log posterior is at most {@code
     * level} but not far below it (within 2), or the prior's bound if the posterior is above level
     * there. Newton's method on a concave function: from inside the level set one step lands
     * outside; from outside the steps move inward and stay outside.
     */
    private double edge(
            Link link,
            double[] eta,
            int from,
            int to,
            double sigma,
            double mode,
            double start,
            double level,
            double[] d) {
        double z = start;
        for (int it = 0; it < 20; it++) {
            double g = logPosterior(link, eta, from, to, sigma, z, d);
            boolean outside = g <= level;
            if ((outside && g >= level - 2) || (!outside && Math.abs(z) == HALF_WIDTH) || d[0] == 0) {
                break;
            }
            double next = clip(z - (g - level) / d[0]);
            if (Double.isNaN(next) || next == z || (next - mode) * (z - mode) <= 0) {
                break;
            }
            z = next;
        }
        return z;
    }

    private static double clip(double z) {
        return Math.max(-HALF_WIDTH, Math.min(HALF_WIDTH, z));
    }

    /**
     * The log posterior of state records {@code from..to−1} at z, up to a constant: g(z) = −z²/2 +
     * Σ log f(y_t | η_t + σz); {@code d} receives g′(z) and g″(z).
     */
    private double logPosterior(Link link, double[] eta, int from, int to, double sigma, double z, double[] d) {
        double b = sigma * z;
        double l = 0;
        double l1 = 0;
        double l2 = 0;
        if (link == Link.LOGIT) {
            for (int r = from; r < to; r++) {
                double e = eta[r - from] + b;
                double q = Math.exp(-Math.abs(e));
                double log1p = Math.log1p(q);
                double p = e >= 0 ? 1 / (1 + q) : q / (1 + q);
                if (event[r]) {
                    l += e >= 0 ? -log1p : e - log1p;
                    l1 += 1 - p;
                } else {
                    l += e >= 0 ? -e - log1p : -log1p;
                    l1 -= p;
                }
                l2 -= p * (1 - p);
            }
        } else {
            for (int r = from; r < to; r++) {
                double h = Math.exp(eta[r - from] + b); // cloglog: 1 − p = exp(−e^η)
                if (event[r]) {
                    double p = -Math.expm1(-h);
                    double s = p > 0 ? h * (1 - p) / p : 1;
                    l += Math.log(p);
                    l1 += s;
                    l2 += s * (1 - (p > 0 ? h / p : 1));
                } else {
                    l -= h;
                    l1 -= h;
                    l2 -= h;
                }
            }
        }
        d[0] = -z + sigma * l1;
        d[1] = -1 + sigma * sigma * l2;
        return -0.5 * z * z + l;
    }

    /**
     * The posterior mean of state s's frailty from its row of {@link #distribution}, that of the
     * distribution {@link #draw} samples; NaN without history.
     */
    public double mean(double[] dist, int s, double sigma) {
        int nodes = grid.nodes();
        int o = s * grid.row();
        if (Double.isNaN(dist[o])) {
            return Double.NaN;
        }
        double h = dist[o + 1];
        int cdf = o + 2;
        int pdf = cdf + nodes;
        int slope = pdf + nodes;
        // E z = z_last − ∫ F dz over the grid (by parts); each cell's F is a quintic, integrated exactly.
        double integral = 0;
        for (int g = 1; g < nodes; g++) {
            integral += cellIntegral(
                    h,
                    dist[cdf + g - 1],
                    dist[cdf + g],
                    dist[pdf + g - 1],
                    dist[pdf + g],
                    dist[slope + g - 1],
                    dist[slope + g]);
        }
        return sigma * (dist[o] + (nodes - 1) * h - integral);
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
     * function (its row of {@link #distribution}), or σ Φ⁻¹(u) for a state without history. Between
     * grid points the distribution function is the quintic that matches it, the density and the
     * density's slope at both ends; its inverse is found by Newton's method kept inside the cell.
     * Also the posterior's u-quantile.
     */
    public double draw(double[] dist, int s, double sigma, double u) {
        int nodes = grid.nodes();
        int o = s * grid.row();
        if (Double.isNaN(dist[o])) {
            return sigma * Math.sqrt(2) * Erf.erfInv(2 * u - 1);
        }
        double h = dist[o + 1];
        int cdf = o + 2;
        // The cell holding u: dist[cdf + lo] ≤ u < dist[cdf + hi], hi = lo + 1.
        int lo = 0;
        int hi = nodes - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (dist[cdf + mid] <= u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f0 = dist[cdf + lo];
        double f1 = dist[cdf + hi];
        double p0 = dist[cdf + nodes + lo] * h;
        double p1 = dist[cdf + nodes + hi] * h;
        double s0 = dist[cdf + 2 * nodes + lo] * h * h;
        double s1 = dist[cdf + 2 * nodes + hi] * h * h;
        double a = 0;
        double b = 1;
        double t = f1 > f0 ? Math.min(1, Math.max(0, (u - f0) / (f1 - f0))) : 0;
        for (int it = 0; it < 100 && f1 > f0; it++) {
            double t2 = t * t;
            double t3 = t2 * t;
            double t4 = t3 * t;
            double t5 = t4 * t;
            double value = f0 * (1 - 10 * t3 + 15 * t4 - 6 * t5)
                    + p0 * (t - 6 * t3 + 8 * t4 - 3 * t5)
                    + s0 * 0.5 * (t2 - 3 * t3 + 3 * t4 - t5)
                    + f1 * (10 * t3 - 15 * t4 + 6 * t5)
                    + p1 * (-4 * t3 + 7 * t4 - 3 * t5)
                    + s1 * 0.5 * (t3 - 2 * t4 + t5)
                    - u;
            if (value > 0) {
                b = t;
            } else {
                a = t;
            }
            double slope = (f1 - f0) * (30 * t2 - 60 * t3 + 30 * t4)
                    + p0 * (1 - 18 * t2 + 32 * t3 - 15 * t4)
                    + s0 * 0.5 * (2 * t - 9 * t2 + 12 * t3 - 5 * t4)
                    + p1 * (-12 * t2 + 28 * t3 - 15 * t4)
                    + s1 * 0.5 * (3 * t2 - 8 * t3 + 5 * t4);
            double next = t - value / slope;
            if (!(next > a && next < b)) {
                next = 0.5 * (a + b); // outside the bracket: bisect
            }
            if (Math.abs(next - t) <= 1e-15 || b - a <= 1e-15) {
                t = next;
                break;
            }
            t = next;
        }
        return sigma * (dist[o] + (lo + t) * h);
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
