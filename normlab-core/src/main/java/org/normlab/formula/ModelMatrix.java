package org.normlab.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.normlab.panel.Panel;

/**
 * The model matrix of a {@link Formula} on a risk-set panel, built as R's {@code model.matrix}
 * builds it: columns in term order, named as R names them ({@code a:b}, {@code log(x + 0.01)},
 * {@code poly(x, 2)1}, {@code factor(x)2}), interactions as products with the first variable
 * varying fastest, categorical variables by treatment contrasts where R uses them and by one
 * indicator per level where R does (a term whose margin without the variable is absent). This
 * is the one place where a formula becomes columns: {@code panel}, {@code fit}, {@code compare},
 * {@code explain} and {@code predict} all go through it.
 *
 * <p>The matrix remembers what it learned from the panel (polynomial recurrence coefficients,
 * factor levels), so that {@link #row} evaluates new covariate profiles as R's {@code predict}
 * does. Immutable and thread safe.
 */
public final class ModelMatrix {
    private final Formula formula;
    private final List<Coding> codings;
    private final List<String> names;

    private ModelMatrix(Formula formula, List<Coding> codings, List<String> names) {
        this.formula = formula;
        this.codings = codings;
        this.names = List.copyOf(names);
    }

    /**
     * Learns the codings of {@code formula} from the rows of {@code panel}: polynomial
     * coefficients and factor levels.
     *
     * @throws FormulaException if a variable is not a panel column, a reference level is unknown or
     *                          a polynomial has too few distinct values
     */
    public static ModelMatrix of(Formula formula, Panel panel) {
        Function<String, double[]> column = name -> {
            if (!panel.names().contains(name)) {
                throw new FormulaException(
                        "formula '" + formula.text() + "': '" + name + "' is not a variable of the panel");
            }
            return panel.column(name);
        };
        int n = panel.rows();
        List<Coding> codings = new ArrayList<>();
        for (Formula.Factor f : formula.factors()) {
            double[] x = evaluate(f.expr(), column, n, panel, formula);
            codings.add(
                    switch (f.kind()) {
                        case NUMERIC -> new Coding(f, null, null, null);
                        case POLY -> Coding.poly(f, x, formula);
                        case FACTOR -> Coding.factor(f, x, formula);
                    });
        }
        List<String> names = new ArrayList<>();
        for (List<Integer> term : formula.terms()) {
            names.addAll(termColumns(term, codings, formula.terms()).names);
        }
        return new ModelMatrix(formula, List.copyOf(codings), names);
    }

    /** A panel whose columns are the model matrix of {@code formula} on {@code panel} (plus its missing-value flags). */
    public static Panel expand(Formula formula, Panel panel) {
        return of(formula, panel).apply(panel);
    }

    /** The formula. */
    public Formula formula() {
        return formula;
    }

    /**
     * The variables the formula reads only through {@code factor()} (not also as numbers), with
     * their values on the panel in R's level order (the reference first).
     */
    public Map<String, double[]> categorical() {
        java.util.Set<String> numeric = new java.util.HashSet<>();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Coding c : codings) {
            if (c.factor.kind() != Formula.Factor.Kind.FACTOR) {
                c.factor.expr().variables(numeric);
            }
        }
        for (Coding c : codings) {
            if (c.factor.kind() == Formula.Factor.Kind.FACTOR
                    && c.factor.expr() instanceof Expr.Name n
                    && !numeric.contains(n.name())
                    && !out.containsKey(n.name())) {
                double[] lv = new double[c.levels.length];
                lv[0] = c.levels[c.reference];
                int k = 1;
                for (int i = 0; i < c.levels.length; i++) {
                    if (i != c.reference) {
                        lv[k++] = c.levels[i];
                    }
                }
                out.put(n.name(), lv);
            }
        }
        return out;
    }

    /** A value as R prints it (15 significant digits): how factor levels are named. */
    public static String label(double value) {
        return Expr.rNumber(value);
    }

    /** Column names, in order, without the intercept. */
    public List<String> names() {
        return names;
    }

    /**
     * The model matrix on {@code panel}'s rows, as a panel with the same rows; columns named
     * {@code <var>_missing} (the fill policy's flags) are kept after the formula's columns.
     */
    public Panel apply(Panel panel) {
        int n = panel.rows();
        Map<String, double[]> raw = new HashMap<>();
        for (String v : formula.variables()) {
            raw.put(v, panel.column(v));
        }
        List<String> outNames = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        for (List<Integer> term : formula.terms()) {
            Block b = termColumns(term, codings, formula.terms());
            for (int c = 0; c < b.names.size(); c++) {
                outNames.add(b.names.get(c));
                out.add(new double[n]);
            }
        }
        for (int i = 0; i < n; i++) {
            final int row = i;
            double[] r = row(v -> raw.get(v)[row]);
            for (int c = 0; c < r.length; c++) {
                if (!Double.isFinite(r[c])) {
                    throw new FormulaException("formula '" + formula.text() + "': " + outNames.get(c) + " is "
                            + (Double.isNaN(r[c]) ? "undefined" : "infinite") + " for " + panel.iso3()[i] + " in "
                            + panel.year()[i] + " (transform the variable so that every row has a value)");
                }
                out.get(c)[i] = r[c];
            }
        }
        for (String name : panel.names()) {
            if (name.endsWith("_missing") && !outNames.contains(name)) {
                outNames.add(name);
                out.add(panel.column(name));
            }
        }
        return new Panel(
                panel.spec(),
                panel.iso3(),
                panel.year(),
                panel.event(),
                List.copyOf(outNames),
                out.toArray(double[][]::new),
                panel.dropped(),
                panel.filled(),
                panel.leftOut());
    }

    /**
     * One row of the model matrix for a covariate profile, {@code lookup} giving each variable's
     * value; polynomials and factors use what was learned from the panel.
     */
    public double[] row(Function<String, Double> lookup) {
        double[][] perFactor = new double[codings.size()][];
        for (int f = 0; f < codings.size(); f++) {
            perFactor[f] = codings.get(f).columns(codings.get(f).factor.expr().eval(lookup));
        }
        double[] out = new double[names.size()];
        int k = 0;
        for (List<Integer> term : formula.terms()) {
            Block b = termColumns(term, codings, formula.terms());
            for (int c = 0; c < b.names.size(); c++) {
                double v = 1;
                int rest = c;
                for (int m = 0; m < term.size(); m++) {
                    int f = term.get(m);
                    int[] cols = b.columnsOf.get(m);
                    v *= perFactor[f][cols[rest % cols.length]];
                    rest /= cols.length;
                }
                out[k++] = v;
            }
        }
        return out;
    }

    /** The columns of one term: names, and for each of its factors which of its codings' columns enter. */
    private record Block(List<String> names, List<int[]> columnsOf) {}

    private static Block termColumns(List<Integer> term, List<Coding> codings, List<List<Integer>> terms) {
        List<List<String>> parts = new ArrayList<>();
        List<int[]> columnsOf = new ArrayList<>();
        for (int f : term) {
            Coding c = codings.get(f);
            boolean contrasts = c.factor.kind() != Formula.Factor.Kind.FACTOR || contrastsIn(term, f, codings, terms);
            List<String> labels = c.labels(contrasts);
            int[] idx = new int[labels.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = contrasts ? c.contrastColumn(i) : i;
            }
            parts.add(labels);
            columnsOf.add(idx);
        }
        List<String> names = new ArrayList<>();
        int total = 1;
        for (List<String> p : parts) {
            total *= p.size();
        }
        for (int c = 0; c < total; c++) {
            StringBuilder b = new StringBuilder();
            int rest = c;
            for (int m = 0; m < parts.size(); m++) {
                List<String> p = parts.get(m);
                b.append(m > 0 ? ":" : "").append(p.get(rest % p.size()));
                rest /= p.size();
            }
            names.add(b.toString());
        }
        return new Block(names, columnsOf);
    }

    /**
     * R's rule (model.c, TermCode): a factor in a term is coded by contrasts when the term without
     * it, counting only its categorical variables, is the intercept or an earlier term; otherwise
     * by one indicator per level.
     */
    private static boolean contrastsIn(
            List<Integer> term, int factor, List<Coding> codings, List<List<Integer>> terms) {
        TreeSet<Integer> margin = new TreeSet<>();
        for (int f : term) {
            if (f != factor && codings.get(f).factor.kind() == Formula.Factor.Kind.FACTOR) {
                margin.add(f);
            }
        }
        if (margin.isEmpty()) {
            return true;
        }
        for (List<Integer> t : terms) {
            if (t.equals(term)) {
                break;
            }
            TreeSet<Integer> cats = new TreeSet<>();
            for (int f : t) {
                if (codings.get(f).factor.kind() == Formula.Factor.Kind.FACTOR) {
                    cats.add(f);
                }
            }
            if (cats.equals(margin)) {
                return true;
            }
        }
        return false;
    }

    private static double[] evaluate(Expr e, Function<String, double[]> column, int n, Panel panel, Formula formula) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        TreeSet<String> vars = new TreeSet<>();
        e.variables(vars);
        for (String v : vars) {
            cols.put(v, column.apply(v));
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            final int row = i;
            x[i] = e.eval(v -> cols.get(v)[row]);
            if (!Double.isFinite(x[i])) {
                throw new FormulaException("formula '" + formula.text() + "': " + e.deparse() + " is not finite for "
                        + panel.iso3()[i] + " in " + panel.year()[i]);
            }
        }
        return x;
    }

    /** How one formula variable becomes columns. */
    private static final class Coding {
        final Formula.Factor factor;
        /** Polynomial: centring constants alpha and squared norms (R's poly "coefs"). */
        final double[] alpha;

        final double[] norm2;
        /** Factor: the level values in order and the reference's index. */
        final double[] levels;

        final int reference;

        Coding(Formula.Factor factor, double[] alpha, double[] norm2, double[] levels) {
            this(factor, alpha, norm2, levels, 0);
        }

        Coding(Formula.Factor factor, double[] alpha, double[] norm2, double[] levels, int reference) {
            this.factor = factor;
            this.alpha = alpha;
            this.norm2 = norm2;
            this.levels = levels;
            this.reference = reference;
        }

        /**
         * R's poly(): the three-term recurrence of the orthogonal polynomials on x (Stieltjes),
         * which gives the same columns as R's QR construction and is what predict.poly uses.
         */
        static Coding poly(Formula.Factor f, double[] x, Formula formula) {
            int n = x.length;
            long distinct = java.util.Arrays.stream(x).distinct().count();
            if (f.degree() >= distinct) {
                throw new FormulaException("formula '" + formula.text() + "': " + f.label() + ": the degree must be "
                        + "less than the number of distinct values (" + distinct + ")");
            }
            if (f.raw()) {
                return new Coding(f, null, null, null);
            }
            int d = f.degree();
            double[] alpha = new double[d];
            double[] norm2 = new double[d + 2];
            norm2[0] = 1;
            norm2[1] = n;
            double[] prev = new double[n];
            double[] cur = new double[n];
            java.util.Arrays.fill(cur, 1.0);
            for (int k = 0; k < d; k++) {
                double sxp = 0;
                for (int i = 0; i < n; i++) {
                    sxp += x[i] * cur[i] * cur[i];
                }
                alpha[k] = sxp / norm2[k + 1];
                double[] next = new double[n];
                double ratio = norm2[k + 1] / norm2[k];
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    next[i] = (x[i] - alpha[k]) * cur[i] - (k == 0 ? 0 : ratio * prev[i]);
                    ss += next[i] * next[i];
                }
                norm2[k + 2] = ss;
                prev = cur;
                cur = next;
            }
            return new Coding(f, alpha, norm2, null);
        }

        static Coding factor(Formula.Factor f, double[] x, Formula formula) {
            double[] levels = java.util.Arrays.stream(x).distinct().sorted().toArray();
            int ref = 0;
            if (f.reference() != null) {
                ref = -1;
                for (int i = 0; i < levels.length; i++) {
                    if (Expr.rNumber(levels[i]).equals(f.reference())) {
                        ref = i;
                    }
                }
                if (ref < 0) {
                    List<String> known = java.util.Arrays.stream(levels)
                            .mapToObj(Expr::rNumber)
                            .toList();
                    throw new FormulaException("formula '" + formula.text() + "': " + f.label() + ": \"" + f.reference()
                            + "\" is not a value of the variable; its values are " + known);
                }
            }
            if (levels.length < 2) {
                throw new FormulaException("formula '" + formula.text() + "': " + f.label()
                        + " has one value on the risk set; a factor needs two");
            }
            return new Coding(f, null, null, levels, ref);
        }

        /** The level labels in R's order: relevel puts the reference first. */
        private List<String> orderedLevels() {
            List<String> out = new ArrayList<>();
            out.add(Expr.rNumber(levels[reference]));
            for (int i = 0; i < levels.length; i++) {
                if (i != reference) {
                    out.add(Expr.rNumber(levels[i]));
                }
            }
            return out;
        }

        List<String> labels(boolean contrasts) {
            switch (factor.kind()) {
                case NUMERIC -> {
                    return List.of(factor.label());
                }
                case POLY -> {
                    List<String> out = new ArrayList<>();
                    for (int k = 1; k <= factor.degree(); k++) {
                        out.add(factor.label() + k);
                    }
                    return out;
                }
                default -> {
                    List<String> lv = orderedLevels();
                    return lv.subList(contrasts ? 1 : 0, lv.size()).stream()
                            .map(l -> factor.label() + l)
                            .toList();
                }
            }
        }

        /** Column index, in {@link #columns} order, of the i-th contrast column (all but the reference). */
        int contrastColumn(int i) {
            return factor.kind() == Formula.Factor.Kind.FACTOR ? i + 1 : i;
        }

        /** All columns of this variable for one value: indicators in reference-first order, or polynomial values. */
        double[] columns(double x) {
            switch (factor.kind()) {
                case NUMERIC -> {
                    return new double[] {x};
                }
                case POLY -> {
                    int d = factor.degree();
                    double[] out = new double[d];
                    if (factor.raw()) {
                        for (int k = 0; k < d; k++) {
                            out[k] = Math.pow(x, k + 1);
                        }
                        return out;
                    }
                    double prev = 1;
                    double cur = x - alpha[0];
                    out[0] = cur / Math.sqrt(norm2[2]);
                    for (int k = 1; k < d; k++) {
                        double next = (x - alpha[k]) * cur - (norm2[k + 1] / norm2[k]) * prev;
                        prev = cur;
                        cur = next;
                        out[k] = cur / Math.sqrt(norm2[k + 2]);
                    }
                    return out;
                }
                default -> {
                    double[] out = new double[levels.length];
                    int at = -1;
                    for (int i = 0; i < levels.length; i++) {
                        if (levels[i] == x) {
                            at = i;
                        }
                    }
                    if (at < 0) {
                        throw new FormulaException(factor.label() + ": " + Expr.rNumber(x)
                                + " is not one of the values the model was fitted on");
                    }
                    // position in reference-first order
                    int pos = at == reference ? 0 : at < reference ? at + 1 : at;
                    out[pos] = 1;
                    return out;
                }
            }
        }
    }
}
