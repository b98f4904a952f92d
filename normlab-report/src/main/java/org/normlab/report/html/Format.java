package org.normlab.report.html;

import java.util.Locale;

/**
 * How the report prints numbers, in one place: coefficients to 3 decimals, scores to 4, counts as
 * integers with thousands separators, a true minus sign, and a dash for a value that is not a
 * number. Stateless and thread-safe.
 */
final class Format {
    /** Printed for NaN and infinite values. */
    static final String MISSING = "\u2014";

    private static final char MINUS = '\u2212';

    private Format() {}

    /** A count (state-years, events): 1,234. */
    static String count(long n) {
        return signed(String.format(Locale.ROOT, "%,d", n));
    }

    /** A calendar year or a seed: no separators. */
    static String plain(long n) {
        return signed(Long.toString(n));
    }

    /** A regression coefficient or standard error: 3 decimals. */
    static String coefficient(double v) {
        return fixed(v, 3);
    }

    /** A standard error in parentheses, as regression tables print it under the coefficient. */
    static String se(double v) {
        return "(" + coefficient(v) + ")";
    }

    /** A log-likelihood, information criterion or test statistic: 2 decimals. */
    static String statistic(double v) {
        return fixed(v, 2);
    }

    /** A forecast score (log score, Brier, AUC): 4 decimals. */
    static String score(double v) {
        return fixed(v, 4);
    }

    /** A p value: 3 decimals, or "&lt; 0.001" below that. */
    static String p(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        return v < 0.001 ? "< 0.001" : fixed(v, 3);
    }

    /**
     * A probability or hazard: 3 decimals, and 2 significant digits below 0.01 so that small
     * hazards stay apart (0.0012, 0.00034) instead of all printing as 0.000.
     */
    static String probability(double v) {
        if (!Double.isFinite(v) || v == 0 || Math.abs(v) >= 0.01) {
            return fixed(v, 3);
        }
        int decimals = 1 - (int) Math.floor(Math.log10(Math.abs(v)));
        String s = fixed(v, decimals);
        // rounding up can reach the next power of ten (0.0099 -> 0.010): keep 2 significant digits
        return s.endsWith("0") && decimals > 3 ? fixed(v, decimals - 1) : s;
    }

    /** A contribution to the linear predictor (logit units): 2 decimals. */
    static String logit(double v) {
        return fixed(v, 2);
    }

    /** A mean count of states over replicates: 1 decimal. */
    static String mean(double v) {
        return fixed(v, 1);
    }

    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        return signed(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /** A typographic minus, and no sign on a value that rounds to zero ("-0.000"). */
    private static String signed(String s) {
        if (!s.startsWith("-")) {
            return s;
        }
        String digits = s.substring(1);
        return digits.chars().allMatch(c -> c == '0' || c == '.' || c == ',') ? digits : MINUS + digits;
    }
}
