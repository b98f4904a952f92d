package org.normlab.formula;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * An arithmetic expression inside a formula term ({@code log(share_border + 0.01)},
 * {@code I(polyarchy^2)}), kept as R parses it so that {@link #deparse()} gives the name R gives
 * the column. Immutable and thread safe.
 */
sealed interface Expr {

    /** The text R's {@code deparse} gives for this expression. */
    String deparse();

    /** Adds the names of the panel variables the expression reads. */
    void variables(Set<String> out);

    /** The value on one row; {@code lookup} gives the value of a variable. */
    double eval(Function<String, Double> lookup);

    /** A variable of the panel. */
    record Name(String name) implements Expr {
        @Override
        public String deparse() {
            return name;
        }

        @Override
        public void variables(Set<String> out) {
            out.add(name);
        }

        @Override
        public double eval(Function<String, Double> lookup) {
            return lookup.apply(name);
        }
    }

    /** A numeric constant, deparsed as R prints it (15 significant digits, fixed or scientific). */
    record Num(double value) implements Expr {
        @Override
        public String deparse() {
            return rNumber(value);
        }

        @Override
        public void variables(Set<String> out) {}

        @Override
        public double eval(Function<String, Double> lookup) {
            return value;
        }
    }

    /** A string constant (only as an argument, e.g. {@code ref = "3"}). */
    record Str(String value) implements Expr {
        @Override
        public String deparse() {
            return "\"" + value + "\"";
        }

        @Override
        public void variables(Set<String> out) {}

        @Override
        public double eval(Function<String, Double> lookup) {
            throw new FormulaException("the string \"" + value + "\" is not a number");
        }
    }

    /** An expression written in parentheses; R keeps them, and so does the column name. */
    record Paren(Expr inner) implements Expr {
        @Override
        public String deparse() {
            return "(" + inner.deparse() + ")";
        }

        @Override
        public void variables(Set<String> out) {
            inner.variables(out);
        }

        @Override
        public double eval(Function<String, Double> lookup) {
            return inner.eval(lookup);
        }
    }

    /** Unary minus. */
    record Neg(Expr inner) implements Expr {
        @Override
        public String deparse() {
            return "-" + inner.deparse();
        }

        @Override
        public void variables(Set<String> out) {
            inner.variables(out);
        }

        @Override
        public double eval(Function<String, Double> lookup) {
            return -inner.eval(lookup);
        }
    }

    /** A binary arithmetic operator: + - * / ^. */
    record Bin(char op, Expr left, Expr right) implements Expr {
        @Override
        public String deparse() {
            // R's deparse puts spaces around + - * and none around / and ^.
            String sep = op == '/' || op == '^' ? String.valueOf(op) : " " + op + " ";
            return left.deparse() + sep + right.deparse();
        }

        @Override
        public void variables(Set<String> out) {
            left.variables(out);
            right.variables(out);
        }

        @Override
        public double eval(Function<String, Double> lookup) {
            double a = left.eval(lookup);
            double b = right.eval(lookup);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> Math.pow(a, b);
            };
        }
    }

    /** A call of a function; arguments may be named ({@code ref = "3"}). */
    record Call(String function, List<Arg> args) implements Expr {
        /** Functions of one numeric argument that a term may apply. */
        static final Set<String> MATH = Set.of("log", "exp", "sqrt", "abs", "log1p", "log2", "log10", "I");

        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String deparse() {
            StringBuilder b = new StringBuilder(function).append('(');
            for (int i = 0; i < args.size(); i++) {
                b.append(i > 0 ? ", " : "").append(args.get(i).deparse());
            }
            return b.append(')').toString();
        }

        @Override
        public void variables(Set<String> out) {
            args.forEach(a -> a.value().variables(out));
        }

        @Override
        public double eval(Function<String, Double> lookup) {
            double x = args.get(0).value().eval(lookup);
            return switch (function) {
                case "log" ->
                    args.size() == 2
                            ? Math.log(x) / Math.log(args.get(1).value().eval(lookup))
                            : Math.log(x);
                case "exp" -> Math.exp(x);
                case "sqrt" -> Math.sqrt(x);
                case "abs" -> Math.abs(x);
                case "log1p" -> Math.log1p(x);
                case "log2" -> Math.log(x) / Math.log(2);
                case "log10" -> Math.log10(x);
                case "I" -> x;
                default -> throw new FormulaException("unknown function " + function + "() in " + deparse());
            };
        }
    }

    /** An argument of a call, with its name or null. */
    record Arg(String name, Expr value) {
        String deparse() {
            return name == null ? value.deparse() : name + " = " + value.deparse();
        }
    }

    /** A number as R's deparse prints it: up to 15 significant digits, the shorter of fixed and scientific. */
    static String rNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            String fixed = Long.toString((long) v);
            String sci = scientific(v);
            return sci.length() < fixed.length() ? sci : fixed;
        }
        String fixed = new java.math.BigDecimal(String.format(Locale.ROOT, "%.14e", v))
                .stripTrailingZeros()
                .toPlainString();
        String sci = scientific(v);
        return sci.length() < fixed.length() ? sci : fixed;
    }

    private static String scientific(double v) {
        String s = String.format(Locale.ROOT, "%.14e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }
}
