package org.normlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The paired difference in held-out log score between two models, model {@code a} minus model
 * {@code b}, under one scheme, with its noise.
 *
 * <p>For each repeat r and each scored state s, d<sub>rs</sub> is a's log score of the state's
 * held-out state-years minus b's (positive: a predicted the state better). With S states:
 *
 * <ul>
 *   <li>{@code mean} = the average over repeats of D<sub>r</sub> = (1/S)&Sigma;<sub>s</sub>
 *       d<sub>rs</sub>, the difference in total log score per state;
 *   <li>{@code se} = the average over repeats of sd<sub>s</sub>(d<sub>rs</sub>)/&radic;S, the
 *       standard error of a mean of S paired per-state differences (sample standard deviation,
 *       S&minus;1 in the denominator), so clustered by state. Averaging over repeats removes the
 *       noise of one random split but not the noise of the states themselves, which every repeat
 *       shares; the repeats are strongly correlated, so the SE is not divided by &radic;R (that
 *       would overstate the precision), and it still ignores the extra variation that the
 *       random split adds;
 *   <li>{@code repeatsWon} = the number of repeats with D<sub>r</sub> &gt; 0;
 *   <li>{@code verdict}: "better" when mean &gt; 2&middot;se, "worse" when mean &lt;
 *       &minus;2&middot;se, else "indistinguishable" (a difference within two standard errors
 *       could be noise);
 *   <li>{@code topStates}: the {@value #TOP} states with the largest absolute contribution, the
 *       average over repeats of d<sub>rs</sub> (so the contributions of all states sum to
 *       S&middot;mean), with their sign.
 * </ul>
 *
 * <p>Immutable.
 *
 * @param a          the first model
 * @param b          the second model
 * @param scheme     {@code states} or {@code rolling}
 * @param states     S, the states scored
 * @param mean       mean difference in log score per state (a minus b)
 * @param se         its standard error across states
 * @param repeatsWon repeats in which a scored higher than b in total
 * @param repeats    R
 * @param verdict    better, worse or indistinguishable (a against b)
 * @param topStates  the states that contribute most
 */
public record PairedDifference(
        String a,
        String b,
        String scheme,
        int states,
        double mean,
        double se,
        int repeatsWon,
        int repeats,
        String verdict,
        List<StateContribution> topStates) {

    /** States listed in {@link #topStates}. */
    public static final int TOP = 5;

    /**
     * A state's share of the difference.
     *
     * @param iso3         the state
     * @param contribution a's log score of the state minus b's, averaged over repeats
     */
    public record StateContribution(String iso3, double contribution) {}

    /** Copies. */
    public PairedDifference {
        topStates = List.copyOf(topStates);
    }

    /** The paired difference of models {@code a} and {@code b} (indexes into {@code s.models()}). */
    public static PairedDifference of(HeldOutScores s, int a, int b) {
        int nr = s.repeats();
        int ns = s.states().size();
        double meanSum = 0.0;
        double seSum = 0.0;
        int won = 0;
        double[] contribution = new double[ns];
        for (int r = 0; r < nr; r++) {
            double[] d = new double[ns];
            double sum = 0.0;
            for (int st = 0; st < ns; st++) {
                d[st] = s.score(a, r, st) - s.score(b, r, st);
                sum += d[st];
                contribution[st] += d[st] / nr;
            }
            double m = sum / ns;
            double ss = 0.0;
            for (double v : d) {
                ss += (v - m) * (v - m);
            }
            meanSum += m;
            seSum += ns > 1 ? Math.sqrt(ss / (ns - 1)) / Math.sqrt(ns) : Double.NaN;
            won += m > 0 ? 1 : 0;
        }
        double mean = meanSum / nr;
        double se = seSum / nr;
        List<StateContribution> all = new ArrayList<>();
        for (int st = 0; st < ns; st++) {
            all.add(new StateContribution(s.states().get(st), contribution[st]));
        }
        List<StateContribution> top = all.stream()
                .sorted(Comparator.comparingDouble((StateContribution c) -> -Math.abs(c.contribution()))
                        .thenComparing(StateContribution::iso3))
                .limit(TOP)
                .toList();
        return new PairedDifference(
                s.models().get(a), s.models().get(b), s.scheme(), ns, mean, se, won, nr, verdict(mean, se), top);
    }

    /** Every pair of models (i &lt; j, a = i, b = j) in the order of the models. */
    public static List<PairedDifference> all(HeldOutScores s) {
        List<PairedDifference> out = new ArrayList<>();
        for (int i = 0; i < s.models().size(); i++) {
            for (int j = i + 1; j < s.models().size(); j++) {
                out.add(of(s, i, j));
            }
        }
        return out;
    }

    /** "better" above two standard errors, "worse" below minus two, else "indistinguishable". */
    public static String verdict(double mean, double se) {
        if (!(se >= 0) || Double.isNaN(mean)) {
            return "indistinguishable";
        }
        if (mean > 2 * se) {
            return "better";
        }
        if (mean < -2 * se) {
            return "worse";
        }
        return "indistinguishable";
    }

    /** The verdict as a sentence, e.g. "two-level is worse than international". */
    public String sentence() {
        return switch (verdict) {
            case "better" -> a + " predicts held-out states better than " + b;
            case "worse" -> a + " predicts held-out states worse than " + b;
            default -> a + " and " + b + " are indistinguishable (the difference is within two standard errors)";
        };
    }
}
