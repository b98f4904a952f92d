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
            List<String> categories = categories(f, panel, formula);
            double[] x = evaluate(f.expr(), column, n, panel, formula);
            codings.add(
                    categories != null || f.kind() == Formula.Factor.Kind.FACTOR
                            ? Coding.factor(f, x, formula, categories)
                            : f.kind() == Formula.Factor.Kind.POLY
                                    ? Coding.poly(f, x, formula)
                                    : new Coding(f, null, null, null));
        }
        List<String> names = new ArrayList<>();
        for (List<Integer> term : formula.terms()) {
            names.addAll(termColumns(term, codings, formula.terms()).names);
        }
        return new ModelMatrix(formula, List.copyOf(codings), names);
    }

    /**
     * The categories of the text variable {@code f} reads, or null when it reads none. A variable of
     * text categories enters only on its own (as R enters a character vector: a factor against its
     * first category, columns named {@code xb}) or as {@code factor(x)} or
     * {@code relevel(factor(x), ref = "b")}.
     */
    private static List<String> categories(Formula.Factor f, Panel panel, Formula formula) {
        java.util.Set<String> read = new java.util.TreeSet<>();
        f.expr().variables(read);
        String text =
                read.stream().filter(v -> panel.levelsOf(v) != null).findFirst().orElse(null);
        if (text == null) {
            return null;
        }
        if (f.kind() == Formula.Factor.Kind.POLY || !(f.expr() instanceof Expr.Name)) {
            throw new FormulaException("formula '" + formula.text() + "': " + f.label() + ": '" + text
                    + "' holds text categories, which have no arithmetic; enter it as " + text + " or factor(" + text
                    + ")");
        }
        return panel.levelsOf(text);
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
            if (!c.categorical()) {
                c.factor.expr().variables(numeric);
            }
        }
        for (Coding c : codings) {
            if (c.categorical()
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

    /** A value as R prints it (15 significant digits): how factor levels of numbers are named. */
    public static String label(double value) {
        return Expr.rNumber(value);
    }

    /**
     * How a level of a variable of {@link #categorical()} is named: its category for text, else
     * {@link #label(double)}.
     */
    public String levelName(String variable, double value) {
        Coding c = categoricalCoding(variable);
        return c == null ? label(value) : c.name(value);
    }

    /**
     * The value that stands for a level of a variable the model enters as categories, given as its
     * name ({@code democracy}, or {@code 2} for a factor of numbers).
     *
     * @throws FormulaException naming the known levels when {@code level} is not one
     */
    public double levelValue(String variable, String level) {
        Coding c = categoricalCoding(variable);
        if (c == null) {
            throw new FormulaException(variable + " does not enter the model as categories");
        }
        int i = java.util.Arrays.asList(c.names).indexOf(level);
        if (i < 0) {
            throw new FormulaException(variable + ": '" + level + "' is not one of the levels the model was "
                    + "fitted on: " + String.join(", ", c.names));
        }
        return c.levels[i];
    }

    /** The coding of {@code variable} entered as categories on its own, or null. */
    private Coding categoricalCoding(String variable) {
        for (Coding c : codings) {
            if (c.categorical()
                    && c.factor.expr() instanceof Expr.Name n
                    && n.name().equals(variable)) {
                return c;
            }
        }
        return null;
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
            boolean contrasts = !c.categorical() || contrastsIn(term, f, terms);
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
     * R's rule (TermCode in R's model.c, the heuristic of Statistical Models in S, p. 38): a
     * categorical variable in a term is coded by contrasts when the term without it is empty (the
     * intercept) or is contained in an earlier term; otherwise by one indicator per level. So
     * {@code f:x} alone has a column per level of {@code f}, while {@code f * x} codes
     * {@code f:x} by contrasts.
     */
    private static boolean contrastsIn(List<Integer> term, int factor, List<List<Integer>> terms) {
        TreeSet<Integer> rest = new TreeSet<>(term);
        rest.remove(factor);
        if (rest.isEmpty()) {
            return true;
        }
        for (List<Integer> t : terms) {
            if (t.equals(term)) {
                break;
            }
            if (t.containsAll(rest)) {
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
        /** Categorical: the level values in order (codes for text), their names, and the reference's index. */
        final double[] levels;

        final String[] names;

        final int reference;

        /** Text: every category of the variable (the codes index it), for naming absent ones. */
        final List<String> categories;

        Coding(Formula.Factor factor, double[] alpha, double[] norm2, double[] levels) {
            this(factor, alpha, norm2, levels, null, 0, null);
        }

        Coding(
                Formula.Factor factor,
                double[] alpha,
                double[] norm2,
                double[] levels,
                String[] names,
                int reference,
                List<String> categories) {
            this.factor = factor;
            this.alpha = alpha;
            this.norm2 = norm2;
            this.levels = levels;
            this.names = names;
            this.reference = reference;
            this.categories = categories;
        }

        /** Whether the variable enters as categories: {@code factor()} or a variable of text categories. */
        boolean categorical() {
            return levels != null;
        }

        /** The name of a level value: its category for text, else the number as R prints it. */
        String name(double value) {
            if (categories != null) {
                int code = (int) value;
                return code == value && code >= 1 && code <= categories.size()
                        ? categories.get(code - 1)
                        : Expr.rNumber(value);
            }
            return Expr.rNumber(value);
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

        /**
         * The levels present on the risk set, in R's order: numbers ascending, text categories in
         * code-point order (the codes follow it); {@code categories} is null for numbers.
         */
        static Coding factor(Formula.Factor f, double[] x, Formula formula, List<String> categories) {
            double[] levels = java.util.Arrays.stream(x).distinct().sorted().toArray();
            String[] names = new String[levels.length];
            for (int i = 0; i < levels.length; i++) {
                names[i] = categories == null ? Expr.rNumber(levels[i]) : categories.get((int) levels[i] - 1);
            }
            int ref = 0;
            if (f.reference() != null) {
                ref = java.util.Arrays.asList(names).indexOf(f.reference());
                if (ref < 0) {
                    throw new FormulaException("formula '" + formula.text() + "': " + f.label() + ": \"" + f.reference()
                            + "\" is not a value of the variable on the risk set; its values are "
                            + java.util.Arrays.toString(names));
                }
            }
            if (levels.length < 2) {
                throw new FormulaException("formula '" + formula.text() + "': " + f.label()
                        + " has one value on the risk set; a factor needs two");
            }
            return new Coding(f, null, null, levels, names, ref, categories);
        }

        /** The level labels in R's order: relevel puts the reference first. */
        private List<String> orderedLevels() {
            List<String> out = new ArrayList<>();
            out.add(names[reference]);
            for (int i = 0; i < levels.length; i++) {
                if (i != reference) {
                    out.add(names[i]);
                }
            }
            return out;
        }

        List<String> labels(boolean contrasts) {
            if (categorical()) {
                List<String> lv = orderedLevels();
                return lv.subList(contrasts ? 1 : 0, lv.size()).stream()
                        .map(l -> factor.label() + l)
                        .toList();
            }
            if (factor.kind() == Formula.Factor.Kind.POLY) {
                List<String> out = new ArrayList<>();
                for (int k = 1; k <= factor.degree(); k++) {
                    out.add(factor.label() + k);
                }
                return out;
            }
            return List.of(factor.label());
        }

        /** Column index, in {@link #columns} order, of the i-th contrast column (all but the reference). */
        int contrastColumn(int i) {
            return categorical() ? i + 1 : i;
        }

        /** All columns of this variable for one value: indicators in reference-first order, or polynomial values. */
        double[] columns(double x) {
            if (categorical()) {
                double[] out = new double[levels.length];
                int at = -1;
                for (int i = 0; i < levels.length; i++) {
                    if (levels[i] == x) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw new FormulaException(factor.label() + ": " + (Double.isNaN(x) ? "a missing value" : name(x))
                            + " is not one of the values the model was fitted on (" + String.join(", ", names) + ")");
                }
                // position in reference-first order
                int pos = at == reference ? 0 : at < reference ? at + 1 : at;
                out[pos] = 1;
                return out;
            }
            if (factor.kind() != Formula.Factor.Kind.POLY) {
                return new double[] {x};
            }
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
    }
}
