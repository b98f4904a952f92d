package org.normlab.formula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The right-hand side of a model formula in R's syntax, e.g.
 * {@code conflict_territorial * adherence_level + log(share_border + 0.01) + polyarchy}.
 *
 * <p>Supported: {@code +} (add terms), {@code :} (interaction), {@code *} (main effects and their
 * interaction), {@code /} (nesting: {@code a/b} is {@code a + a:b}), {@code (...)^k} (every
 * interaction of the terms in parentheses up to order k), {@code -} (remove a term), parentheses,
 * the transformations {@code log},
 * {@code log1p}, {@code log2}, {@code log10}, {@code exp}, {@code sqrt}, {@code abs} and
 * {@code I(...)} with {@code + - * / ^} inside, orthogonal polynomials {@code poly(x, d)} (R's
 * default; {@code poly(x, d, raw = TRUE)} for raw powers), and categorical variables
 * {@code factor(x)} (treatment contrasts against the lowest value) or
 * {@code relevel(factor(x), ref = "v")} (against the value {@code v}). Terms are ordered and
 * labelled as R's {@code terms()} orders and labels them: by order of interaction, variables
 * within a term in their order of first appearance. The intercept is always in the model.
 *
 * <p>The model matrix of a formula on a panel is built by {@link ModelMatrix}. Immutable and
 * thread safe.
 */
public final class Formula {
    private final String text;
    private final List<Factor> factors;
    private final List<List<Integer>> terms;

    private Formula(String text, List<Factor> factors, List<List<Integer>> terms) {
        this.text = text;
        this.factors = List.copyOf(factors);
        this.terms = terms.stream().map(List::copyOf).toList();
    }

    /**
     * Parses a right-hand side; a leading {@code ~} is allowed.
     *
     * @throws FormulaException naming the position and reason of a syntax error
     */
    public static Formula parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text).formula();
    }

    /** The formula as the user wrote it. */
    public String text() {
        return text;
    }

    /** The panel variables the formula reads, in order of first appearance. */
    public List<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        for (Factor f : factors) {
            f.expr().variables(out);
        }
        return List.copyOf(out);
    }

    /** The term labels as R's {@code attr(terms(f), "term.labels")} gives them. */
    public List<String> termLabels() {
        return terms.stream().map(this::label).toList();
    }

    /** The variables of the formula (R's sense: each distinct expression), in order of first appearance. */
    List<Factor> factors() {
        return factors;
    }

    /** The terms, each the indices of its factors in ascending order, sorted by interaction order. */
    List<List<Integer>> terms() {
        return terms;
    }

    private String label(List<Integer> term) {
        return String.join(":", term.stream().map(i -> factors.get(i).label()).toList());
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * One variable of a formula in R's sense: an expression giving one column, an orthogonal or
     * raw polynomial, or a categorical variable.
     *
     * @param label     the deparsed expression, the prefix of its column names
     * @param kind      what it expands to
     * @param expr      the numeric expression read from the panel (the polynomial's or factor's argument)
     * @param degree    polynomial degree (POLY only)
     * @param raw       raw powers instead of orthogonal polynomials (POLY only)
     * @param reference label of the reference level, or null for the lowest (FACTOR only)
     */
    record Factor(String label, Kind kind, Expr expr, int degree, boolean raw, String reference) {
        enum Kind {
            NUMERIC,
            POLY,
            FACTOR
        }
    }

    /** A recursive-descent parser of the formula language; one instance per text. */
    private static final class Parser {
        private final String src;
        private int pos;
        private final List<Factor> factors = new ArrayList<>();

        Parser(String src) {
            this.src = src;
        }

        Formula formula() {
            skip();
            if (peek() == '~') {
                pos++;
            } else if (src.contains("~")) {
                throw error(src.indexOf('~'), "give only the right-hand side: the response is the event");
            }
            skip();
            if (pos >= src.length()) {
                throw error(pos, "the formula is empty");
            }
            Terms t = sum();
            skip();
            if (pos < src.length()) {
                throw error(pos, "unexpected '" + src.charAt(pos) + "'");
            }
            if (!t.intercept) {
                throw new FormulaException("formula '" + src.trim() + "': a model without intercept (- 1 or + 0) "
                        + "is not supported; the hazard models always estimate one");
            }
            if (t.list.isEmpty()) {
                throw new FormulaException("formula '" + src.trim() + "' has no term");
            }
            List<List<Integer>> sorted = new ArrayList<>(t.list);
            sorted.sort(Comparator.comparingInt(List::size)); // stable: R orders terms by interaction order
            return new Formula(src.trim(), factors, sorted);
        }

        /** Terms joined by + and -. */
        private Terms sum() {
            Terms acc = product();
            while (true) {
                skip();
                char c = peek();
                if (c == '+') {
                    pos++;
                    acc = acc.plus(product());
                } else if (c == '-') {
                    pos++;
                    acc = acc.minus(product());
                } else {
                    return acc;
                }
            }
        }

        /** Terms joined by * (crossing) and / (nesting: {@code a/b} is {@code a + a:b}), left to right. */
        private Terms product() {
            Terms acc = interaction();
            while (true) {
                skip();
                if (peek() == '*') {
                    pos++;
                    Terms right = interaction();
                    acc = acc.plus(right).plus(acc.interact(right));
                } else if (peek() == '/') {
                    pos++;
                    acc = acc.plus(acc.all().interact(interaction()));
                } else {
                    return acc;
                }
            }
        }

        private Terms interaction() {
            Terms acc = atom();
            while (true) {
                skip();
                if (peek() == ':') {
                    pos++;
                    acc = acc.interact(atom());
                } else {
                    return acc;
                }
            }
        }

        private Terms atom() {
            skip();
            int start = pos;
            char c = peek();
            if (c == '(') {
                pos++;
                Terms inner = sum();
                expect(')');
                skip();
                if (peek() == '^') {
                    pos++;
                    skip();
                    int at = pos;
                    double k = number();
                    if (k != Math.rint(k) || k < 1 || k > 10) {
                        throw error(at, "'^' crosses the terms up to an order from 1 to 10, e.g. (a + b + c)^2");
                    }
                    Terms power = inner;
                    for (int i = 1; i < k; i++) {
                        power = power.plus(power.interact(inner));
                    }
                    return power;
                }
                return inner;
            }
            if (c == '^' || c == '/' || c == '%') {
                throw error(pos, "'" + c + "' between terms is not supported; write I(...) for arithmetic");
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                double v = number();
                if (v == 1) {
                    return Terms.interceptOnly(true);
                }
                if (v == 0) {
                    return Terms.interceptOnly(false);
                }
                throw error(start, "a number is not a term; write I(...) for a constant");
            }
            Expr e = primary();
            skip();
            if (peek() == '^') {
                throw error(pos, "'^' between terms is not supported; write I(x^2) or poly(x, 2)");
            }
            return Terms.of(factorIndex(e, start));
        }

        /** Registers the expression as a variable of the formula (once per distinct text). */
        private int factorIndex(Expr e, int start) {
            Factor f = classify(e, start);
            for (int i = 0; i < factors.size(); i++) {
                if (factors.get(i).label().equals(f.label())) {
                    return i;
                }
            }
            factors.add(f);
            return factors.size() - 1;
        }

        private Factor classify(Expr e, int start) {
            String label = e.deparse();
            if (e instanceof Expr.Name) {
                return new Factor(label, Factor.Kind.NUMERIC, e, 0, false, null);
            }
            if (e instanceof Expr.Call call) {
                switch (call.function()) {
                    case "poly" -> {
                        return poly(call, start);
                    }
                    case "factor" -> {
                        return new Factor(label, Factor.Kind.FACTOR, factorArgument(call, start), 0, false, null);
                    }
                    case "relevel" -> {
                        return relevel(call, start);
                    }
                    default -> {
                        checkMath(call, start);
                        return new Factor(label, Factor.Kind.NUMERIC, e, 0, false, null);
                    }
                }
            }
            throw error(start, "'" + label + "' is not a term; write I(" + label + ")");
        }

        private Factor poly(Expr.Call call, int start) {
            List<Expr.Arg> args = call.args();
            if (args.size() < 2 || args.get(0).name() != null) {
                throw error(start, "poly() needs a variable and a degree, e.g. poly(polyarchy, 2)");
            }
            Expr x = args.get(0).value();
            checkNumeric(x, start);
            int degree = 0;
            boolean raw = false;
            for (int i = 1; i < args.size(); i++) {
                Expr.Arg a = args.get(i);
                String name = a.name() == null ? (i == 1 ? "degree" : i == 2 ? "coefs" : "raw") : a.name();
                switch (name) {
                    case "degree" -> {
                        if (!(a.value() instanceof Expr.Num n)
                                || n.value() != Math.rint(n.value())
                                || n.value() < 1
                                || n.value() > 10) {
                            throw error(start, "poly(): the degree must be a whole number from 1 to 10");
                        }
                        degree = (int) ((Expr.Num) a.value()).value();
                    }
                    case "raw" -> {
                        if (!(a.value() instanceof Expr.Name n)
                                || !(n.name().equals("TRUE") || n.name().equals("FALSE"))) {
                            throw error(start, "poly(): raw must be TRUE or FALSE");
                        }
                        raw = ((Expr.Name) a.value()).name().equals("TRUE");
                    }
                    default -> throw error(start, "poly(): unsupported argument '" + name + "'");
                }
            }
            if (degree == 0) {
                throw error(start, "poly() needs a degree, e.g. poly(polyarchy, 2)");
            }
            return new Factor(call.deparse(), Factor.Kind.POLY, x, degree, raw, null);
        }

        private Factor relevel(Expr.Call call, int start) {
            List<Expr.Arg> args = call.args();
            if (args.size() != 2
                    || !(args.get(0).value() instanceof Expr.Call inner)
                    || !inner.function().equals("factor")
                    || args.get(1).name() != null && !args.get(1).name().equals("ref")
                    || !(args.get(1).value() instanceof Expr.Str ref)) {
                throw error(start, "write relevel(factor(x), ref = \"v\") to choose the reference value v");
            }
            return new Factor(call.deparse(), Factor.Kind.FACTOR, factorArgument(inner, start), 0, false, ref.value());
        }

        private Expr factorArgument(Expr.Call call, int start) {
            if (call.args().size() != 1 || call.args().get(0).name() != null) {
                throw error(start, "factor() takes one variable, e.g. factor(region_code)");
            }
            Expr x = call.args().get(0).value();
            checkNumeric(x, start);
            return x;
        }

        /** Checks that an expression only uses arithmetic and the supported functions. */
        private void checkNumeric(Expr e, int start) {
            if (e instanceof Expr.Str s) {
                throw error(start, "\"" + s.value() + "\" is not a number");
            }
            if (e instanceof Expr.Call c) {
                checkMath(c, start);
            } else if (e instanceof Expr.Bin b) {
                checkNumeric(b.left(), start);
                checkNumeric(b.right(), start);
            } else if (e instanceof Expr.Paren p) {
                checkNumeric(p.inner(), start);
            } else if (e instanceof Expr.Neg n) {
                checkNumeric(n.inner(), start);
            }
        }

        private void checkMath(Expr.Call c, int start) {
            if (!Expr.Call.MATH.contains(c.function())) {
                throw error(
                        start,
                        "unknown function " + c.function() + "(); known: "
                                + String.join(", ", new TreeSet<>(Expr.Call.MATH)) + ", poly, factor, relevel");
            }
            int max = c.function().equals("log") ? 2 : 1;
            if (c.args().isEmpty() || c.args().size() > max || c.args().stream().anyMatch(a -> a.name() != null)) {
                throw error(
                        start,
                        c.function() + "() takes " + (max == 2 ? "one value and an optional base" : "one value"));
            }
            c.args().forEach(a -> checkNumeric(a.value(), start));
        }

        // ---- arithmetic inside calls: R's precedence (^ above unary minus above * / above + -) ----

        private Expr arith() {
            Expr acc = arithTerm();
            while (true) {
                skip();
                char c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                    acc = new Expr.Bin(c, acc, arithTerm());
                } else {
                    return acc;
                }
            }
        }

        private Expr arithTerm() {
            Expr acc = unary();
            while (true) {
                skip();
                char c = peek();
                if (c == '*' || c == '/') {
                    pos++;
                    acc = new Expr.Bin(c, acc, unary());
                } else {
                    return acc;
                }
            }
        }

        private Expr unary() {
            skip();
            if (peek() == '-') {
                pos++;
                return new Expr.Neg(unary());
            }
            Expr base = primary();
            skip();
            if (peek() == '^') {
                pos++;
                return new Expr.Bin('^', base, unary());
            }
            return base;
        }

        private Expr primary() {
            skip();
            int start = pos;
            char c = peek();
            if (c == '(') {
                pos++;
                Expr inner = arith();
                expect(')');
                return new Expr.Paren(inner);
            }
            if (c == '"' || c == '\'') {
                pos++;
                int end = src.indexOf(c, pos);
                if (end < 0) {
                    throw error(start, "unterminated string");
                }
                String s = src.substring(pos, end);
                pos = end + 1;
                return new Expr.Str(s);
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                return new Expr.Num(number());
            }
            if (Character.isLetter(c) || c == '.' || c == '_') {
                String name = identifier();
                skip();
                if (peek() == '(') {
                    pos++;
                    List<Expr.Arg> args = new ArrayList<>();
                    skip();
                    if (peek() != ')') {
                        do {
                            args.add(argument());
                            skip();
                        } while (consume(','));
                    }
                    expect(')');
                    return new Expr.Call(name, args);
                }
                return new Expr.Name(name);
            }
            throw error(start, pos >= src.length() ? "the formula ends too early" : "unexpected '" + c + "'");
        }

        private Expr.Arg argument() {
            skip();
            int save = pos;
            if (Character.isLetter(peek())) {
                String name = identifier();
                skip();
                if (peek() == '=' && (pos + 1 >= src.length() || src.charAt(pos + 1) != '=')) {
                    pos++;
                    return new Expr.Arg(name, arith());
                }
                pos = save;
            }
            return new Expr.Arg(null, arith());
        }

        private String identifier() {
            int start = pos;
            while (pos < src.length()
                    && (Character.isLetterOrDigit(src.charAt(pos))
                            || src.charAt(pos) == '_'
                            || src.charAt(pos) == '.')) {
                pos++;
            }
            return src.substring(start, pos);
        }

        private double number() {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    pos++;
                }
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            }
            try {
                return Double.parseDouble(src.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error(start, "'" + src.substring(start, pos) + "' is not a number");
            }
        }

        private void skip() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return pos < src.length() ? src.charAt(pos) : '\0';
        }

        private boolean consume(char c) {
            skip();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw error(
                        pos,
                        pos >= src.length()
                                ? "missing '" + c + "'"
                                : "expected '" + c + "', found '" + src.charAt(pos) + "'");
            }
        }

        private FormulaException error(int at, String reason) {
            return new FormulaException("formula '" + src.trim() + "', character " + (at + 1) + ": " + reason);
        }
    }

    /** A list of terms (sets of factor indices, ascending) and whether the intercept is in. */
    private record Terms(List<List<Integer>> list, boolean intercept) {
        static Terms of(int factor) {
            return new Terms(List.of(List.of(factor)), true);
        }

        static Terms interceptOnly(boolean on) {
            return new Terms(List.of(), on);
        }

        Terms plus(Terms other) {
            List<List<Integer>> out = new ArrayList<>(list);
            for (List<Integer> t : other.list) {
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
            return new Terms(out, intercept && other.intercept);
        }

        Terms minus(Terms other) {
            List<List<Integer>> out = new ArrayList<>(list);
            out.removeAll(other.list);
            // "- 1" removes the intercept; "- 0" puts it back, as in R.
            boolean keep = other.list.isEmpty() ? !other.intercept : intercept;
            return new Terms(out, other.list.isEmpty() ? keep : intercept);
        }

        /** One term of every variable of these terms ({@code (a + b)/c} nests c in a:b). */
        Terms all() {
            TreeSet<Integer> u = new TreeSet<>();
            list.forEach(u::addAll);
            return new Terms(u.isEmpty() ? List.of() : List.of(List.copyOf(u)), intercept);
        }

        Terms interact(Terms other) {
            List<List<Integer>> out = new ArrayList<>();
            for (List<Integer> a : list) {
                for (List<Integer> b : other.list) {
                    TreeSet<Integer> u = new TreeSet<>(a);
                    u.addAll(b);
                    List<Integer> t = List.copyOf(u);
                    if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            return new Terms(out, intercept && other.intercept);
        }
    }
}
