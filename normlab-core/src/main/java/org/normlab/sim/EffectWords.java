package org.normlab.sim;

/**
 * Puts an effect and its 90 % interval into words a policy reader can use, without claiming more than
 * the interval allows. With the interval [lo, hi] and a {@link Scale} (a negligible and a large size):
 *
 * <ol>
 *   <li>{@link Verdict#NO_MATERIAL_CHANGE} when the whole interval lies within ±negligible;
 *   <li>{@link Verdict#RAISES} (lo &gt; 0) or {@link Verdict#LOWERS} (hi &lt; 0) when it excludes 0;
 *   <li>{@link Verdict#CANNOT_TELL} when it spans 0 and reaches a large effect on either side
 *       (hi ≥ large or lo ≤ −large): none and a large effect are both consistent with the data;
 *   <li>{@link Verdict#SMALL} otherwise: it spans 0 and reaches past negligible, but not to large.
 * </ol>
 *
 * <p>The sizes: on a probability (e.g. of joining by a year) negligible is 0.05 and large 0.10
 * ({@link Scale#PROBABILITY}); on a count (e.g. of parties) one part in 20 and one part in 10 of the
 * baseline's value, at least 0.5 and 1 state ({@link Scale#count}).
 */
public final class EffectWords {

    private EffectWords() {}

    /** What an effect's interval allows one to say. */
    public enum Verdict {
        /** The interval lies above 0 and reaches past the negligible size. */
        RAISES("raises"),
        /** The interval lies below 0 and reaches past the negligible size. */
        LOWERS("lowers"),
        /** The interval lies within ±negligible. */
        NO_MATERIAL_CHANGE("no material change"),
        /** The interval spans both 0 and a large effect. */
        CANNOT_TELL("the data cannot tell"),
        /** The interval spans 0 and reaches past negligible, but not to a large effect. */
        SMALL("at most a small change, direction unclear");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** The verdict in words, e.g. "the data cannot tell". */
        public String words() {
            return words;
        }
    }

    /**
     * The sizes an effect is judged by.
     *
     * @param negligible an effect within ±negligible is no material change, &gt; 0
     * @param large      an effect of this size or more is large, ≥ negligible
     */
    public record Scale(double negligible, double large) {
        /** On a probability: 0.05 negligible, 0.10 large. */
        public static final Scale PROBABILITY = new Scale(0.05, 0.10);

        public Scale {
            if (!(negligible > 0) || !(large >= negligible) || !Double.isFinite(large)) {
                throw new IllegalArgumentException(
                        "need 0 < negligible ≤ large, finite; got " + negligible + ", " + large);
            }
        }

        /** On a count whose baseline value is {@code baseline}: one part in 20 and in 10 of it, at least 0.5 and 1. */
        public static Scale count(double baseline) {
            double b = Math.abs(baseline);
            return new Scale(Math.max(0.5, b / 20), Math.max(1.0, b / 10));
        }
    }

    /**
     * The verdict on an effect whose 90 % interval is [lo, hi].
     *
     * @throws IllegalArgumentException if lo &gt; hi or either is not finite
     */
    public static Verdict classify(double lo, double hi, Scale scale) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("not an interval: [" + lo + ", " + hi + "]");
        }
        if (lo >= -scale.negligible() && hi <= scale.negligible()) {
            return Verdict.NO_MATERIAL_CHANGE;
        }
        if (lo > 0) {
            return Verdict.RAISES;
        }
        if (hi < 0) {
            return Verdict.LOWERS;
        }
        if (hi >= scale.large() || lo <= -scale.large()) {
            return Verdict.CANNOT_TELL;
        }
        return Verdict.SMALL;
    }

    /** The verdict on a probability effect, from its 5 % and 95 % quantiles, on {@link Scale#PROBABILITY}. */
    public static Verdict classify(ProbabilitySummary effect) {
        return classify(effect.q05(), effect.q95(), Scale.PROBABILITY);
    }
}
