package org.normlab.scenario;

import java.util.Locale;

/**
 * The ranges a scenario's numbers must lie in, documented in {@code docs/scenarios.md}. They keep
 * every linear predictor η = Σ β_j x_j finite: with |β| ≤ {@link #MAX_COEFFICIENT} and
 * |x| ≤ {@link #MAX_VALUE} each term is at most 10¹³ in size, so η cannot overflow however many
 * terms a model has; and they bound the simulated years before anything is allocated for them.
 */
public final class ScenarioLimits {
    /** The earliest year a scenario may name. */
    public static final int FIRST_YEAR = 1800;
    /** The latest year a scenario may name, and so the last year a simulated world can reach. */
    public static final int LAST_YEAR = 2100;
    /**
     * The largest absolute value of a coefficient (model terms, incentives, threshold costs, fitted
     * or given), of a threshold's mean and standard deviation, and of a frailty standard deviation.
     */
    public static final double MAX_COEFFICIENT = 1e4;
    /**
     * The longest name of a term, variable, specification, incentive, region or subregion, in
     * characters (an indicator's name has at most 64).
     */
    public static final int MAX_NAME = 64;
    /**
     * The longest name of a coefficient of a model given with a formula, which names a column of
     * the formula's model matrix as R does ({@code relevel(factor(x), ref = "b")a:log_duration}).
     */
    public static final int MAX_COLUMN_NAME = 256;
    /** The largest absolute value of a covariate, given by an override or held by the data. */
    public static final double MAX_VALUE = 1e9;

    private ScenarioLimits() {}

    /** Whether a year lies in {@link #FIRST_YEAR}–{@link #LAST_YEAR}. */
    public static boolean isYear(long year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** "outside the years a scenario may name (1800-2100)". */
    public static String yearReason() {
        return "outside the years a scenario may name (" + FIRST_YEAR + "-" + LAST_YEAR + ")";
    }

    /** Whether a coefficient is finite and within ±{@link #MAX_COEFFICIENT}. */
    public static boolean isCoefficient(double v) {
        return Double.isFinite(v) && Math.abs(v) <= MAX_COEFFICIENT;
    }

    /** Whether a covariate value is finite and within ±{@link #MAX_VALUE}. */
    public static boolean isValue(double v) {
        return Double.isFinite(v) && Math.abs(v) <= MAX_VALUE;
    }

    /** "outside the range ±10000 a coefficient may take". */
    public static String coefficientReason() {
        return "outside the range " + plusMinus(MAX_COEFFICIENT) + " a coefficient may take";
    }

    /** "outside the range ±1e9 a covariate value may take". */
    public static String valueReason() {
        return "outside the range " + plusMinus(MAX_VALUE) + " a covariate value may take";
    }

    /** A number as a message shows it: integers without a fraction, the rest in Java's shortest form. */
    public static String number(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }

    private static String plusMinus(double v) {
        return "±"
                + (v >= 1e6
                        ? String.format(Locale.ROOT, "%.0e", v)
                                .replace("e+0", "e")
                                .replace("e+", "e")
                        : number(v));
    }
}
