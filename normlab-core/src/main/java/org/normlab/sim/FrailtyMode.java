package org.normlab.sim;

import java.util.Locale;

/**
 * How a hazard with a frailty standard deviation σ &gt; 0 draws each state's frailty at the start of
 * a replicate (see {@link LinearIndexHazard}).
 */
public enum FrailtyMode {
    /** From the prior, b ~ Normal(0, σ²), whatever the state did before the start. */
    PRIOR,
    /** From the posterior given the state's observed history before the start ({@link FrailtyPosterior}). */
    POSTERIOR;

    /** The name a scenario uses: {@code prior} or {@code posterior}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
