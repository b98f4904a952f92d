package org.normlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.PairedDifference;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.LikelihoodRatioTest;

/** Plain-words statements of what a computation found, for the CLI and the report. */
public final class Findings {
    private Findings() {}

    /** What the comparison says about the last (fullest) model against each of the others. */
    public static List<String> comparison(Comparison c) {
        List<String> out = new ArrayList<>();
        int last = c.fits().size() - 1;
        ModelFit big = c.fits().get(last);
        ForecastScores s1 = c.outOfSample().get(last);
        for (int i = 0; i < last; i++) {
            ModelFit small = c.fits().get(i);
            ForecastScores s0 = c.outOfSample().get(i);
            LikelihoodRatioTest lr = c.lrTests().get(i);
            boolean aicBetter = big.estimate().aic() < small.estimate().aic();
            boolean bicBetter = big.estimate().bic() < small.estimate().bic();
            boolean oosBetter = s1.meanLogScore() > s0.meanLogScore();
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT,
                    "Going from %s to %s %s the in-sample fit",
                    small.name(),
                    big.name(),
                    aicBetter ? "improves" : "does not improve"));
            if (lr != null) {
                b.append(String.format(
                        Locale.ROOT,
                        " (likelihood-ratio chi2 = %.2f on %d df, p = %.3g)",
                        lr.statistic(),
                        lr.df(),
                        lr.pValue()));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "; AIC %.1f -> %.1f, BIC %.1f -> %.1f (%s by BIC). ",
                    small.estimate().aic(),
                    big.estimate().aic(),
                    small.estimate().bic(),
                    big.estimate().bic(),
                    bicBetter ? "better" : "worse"));
            PairedDifference paired = pairOf(c, small.name(), big.name());
            if (paired == null) {
                b.append(String.format(
                        Locale.ROOT,
                        "Out of sample (%s) it %s the log score (%.4f -> %.4f), "
                                + "Brier %.4f -> %.4f, AUC %.3f -> %.3f.",
                        c.scheme(),
                        oosBetter ? "improves" : "does not improve",
                        s0.meanLogScore(),
                        s1.meanLogScore(),
                        s0.brierScore(),
                        s1.brierScore(),
                        s0.auc(),
                        s1.auc()));
                if (aicBetter && !oosBetter) {
                    b.append(" The gain in sample does not carry over to states the model has not seen: a penalized "
                            + "fit (Firth or ridge) may hold up better.");
                }
            } else {
                // one split is noise: the words come from the paired difference over repeated splits
                String verdict = switch (paired.verdict()) {
                    case "better" -> "predicts held-out states worse";
                    case "worse" -> "predicts held-out states better";
                    default -> "predicts held-out states neither better nor worse (within two standard errors)";
                };
                b.append(String.format(
                        Locale.ROOT,
                        "Out of sample, over %d repeats of leave-states-out cross-validation, it %s: "
                                + "log score %+.3f per state (SE %.3f).",
                        paired.repeats(),
                        verdict,
                        -paired.mean(),
                        paired.se()));
                if (aicBetter && paired.verdict().equals("better")) {
                    b.append(" The gain in sample does not carry over to states the model has not seen: a penalized "
                            + "fit (Firth, or ridge chosen inside the folds) may hold up better.");
                }
            }
            out.add(b.toString());
        }
        for (Comparison.BlockTest t : c.blockTests()) {
            ForecastScores s0 = t.outOfSample();
            StringBuilder b = new StringBuilder(String.format(
                    Locale.ROOT,
                    "The %s block (%s) in the %s model",
                    t.block().equals("domestic") ? "domestic-pressure" : t.block(),
                    String.join(", ", t.variables()),
                    big.name()));
            if (t.lr() != null) {
                b.append(String.format(
                        Locale.ROOT,
                        ": likelihood-ratio chi2 = %.2f on %d df, p = %.3g (%s at 5 %%)",
                        t.lr().statistic(),
                        t.lr().df(),
                        t.lr().pValue(),
                        t.lr().pValue() < 0.05 ? "significant" : "not significant"));
            }
            PairedDifference cv = t.paired("states");
            if (cv == null) {
                b.append(String.format(
                        Locale.ROOT,
                        "; AIC %.1f without it, %.1f with it; out of sample (%s) the log score is "
                                + "%.4f without and %.4f with it (%s).",
                        t.without().estimate().aic(),
                        big.estimate().aic(),
                        c.scheme(),
                        s0.meanLogScore(),
                        s1.meanLogScore(),
                        s1.meanLogScore() > s0.meanLogScore()
                                ? "the block helps predict states the model has not seen"
                                : "the block does not help predict states the model has not seen"));
            } else {
                // one split is noise: the words come from the paired difference over repeated splits
                b.append(String.format(
                        Locale.ROOT,
                        "; AIC %.1f without it, %.1f with it; out of sample, over %d repeats of leave-states-out "
                                + "cross-validation, the block %s: log score %+.3f per state with it (SE %.3f; "
                                + "better with it in %d of %d repeats)",
                        t.without().estimate().aic(),
                        big.estimate().aic(),
                        cv.repeats(),
                        blockVerdict(cv),
                        cv.mean(),
                        cv.se(),
                        cv.repeatsWon(),
                        cv.repeats()));
                PairedDifference rolling = t.paired("rolling");
                if (rolling != null) {
                    b.append(String.format(
                            Locale.ROOT,
                            "; in rolling-origin one-year-ahead forecasts it %s: %+.3f per state (SE %.3f)",
                            blockVerdict(rolling),
                            rolling.mean(),
                            rolling.se()));
                }
                b.append('.');
            }
            out.add(b.toString());
        }
        out.addAll(paired(c));
        return out;
    }

    /** A block's paired difference (the full model minus the model without the block) in words. */
    private static String blockVerdict(PairedDifference p) {
        return switch (p.verdict()) {
            case "better" -> "helps predict held-out states";
            case "worse" -> "makes held-out states worse predicted";
            default -> "makes no difference the held-out states can detect (within two standard errors)";
        };
    }

    /** The paired difference of a and b under repeated leave-states-out cross-validation, or null. */
    private static PairedDifference pairOf(Comparison c, String a, String b) {
        return c.paired().stream()
                .filter(p -> p.scheme().equals("states") && p.a().equals(a) && p.b().equals(b))
                .findFirst()
                .orElse(null);
    }

    /**
     * The paired held-out differences in words, one sentence per pair and scheme: the verdict, the
     * mean difference with its standard error, the repeats won and the states that weigh most.
     */
    public static List<String> paired(Comparison c) {
        List<String> out = new ArrayList<>();
        for (PairedDifference p : c.paired()) {
            String scheme = p.scheme().equals("states")
                    ? String.format(Locale.ROOT, "over %d repeats of leave-states-out cross-validation", p.repeats())
                    : "in rolling-origin one-year-ahead forecasts";
            StringBuilder b = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Held out, %s, %s: log score %+.3f per state (SE %.3f, %d states)",
                    scheme,
                    p.sentence(),
                    p.mean(),
                    p.se(),
                    p.states()));
            if (p.repeats() > 1) {
                b.append(String.format(
                        Locale.ROOT, "; %s scored higher in %d of %d repeats", p.a(), p.repeatsWon(), p.repeats()));
            }
            b.append("; the states that weigh most: ");
            b.append(String.join(
                    ", ",
                    p.topStates().stream()
                            .map(t -> String.format(Locale.ROOT, "%s %+.2f", t.iso3(), t.contribution()))
                            .toList()));
            b.append('.');
            out.add(b.toString());
        }
        return out;
    }
}
