package org.normlab.estimate;

/**
 * Link between the linear predictor &eta; and the per-period event probability &mu; of a
 * discrete-time hazard model.
 *
 * <ul>
 *   <li>{@link #LOGIT}: &mu; = 1/(1+e<sup>&minus;&eta;</sup>), the discrete-time logit model;
 *   <li>{@link #CLOGLOG}: &mu; = 1&minus;exp(&minus;e<sup>&eta;</sup>), the grouped-time version of
 *       a continuous-time proportional hazards model (coefficients are log hazard ratios).
 * </ul>
 *
 * <p>Probabilities are clamped to [&epsilon;, 1&minus;&epsilon;] (&epsilon; = 2.22e&minus;16)
 * exactly as R's {@code binomial()} family does, so fits that run into separation behave like
 * R's. Thread-safe (stateless).
 */
public enum Link {
    /** Logistic link, R's {@code binomial(link = "logit")}. */
    LOGIT("logit"),
    /** Complementary log-log link, R's {@code binomial(link = "cloglog")}. */
    CLOGLOG("cloglog");

    /** Machine epsilon, R's {@code .Machine$double.eps}. */
    static final double EPS = 0x1.0p-52;
    /** Logit linear predictors beyond &plusmn;30 are clamped, as in R's C code for the link. */
    static final double LOGIT_THRESHOLD = 30.0;

    private final String label;

    Link(String label) {
        this.label = label;
    }

    /** The name used by R's {@code binomial(link = ...)}: "logit" or "cloglog". */
    public String label() {
        return label;
    }

    /**
     * Inverse link: the event probability for linear predictor {@code eta}.
     *
     * @param eta linear predictor, any finite value
     * @return probability in [&epsilon;, 1&minus;&epsilon;]
     */
    public double probability(double eta) {
        if (this == LOGIT) {
            if (eta < -LOGIT_THRESHOLD) {
                return EPS / (1.0 + EPS);
            }
            if (eta > LOGIT_THRESHOLD) {
                return 1.0 / (1.0 + EPS);
            }
            double e = Math.exp(eta);
            return e / (1.0 + e);
        }
        double mu = -Math.expm1(-Math.exp(eta));
        return Math.max(Math.min(mu, 1.0 - EPS), EPS);
    }

    /**
     * Link function: the linear predictor for probability {@code mu}.
     *
     * @param mu probability strictly between 0 and 1
     * @return &eta;
     * @throws EstimationException if {@code mu} is not in (0, 1)
     */
    public double linearPredictor(double mu) {
        if (!(mu > 0.0 && mu < 1.0)) {
            throw new EstimationException(
                    "probability " + mu + " is outside (0, 1); the " + label + " link is undefined there");
        }
        return this == LOGIT ? Math.log(mu / (1.0 - mu)) : Math.log(-Math.log1p(-mu));
    }

    /** Parses "logit" or "cloglog" (case-insensitive). */
    public static Link parse(String text) {
        for (Link link : values()) {
            if (link.label.equalsIgnoreCase(text.trim()) || link.name().equalsIgnoreCase(text.trim())) {
                return link;
            }
        }
        throw new EstimationException("unknown link '" + text + "': use logit or cloglog");
    }
}
