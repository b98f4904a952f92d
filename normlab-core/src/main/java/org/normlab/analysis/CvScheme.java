package org.normlab.analysis;

import org.normlab.data.InputException;

/**
 * How to hold data out: {@code states:K} deals whole states to K folds (seeded), {@code time:YEAR}
 * trains on risk years up to YEAR and tests on the later ones. Immutable.
 */
public record CvScheme(String kind, int value) {
    public CvScheme {
        if (!kind.equals("states") && !kind.equals("time")) {
            throw new InputException("--cv must be states:K or time:YEAR, got '" + kind + "'");
        }
        if (kind.equals("states") && value < 2) {
            throw new InputException("--cv states:K needs K >= 2, got " + value);
        }
    }

    public static CvScheme parse(String text) {
        String[] p = text.split(":", 2);
        if (p.length != 2) {
            throw new InputException("--cv must be states:K or time:YEAR, got '" + text + "'");
        }
        try {
            return new CvScheme(p[0].trim(), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new InputException("--cv " + text + ": '" + p[1] + "' is not a whole number");
        }
    }

    @Override
    public String toString() {
        return kind.equals("states")
                ? value + "-fold cross-validation by state"
                : "train to " + value + ", test after " + value;
    }
}
