package org.normlab.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.normlab.formula.Formula;

/**
 * A model named on the command line with {@code --model NAME=v1,v2,...} (variables) or {@code
 * --model NAME=~RHS} (the right-hand side of an R formula, as {@code --formula} takes it).
 *
 * @param name      the model's name: a letter, then letters, digits, {@code _ . -}
 * @param variables the variables (empty for a formula)
 * @param formula   the parsed formula, or null
 */
record NamedModel(String name, List<String> variables, Formula formula) {

    /** Parses every {@code --model} value (null: none). */
    static List<NamedModel> parseAll(List<String> values) {
        List<NamedModel> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                out.add(parse(v));
            }
        }
        return out;
    }

    /** Parses one {@code --model} value. */
    static NamedModel parse(String value) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            throw new BadInputException("--model " + value + ": write NAME=v1,v2,... or NAME=~formula (no '=' found)");
        }
        String name = value.substring(0, eq).trim();
        String body = value.substring(eq + 1).trim();
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw new BadInputException("--model " + value + ": the name '" + name
                    + "' must start with a letter and hold only letters, digits, '_', '.' and '-' (at most 64)");
        }
        if (body.isEmpty()) {
            throw new BadInputException("--model " + value + ": no variables after '='");
        }
        if (body.startsWith("~")) {
            String rhs = body.substring(1).trim();
            if (rhs.isEmpty()) {
                throw new BadInputException("--model " + value + ": no formula after '~'");
            }
            return new NamedModel(name, List.of(), Formula.parse(rhs));
        }
        List<String> vars = new ArrayList<>();
        for (String v : body.split(",", -1)) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new BadInputException("--model " + value + ": an empty variable name between commas");
            }
            if (vars.contains(t)) {
                throw new BadInputException("--model " + value + ": variable " + t + " is listed twice");
            }
            vars.add(t);
        }
        return new NamedModel(name, vars, null);
    }

    /** The variables the panel must hold for this model. */
    List<String> readVariables() {
        return formula != null ? formula.variables() : variables;
    }

    /** Refuses a name given twice (a --model named as a --specs entry, say). */
    static void checkUnique(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new BadInputException("model name " + n + " is given twice: every model needs its own name");
            }
        }
    }
}
