package org.normlab.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.PivotSelectionRule;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;

/**
 * Whether the maximum-likelihood estimates of a binary-response model exist: complete and
 * quasi-complete separation, found by linear programming (Konis 2007), as R's {@code
 * detectseparation::detect_separation} (formerly {@code brglm2}) does.
 *
 * <h2>Method</h2>
 *
 * <p>With s<sub>i</sub> = +1 for an event and &minus;1 otherwise, a direction d separates the
 * data when s<sub>i</sub>x<sub>i</sub>'d &ge; 0 in every row (rows of weight 0 left out): moving
 * the coefficients along d never lowers the likelihood, and raises it without bound when some
 * row is strict. The separating directions form a cone; the data are separated exactly when it
 * holds a direction with some strict row. This is a property of the design and the outcome only,
 * so it holds for the logit and the cloglog link alike. Three kinds of linear programme, each
 * over the box &minus;1 &le; d<sub>j</sub> &le; 1, are solved by Hipparchus' {@link
 * SimplexSolver}:
 *
 * <ol>
 *   <li>the test of {@code detect_separation}: maximise &Sigma;<sub>i</sub>
 *       s<sub>i</sub>x<sub>i</sub>'d; a positive optimum means separation;
 *   <li>per term j, maximise and minimise d<sub>j</sub>: a term is <em>separated</em> when some
 *       separating direction moves it, and its direction is the sign the cone allows ({@code +Inf}
 *       or {@code -Inf}). This set is unique; the single optimal vertex that {@code
 *       detect_separation} reports is one of these directions, so every term R marks infinite is
 *       in it (the committed R script checks both);
 *   <li>maximise t subject to s<sub>i</sub>x<sub>i</sub>'d &ge; t, t &le; 1: a positive t means
 *       <em>complete</em> separation (every row strict), otherwise it is quasi-complete.
 * </ol>
 *
 * <p>A fit's own coefficients usually prove that there is no separation without any linear
 * programme (the score equations are Stiemke's certificate), and when it fails, the rows the fit does not
 * separate confine the separating directions to a small subspace in which the programmes run; the
 * programmes run only when that proof fails. Columns are divided by their largest absolute value first (which changes no sign pattern)
 * so that one tolerance, {@value #TOLERANCE}, serves every unit, and the row constraints are added as they are violated (constraint generation), so the simplex
 * tableaux stay small however many rows the risk set has. Aliased columns must be removed before
 * the call (the estimator passes only the columns it estimates).
 *
 * @param kind none, quasi-complete or complete
 * @param terms the separated terms in model order, with the direction of their divergence; empty
 *     when {@code kind} is {@link Kind#NONE}
 */
public record Separation(Kind kind, List<Term> terms) {

    /** Optimal values and direction components below this are zero. */
    public static final double TOLERANCE = 1e-6;

    /** Relative size below which an eigenvalue or a basis component counts as zero. */
    private static final double NULL_SPACE = 1e-10;

    /** Score weight, relative to the largest, above which the fit does not separate a row. */
    private static final double OVERLAP = 1e-4;

    /** Smallest weight of the no-separation certificate, relative to the largest. */
    private static final double CERTIFICATE_MARGIN = 1e-6;

    /** Most violated row constraints added per round of constraint generation. */
    private static final int ADD_PER_ROUND = 64;

    /** No separation. */
    public static final Separation NONE = new Separation(Kind.NONE, List.of());

    /** The kind of separation. */
    public enum Kind {
        /** The maximum-likelihood estimates exist. */
        NONE,
        /** Some rows are perfectly predicted, others not: some estimates are infinite. */
        QUASI_COMPLETE,
        /** Every row is perfectly predicted. */
        COMPLETE;

        /** Lower-case words, e.g. "quasi-complete". */
        public String label() {
            return switch (this) {
                case NONE -> "none";
                case QUASI_COMPLETE -> "quasi-complete";
                case COMPLETE -> "complete";
            };
        }
    }

    /** The direction in which a separated term's maximum-likelihood estimate diverges. */
    public enum Direction {
        /** Towards +&infin;. */
        POSITIVE("+Inf"),
        /** Towards &minus;&infin;. */
        NEGATIVE("-Inf"),
        /** Either way, depending on the other terms (only under complete separation). */
        EITHER("+/-Inf");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        /** "+Inf", "-Inf" or "+/-Inf", as R prints infinite estimates. */
        public String label() {
            return label;
        }
    }

    /**
     * A separated term.
     *
     * @param name term name, as in the estimate
     * @param direction where its estimate diverges
     */
    public record Term(String name, Direction direction) {
        /** Validates. */
        public Term {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Validates and copies. */
    public Separation {
        Objects.requireNonNull(kind, "kind");
        terms = List.copyOf(terms);
        if ((kind == Kind.NONE) != terms.isEmpty()) {
            throw new EstimationException("separation of kind " + kind + " with terms " + terms);
        }
    }

    /** Whether any separation was found. */
    public boolean detected() {
        return kind != Kind.NONE;
    }

    /** Whether term {@code name} is separated. */
    public boolean separated(String name) {
        return terms.stream().anyMatch(t -> t.name().equals(name));
    }

    /** The separated terms' names, in model order. */
    public List<String> names() {
        return terms.stream().map(Term::name).toList();
    }

    /** "conflict_interstate (-Inf), (Intercept) (-Inf)", or "" when none. */
    public String describe() {
        return terms.stream()
                .map(t -> t.name() + " (" + t.direction().label() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Detects separation in a problem's design (all its columns, plus the intercept when it has
     * one).
     */
    public static Separation detect(HazardProblem problem) {
        List<String> names = new ArrayList<>();
        if (problem.intercept()) {
            names.add(HazardProblem.INTERCEPT);
        }
        names.addAll(problem.names());
        return ofColumns(names, problem.columnsView(), problem.intercept(), problem.yView(), null);
    }

    /**
     * Detects separation for a design given row by row.
     *
     * @param names one name per design column (the intercept is a column of ones here)
     * @param x design rows, each with {@code names.size()} finite values; the columns must be
     *     linearly independent
     * @param y response per row, 0 or 1
     * @param weights prior weights per row (rows of weight 0 are left out, as glm does; other
     *     weights do not change separation), or null for all 1
     * @return the separation found
     * @throws EstimationException if the shapes disagree or a value is invalid
     */
    public static Separation detect(List<String> names, double[][] x, double[] y, double[] weights) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(x, "x");
        int p = names.size();
        double[][] columns = new double[p][x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new EstimationException(
                        "separation check: design row " + i + " has " + x[i].length + " values, expected " + p);
            }
            for (int j = 0; j < p; j++) {
                columns[j][i] = x[i][j];
            }
        }
        return ofColumns(names, columns, false, y, weights);
    }

    /**
     * Detects separation for a design given column by column, as {@link HazardProblem} holds it.
     *
     * @param names the intercept's name first when {@code intercept}, then one per column
     * @param columns covariate columns, {@code columns[j][i]} is column j in row i
     * @param intercept whether the design has an intercept (not among {@code columns})
     */
    static Separation ofColumns(
            List<String> names, double[][] columns, boolean intercept, double[] y, double[] weights) {
        return ofColumns(names, columns, intercept, y, weights, null, Link.LOGIT);
    }

    /**
     * As {@link #ofColumns(List, double[][], boolean, double[], double[])}, first trying the
     * certificate of the fitted coefficients {@code beta} (see {@link #certified}).
     *
     * @param beta coefficients in design order (intercept first), or null for none
     * @param link the link {@code beta} was fitted with
     */
    static Separation ofColumns(
            List<String> names,
            double[][] columns,
            boolean intercept,
            double[] y,
            double[] weights,
            double[] beta,
            Link link) {
        Objects.requireNonNull(y, "y");
        int off = intercept ? 1 : 0;
        int p = columns.length + off;
        int n = y.length;
        if (names.size() != p) {
            throw new EstimationException("separation check: " + names.size() + " names for " + p + " design columns");
        }
        if (weights != null && weights.length != n) {
            throw new EstimationException("separation check: " + n + " responses but " + weights.length + " weights");
        }
        for (double[] c : columns) {
            if (c.length != n) {
                throw new EstimationException(
                        "separation check: a design column has " + c.length + " rows but the response has " + n);
            }
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0.0 && y[i] != 1.0) {
                throw new EstimationException("separation check: response " + y[i] + " in row " + i + " is not 0 or 1");
            }
            if (weights != null && !(weights[i] >= 0.0 && Double.isFinite(weights[i]))) {
                throw new EstimationException(
                        "separation check: weight " + weights[i] + " in row " + i + " is not a finite number >= 0");
            }
            if (weights == null || weights[i] > 0.0) {
                m++;
            }
        }
        if (p == 0 || m == 0) {
            return NONE;
        }
        // Signed rows s_i x_i, column by column, each column divided by its largest |value|.
        double[][] signed = new double[p][m];
        for (int j = 0; j < p; j++) {
            double[] src = j < off ? null : columns[j - off];
            double scale = 0.0;
            for (int i = 0, r = 0; i < n; i++) {
                if (weights != null && weights[i] == 0.0) {
                    continue;
                }
                double v = (src == null ? 1.0 : src[i]) * (y[i] == 1.0 ? 1.0 : -1.0);
                signed[j][r++] = v;
                scale = Math.max(scale, Math.abs(v));
            }
            if (scale > 0.0) {
                for (int r = 0; r < m; r++) {
                    signed[j][r] /= scale;
                }
            }
        }
        if (beta != null) {
            double[] lambda = scoreWeights(p, m, columns, intercept, y, weights, beta, link);
            if (lambda != null) {
                boolean[] all = new boolean[m];
                Arrays.fill(all, true);
                if (balance(signed, p, m, lambda, all) != null) {
                    return NONE; // the fit's own score equations prove there is no separation
                }
                // Rows the fit clearly does not separate: if they balance on their own, every
                // separating direction is orthogonal to each of them, which shrinks the programmes.
                double max = Arrays.stream(lambda).max().orElse(0.0);
                boolean[] overlap = new boolean[m];
                for (int r = 0; r < m; r++) {
                    overlap[r] = lambda[r] > OVERLAP * max;
                }
                double[][] basis = balance(signed, p, m, lambda, overlap);
                if (basis != null) {
                    return reduced(names, signed, p, m, overlap, basis);
                }
            }
        }
        return programmes(names, signed, p, m);
    }

    /** Decides by the three kinds of programme over the whole cone. */
    private static Separation programmes(List<String> names, double[][] signed, int p, int m) {
        Cone cone = new Cone(signed, p, m);
        double[] sum = new double[p];
        for (int j = 0; j < p; j++) {
            for (int r = 0; r < m; r++) {
                sum[j] += signed[j][r];
            }
        }
        // (1) The test: is any row strict in some separating direction?
        if (cone.maximise(sum) <= TOLERANCE) {
            return NONE;
        }
        // (2) Which terms some separating direction moves, and which way. Every optimal point is
        // itself a separating direction, so a sign it shows needs no programme of its own.
        List<Term> terms = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] unit = new double[p];
            unit[j] = 1.0;
            boolean up = cone.up[j] || cone.maximise(unit) > TOLERANCE;
            unit[j] = -1.0;
            boolean down = cone.down[j] || cone.maximise(unit) > TOLERANCE;
            if (up || down) {
                terms.add(new Term(
                        names.get(j), up && down ? Direction.EITHER : up ? Direction.POSITIVE : Direction.NEGATIVE));
            }
        }
        if (terms.isEmpty()) {
            // Cannot happen in exact arithmetic (a strict row needs a non-zero direction); guards rounding.
            return NONE;
        }
        // (3) Complete separation: a direction strict in every row.
        Kind kind = cone.complete() > TOLERANCE ? Kind.COMPLETE : Kind.QUASI_COMPLETE;
        return new Separation(kind, terms);
    }

    /**
     * Decides within the null space of the rows that balance (columns of {@code basis}): every
     * separating direction is d = B z there, and only the other rows constrain z.
     */
    private static Separation reduced(
            List<String> names, double[][] signed, int p, int m, boolean[] overlap, double[][] basis) {
        int k = basis.length;
        if (k == 0) {
            return NONE;
        }
        int m2 = 0;
        for (int r = 0; r < m; r++) {
            m2 += overlap[r] ? 0 : 1;
        }
        if (m2 == 0) {
            return NONE;
        }
        double[][] rows = new double[k][m2];
        for (int r = 0, q = 0; r < m; r++) {
            if (overlap[r]) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                double v = 0.0;
                for (int j = 0; j < p; j++) {
                    v += basis[a][j] * signed[j][r];
                }
                rows[a][q] = v;
            }
            q++;
        }
        Cone cone = new Cone(rows, k, m2);
        double[] sum = new double[k];
        for (int a = 0; a < k; a++) {
            for (int q = 0; q < m2; q++) {
                sum[a] += rows[a][q];
            }
        }
        if (cone.maximise(sum) <= TOLERANCE) {
            return NONE;
        }
        List<Term> terms = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] c = new double[k];
            double norm = 0.0;
            for (int a = 0; a < k; a++) {
                c[a] = basis[a][j];
                norm += c[a] * c[a];
            }
            if (norm < NULL_SPACE * NULL_SPACE) {
                continue; // every separating direction leaves this term alone
            }
            boolean up = cone.maximise(c) > TOLERANCE;
            for (int a = 0; a < k; a++) {
                c[a] = -c[a];
            }
            boolean down = cone.maximise(c) > TOLERANCE;
            if (up || down) {
                terms.add(new Term(
                        names.get(j), up && down ? Direction.EITHER : up ? Direction.POSITIVE : Direction.NEGATIVE));
            }
        }
        // rows that balance are never strict, so the separation is quasi-complete
        return terms.isEmpty() ? NONE : new Separation(Kind.QUASI_COMPLETE, terms);
    }

    /**
     * The weights of the fit's score equations, |y<sub>i</sub> &minus; &mu;<sub>i</sub>| times
     * the link's score weight (1 for logit, &minus;log(1 &minus; &mu;)/&mu; for cloglog) and the
     * prior weight, one per row kept; null when they are not finite.
     */
    private static double[] scoreWeights(
            int p,
            int m,
            double[][] columns,
            boolean intercept,
            double[] y,
            double[] weights,
            double[] beta,
            Link link) {
        int off = intercept ? 1 : 0;
        if (beta.length != p) {
            return null;
        }
        double[] lambda = new double[m];
        for (int i = 0, r = 0; i < y.length; i++) {
            if (weights != null && weights[i] == 0.0) {
                continue;
            }
            double eta = intercept ? beta[0] : 0.0;
            for (int j = off; j < p; j++) {
                eta += beta[j] * columns[j - off][i];
            }
            double mu = link.probability(eta);
            double w = link == Link.LOGIT ? 1.0 : -Math.log1p(-mu) / mu;
            double v = Math.abs(y[i] - mu) * w * (weights == null ? 1.0 : weights[i]);
            if (!Double.isFinite(v)) {
                return null;
            }
            lambda[r++] = v;
        }
        return lambda;
    }

    /**
     * Stiemke's certificate on the rows in {@code mask}: the data of those rows are not separated
     * exactly when positive weights &lambda;<sub>i</sub> balance their signed rows,
     * &Sigma;&lambda;<sub>i</sub>s<sub>i</sub>x<sub>i</sub> = 0. At a finite maximum-likelihood
     * estimate the score equations are such a balance; from the weights of any fit, corrected by
     * least squares to balance exactly, the proof holds when every corrected weight stays clearly
     * positive (above {@value #CERTIFICATE_MARGIN} of the largest). Under separation some fitted
     * probabilities run to 0 or 1 and the correction cannot keep every weight positive.
     *
     * @return null when the proof fails; otherwise an orthonormal basis (one row per basis
     *     vector) of the directions orthogonal to every row in the mask, in which any separating
     *     direction lies (empty when the rows span everything)
     */
    private static double[][] balance(double[][] signed, int p, int m, double[] lambda, boolean[] mask) {
        double[] g = new double[p];
        double[][] gram = new double[p][p];
        double max = 0.0;
        for (int j = 0; j < p; j++) {
            double[] cj = signed[j];
            double s = 0.0;
            for (int r = 0; r < m; r++) {
                if (mask[r]) {
                    s += lambda[r] * cj[r];
                }
            }
            g[j] = s;
            for (int k = 0; k <= j; k++) {
                double[] ck = signed[k];
                double t = 0.0;
                for (int r = 0; r < m; r++) {
                    if (mask[r]) {
                        t += cj[r] * ck[r];
                    }
                }
                gram[j][k] = t;
                gram[k][j] = t;
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(gram, false));
        double[] values = eig.getEigenvalues();
        double top = Arrays.stream(values).max().orElse(0.0);
        if (!(top > 0.0)) {
            return null;
        }
        // z = G^+ g over the range of G; the null space is what is left
        double[] z = new double[p];
        List<double[]> nullSpace = new ArrayList<>();
        for (int e = 0; e < p; e++) {
            double[] v = eig.getEigenvector(e).toArray();
            if (values[e] <= NULL_SPACE * top) {
                nullSpace.add(v);
                continue;
            }
            double proj = 0.0;
            for (int j = 0; j < p; j++) {
                proj += v[j] * g[j];
            }
            for (int j = 0; j < p; j++) {
                z[j] += v[j] * proj / values[e];
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < m; r++) {
            if (!mask[r]) {
                continue;
            }
            double v = lambda[r];
            for (int j = 0; j < p; j++) {
                v -= signed[j][r] * z[j];
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (!(max > 0.0 && min > CERTIFICATE_MARGIN * max)) {
            return null;
        }
        return nullSpace.toArray(double[][]::new);
    }

    /**
     * The cone {d : r'd &ge; 0 for every row r} within the box |d<sub>j</sub>| &le; 1, with linear
     * objectives maximised over it by constraint generation.
     */
    private static final class Cone {
        /** Signed, scaled rows, column by column: rows[j][r]. */
        private final double[][] rows;

        private final int p;
        private final int m;
        /** Rows already imposed, shared across programmes: they hold for every one of them. */
        private final List<double[]> active = new ArrayList<>();

        private final boolean[] imposed;
        /** Signs some separating direction found so far takes in each coordinate. */
        final boolean[] up;

        final boolean[] down;

        Cone(double[][] rows, int p, int m) {
            this.rows = rows;
            this.p = p;
            this.m = m;
            this.imposed = new boolean[m];
            this.up = new boolean[p];
            this.down = new boolean[p];
        }

        /** max c'd over the cone and the box. */
        double maximise(double[] c) {
            return solve(c, false);
        }

        /** max t subject to r'd &ge; t for every row, t &le; 1, over the box. */
        double complete() {
            double[] c = new double[p + 1];
            c[p] = 1.0;
            return solve(c, true);
        }

        /**
         * Solves over u = d + 1 in [0, 2] (and t in [0, 1]) with non-negative variables, as the R
         * script does with lp_solve: Hipparchus' handling of free variables returned a wrong zero
         * optimum on degenerate cones.
         */
        private double solve(double[] c, boolean margin) {
            int vars = margin ? p + 1 : p;
            double shift = 0.0;
            for (int j = 0; j < p; j++) {
                shift += c[j];
            }
            while (true) {
                List<LinearConstraint> cs = new ArrayList<>();
                for (int j = 0; j < vars; j++) {
                    double[] e = new double[vars];
                    e[j] = 1.0;
                    cs.add(new LinearConstraint(e, Relationship.LEQ, j < p ? 2.0 : 1.0));
                }
                for (double[] r : active) {
                    // r'd - t >= 0  <=>  r'u - t >= r'1
                    double rhs = 0.0;
                    for (int j = 0; j < p; j++) {
                        rhs += r[j];
                    }
                    cs.add(new LinearConstraint(coefficients(r, margin), Relationship.GEQ, rhs));
                }
                PointValuePair opt = optimise(c, cs);
                double[] d = opt.getPoint().clone();
                for (int j = 0; j < p; j++) {
                    d[j] -= 1.0;
                }
                if (!imposeViolated(d, margin ? d[p] : 0.0)) {
                    for (int j = 0; j < p; j++) {
                        up[j] |= d[j] > TOLERANCE;
                        down[j] |= d[j] < -TOLERANCE;
                    }
                    return opt.getValue() - shift;
                }
            }
        }

        /** r'd - t as coefficients over (d, t). */
        private double[] coefficients(double[] r, boolean margin) {
            if (!margin) {
                return r;
            }
            double[] a = Arrays.copyOf(r, p + 1);
            a[p] = -1.0;
            return a;
        }

        /**
         * Imposes the most violated rows not yet imposed, at most {@link #ADD_PER_ROUND}, identical
         * rows once; false when none is violated.
         */
        private boolean imposeViolated(double[] d, double t) {
            double[] v = new double[m];
            Arrays.fill(v, -t);
            for (int j = 0; j < p; j++) {
                double dj = d[j];
                double[] col = rows[j];
                for (int r = 0; r < m; r++) {
                    v[r] += col[r] * dj;
                }
            }
            List<Integer> worst = new ArrayList<>();
            for (int r = 0; r < m; r++) {
                // an imposed row the simplex left violated only by rounding is not added again
                if (v[r] < -TOLERANCE * 1e-3 && !imposed[r]) {
                    worst.add(r);
                }
            }
            if (worst.isEmpty()) {
                return false;
            }
            worst.sort((a, b) -> Double.compare(v[a], v[b]));
            List<double[]> added = new ArrayList<>();
            for (int r : worst) {
                imposed[r] = true;
                double[] row = new double[p];
                for (int j = 0; j < p; j++) {
                    row[j] = rows[j][r];
                }
                if (added.stream().noneMatch(a -> Arrays.equals(a, row))) {
                    added.add(row);
                    if (added.size() == ADD_PER_ROUND) {
                        break;
                    }
                }
            }
            active.addAll(added);
            return true;
        }

        private static PointValuePair optimise(double[] c, Collection<LinearConstraint> cs) {
            try {
                return new SimplexSolver(1e-9, 10, 1e-12)
                        .optimize(
                                new MaxIter(100_000),
                                new LinearObjectiveFunction(c, 0.0),
                                new LinearConstraintSet(cs),
                                GoalType.MAXIMIZE,
                                new NonNegativeConstraint(true),
                                PivotSelectionRule.BLAND);
            } catch (MathIllegalStateException e) {
                throw new EstimationException("separation check: the linear programme failed (" + e.getMessage() + ")");
            }
        }
    }
}
