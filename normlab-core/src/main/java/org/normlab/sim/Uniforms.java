package org.normlab.sim;

import org.normlab.estimate.Link;

/**
 * The yearly uniform draws of the hazards, and a fast, exact way to compare them with a hazard.
 *
 * <p><b>Draws.</b> A hazard's replicate stream (split per replicate and mechanism from the run's
 * generator, see {@link Ensemble#streams}) yields one 64-bit key. The uniform of state s in year y
 * is then output number c = y·2^32 + s of a SplitMix64 generator seeded with that key (Steele, Lea
 * and Flood 2014): mix(key + c·γ), with SplitMix64's γ and finaliser. SplitMix64 reaches any output
 * in O(1), so each state-year has its own substream: only the states at risk draw, and a state's
 * draw in a year is the same in a scenario and its baseline whatever else happened (common random
 * numbers at the level of the state-year).
 *
 * <p>The top 32 bits w of the output give u = (w + ½)·2^−32, strictly inside (0, 1). A transition
 * happens when η ≥ link(u). The realised probability differs from the model's p by less than
 * 2^−32 ≈ 2.3·10^−10, far below anything a yearly hazard of states could resolve.
 *
 * <p><b>Comparison.</b> Computing link(u) needs a logarithm per state-year. Instead the top
 * {@value #BUCKET_BITS} bits of w choose a bucket whose smallest and largest u have precomputed
 * link values; because the link is non-decreasing in floating point, η at or above the upper value
 * is a transition and η below the lower value is none, and only the rare η inside the bucket (about
 * one comparison in 2^{@value #BUCKET_BITS}) computes link(u). The result is bit-for-bit the
 * comparison η ≥ link(u).
 */
final class Uniforms {
    static final int BUCKET_BITS = 10;
    /** SplitMix64's increment, the odd integer nearest 2^64/φ. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private static final int SHIFT = 32 - BUCKET_BITS;
    private static final double[][] CUTS = new double[Link.values().length][];

    static {
        for (Link link : Link.values()) {
            int buckets = 1 << BUCKET_BITS;
            double[] cut = new double[2 * buckets];
            for (int b = 0; b < buckets; b++) {
                int low = b << SHIFT;
                int high = low | ((1 << SHIFT) - 1);
                cut[2 * b] = link.linearPredictor(uniform(low));
                cut[2 * b + 1] = link.linearPredictor(uniform(high));
            }
            CUTS[link.ordinal()] = cut;
        }
    }

    private Uniforms() {}

    /** The SplitMix64 state of output number year·2^32 for {@code key}; add {@code s·GAMMA} for state s. */
    static long yearBase(long key, int year) {
        return key + GAMMA * ((long) year << 32);
    }

    /** SplitMix64's output for the state {@code z}; its top 32 bits are a state-year's random bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The 32 random bits of state s in {@code year} for {@code key}. */
    static int bits(long key, int year, int s) {
        return (int) (mix(yearBase(key, year) + GAMMA * s) >>> 32);
    }

    /** The uniform of 32 random bits, read as unsigned: (w + ½)·2^−32. */
    static double uniform(int bits) {
        return ((bits & 0xFFFFFFFFL) + 0.5) * 0x1.0p-32;
    }

    /** Index into {@link #cuts} of the lower bound of the bucket of {@code bits}; the upper bound follows. */
    static int bucket(int bits) {
        return (bits >>> SHIFT) << 1;
    }

    /** Interleaved lower and upper link values of each bucket. Shared; never modified. */
    static double[] cuts(Link link) {
        return CUTS[link.ordinal()];
    }

    /** Whether a state-year with linear predictor {@code eta} and random bits {@code bits} makes the transition. */
    static boolean event(double eta, int bits, Link link, double[] cuts) {
        int c = bucket(bits);
        return eta >= cuts[c + 1] || (eta >= cuts[c] && eta >= link.linearPredictor(uniform(bits)));
    }
}
