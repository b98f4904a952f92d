package org.normlab.lifecycle;

import java.util.Locale;

/**
 * The parameters that date the stages of a life cycle. Immutable.
 *
 * <p>The rules:
 * <ul>
 *   <li><b>tipping point</b>: the first year in which parties are at least {@code tippingShare} of
 *       the states in the system (Finnemore and Sikkink's one third by default);</li>
 *   <li><b>emergence</b>: from the first year of the series to the year before the tipping point;</li>
 *   <li><b>cascade</b>: from the tipping year until the year before the first later year in which new
 *       parties fall below {@code cascadeRate} of the states in the system (2 % by default: about four
 *       states a year in a system of 190). The tipping year always opens the cascade;</li>
 *   <li><b>internalization</b>: from that first slow year to the end of the series; later fast years do
 *       not reopen the cascade, because a plateau is judged by when adoption first slows down;</li>
 *   <li><b>regression</b>: each run of consecutive years in which withdrawals taking effect outnumber
 *       new parties; it overlays the other stages.</li>
 * </ul>
 * A rate relative to the system rather than to the peak rate keeps the cascade's end independent of
 * how concentrated the opening wave was (the Mine Ban Convention's 55 ratifications of 1998).
 *
 * @param tippingShare share of the system that must be party to tip, in (0, 1]
 * @param cascadeRate  yearly new parties, as a share of the system, below which the cascade ends, in [0, 1)
 */
public record LifeCycleRules(double tippingShare, double cascadeRate) {

    /** One third and 2 %. */
    public static final LifeCycleRules DEFAULT = new LifeCycleRules(1.0 / 3.0, 0.02);

    public LifeCycleRules {
        if (!(tippingShare > 0 && tippingShare <= 1)) {
            throw new IllegalArgumentException("tipping share must be in (0, 1], got " + tippingShare);
        }
        if (!(cascadeRate >= 0 && cascadeRate < 1)) {
            throw new IllegalArgumentException("cascade rate must be in [0, 1), got " + cascadeRate);
        }
    }

    /** Rules with the given parameters. */
    public static LifeCycleRules of(double tippingShare, double cascadeRate) {
        return new LifeCycleRules(tippingShare, cascadeRate);
    }

    /** The default rules: tipping at one third, cascade while at least 2 % of the system joins a year. */
    public static LifeCycleRules defaults() {
        return DEFAULT;
    }

    /** The rule dating the tipping point, in words. */
    public String tippingRule() {
        return "tipping point: the first year in which parties are at least " + percent(tippingShare)
                + " of the states in the system";
    }

    /** The rule dating {@code stage}, in words, with its parameters. */
    public String rule(StageName stage) {
        return switch (stage) {
            case EMERGENCE ->
                "from the first year of the series to the year before the first year in which parties"
                        + " are at least " + percent(tippingShare) + " of the states in the system (the tipping point)";
            case CASCADE ->
                "from the tipping year until the year before the first later year in which new parties" + " fall below "
                        + percent(cascadeRate) + " of the states in the system";
            case INTERNALIZATION ->
                "from the first year after the tipping year in which new parties fall below " + percent(cascadeRate)
                        + " of the states in the system, to the end of the series";
            case REGRESSION -> "consecutive years in which withdrawals taking effect outnumber new parties";
        };
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
