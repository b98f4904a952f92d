package org.normlab.formula;

import org.normlab.data.InputException;

/**
 * A model formula that cannot be used: a syntax error (with the position), an unknown function,
 * or a term whose values are not finite on the risk set. The message names the formula part and
 * the reason and is meant to be printed as is (bad input).
 */
public class FormulaException extends InputException {
    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
