package org.normlab.study;

import java.util.List;
import java.util.Map;

/**
 * Everything the study report shows, as plain values computed by {@link Study}: no number in the
 * rendered report is typed into a template, each comes from a field here. Immutable; nullable
 * sections are left out of the report, with the reason in {@link #omitted()}.
 *
 * @param meta            what was run, on which data, with which seed
 * @param headlines       the findings in plain words, most important first
 * @param omitted         sections left out and why (e.g. "no withdrawal section: no state has withdrawn")
 * @param lifecycle       the observed life cycle
 * @param thesis          the test of the thesis: international, domestic and two-level models
 * @param withdrawal      the withdrawal model, or null
 * @param holdouts        every non-party and every state that withdrew, explained
 * @param replay          the simulated replay of history against the observed curve, or null
 * @param counterfactuals scenario ensembles against the baseline
 * @param findings        the headline findings in plain words for policy readers, each with the
 *                        technical statement beside it (the technical statements are {@code headlines})
 * @param citation        how the report cites the paper whose thesis the study tests (one place:
 *                        {@link Citation#paper()})
 */
public record StudyReport(
        Meta meta,
        List<String> headlines,
        List<String> omitted,
        LifeCycleSection lifecycle,
        ThesisSection thesis,
        ModelSection withdrawal,
        List<Holdout> holdouts,
        Replay replay,
        List<Counterfactual> counterfactuals,
        List<Finding> findings,
        String citation) {
    public StudyReport {
        headlines = List.copyOf(headlines);
        omitted = List.copyOf(omitted);
        holdouts = List.copyOf(holdouts);
        counterfactuals = List.copyOf(counterfactuals);
        findings = List.copyOf(findings);
    }

    /**
     * A headline finding.
     *
     * @param plain     the finding in plain words for a policy reader: no statistics jargon, no
     *                  command-line options
     * @param technical the same finding as a technical statement (estimates, tests, intervals)
     */
    public record Finding(String plain, String technical) {}

    /**
     * @param instrument      instrument id
     * @param title           instrument title
     * @param version         normlab version
     * @param dataDigest      SHA-256 of the bundled data
     * @param seed            random seed
     * @param replicates      replicates per ensemble
     * @param created         date the study was run (ISO date)
     * @param parameters      other settings worth printing (name to value)
     */
    public record Meta(
            String instrument,
            String title,
            String version,
            String dataDigest,
            long seed,
            int replicates,
            String created,
            Map<String, String> parameters) {}

    /**
     * The observed curves, one entry per year.
     *
     * @param years         calendar years
     * @param states        states in the system (plus participants outside it)
     * @param signatories   signatories (not yet party) at the end of the year, or null when the instrument has no signatures
     * @param parties       parties at the end of the year
     * @param withdrawn     withdrawn at the end of the year, or null without withdrawals
     * @param stages        the life-cycle stages
     * @param tippingYear   tipping year, or null when not reached
     * @param tippingRule   the rule in words
     * @param bass          the Bass fit, or null
     */
    public record LifeCycleSection(
            int[] years,
            int[] states,
            int[] signatories,
            int[] parties,
            int[] withdrawn,
            List<StageRow> stages,
            Integer tippingYear,
            String tippingRule,
            BassRow bass) {}

    /** A dated stage. {@code end} is null while ongoing. */
    public record StageRow(String stage, int start, Integer end, String rule) {}

    /**
     * A Bass fit with its fitted per-year adoptions (same years as the life cycle).
     *
     * @param text       the fit in words (parameters with standard errors, diagnostics)
     * @param fitted     fitted consents per year
     * @param observed   observed consents per year
     * @param status     {@link #FITTED}, or {@link #FAILED} when the market potential m is below the
     *                   consents already deposited ({@code adopted}): a failed fit does not describe the
     *                   curve and is not to be drawn as the fit
     * @param adopted    consents deposited over the observed years (the sum of {@code observed})
     */
    public record BassRow(
            String form,
            double m,
            double p,
            double q,
            double seM,
            double seP,
            double seQ,
            String text,
            double[] fitted,
            double[] observed,
            String status,
            double adopted) {
        /** A fit whose market potential is at least the adoptions observed. */
        public static final String FITTED = "fitted";
        /** A fit whose market potential is below the adoptions observed: not drawn. */
        public static final String FAILED = "failed";

        /** A row of a fit not checked against the adoptions (status {@link #FITTED}). */
        public BassRow(
                String form,
                double m,
                double p,
                double q,
                double seM,
                double seP,
                double seQ,
                String text,
                double[] fitted,
                double[] observed) {
            this(form, m, p, q, seM, seP, seQ, text, fitted, observed, FITTED, sum(observed));
        }

        private static double sum(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s;
        }

        /** Whether the fit is to be drawn (it did not fail). */
        public boolean drawable() {
            return FITTED.equals(status);
        }
    }

    /**
     * The models side by side and how they compare.
     *
     * @param models      one column per model
     * @param comparison  rows of in- and out-of-sample statistics per model
     * @param findings    plain-words findings of the comparison
     * @param note        estimation method and standard errors in words
     */
    public record ThesisSection(
            List<ModelSection> models, List<ComparisonRow> comparison, List<String> findings, String note) {}

    /**
     * One fitted model.
     *
     * @param name     specification name
     * @param terms    coefficients
     * @param n        state-years
     * @param events   events
     * @param logLik   log-likelihood
     * @param aic      AIC
     * @param bic      BIC
     * @param method   estimation method and standard errors in words
     * @param sentence what the model says, in words
     * @param warnings    to be shown with the table in visible text: separation (which terms, and the
     *                    Firth refit) and an exploratory model (events per parameter)
     * @param exploratory fewer events per parameter than the study's threshold: the coefficients are not
     *                    read as effects and {@code pattern} shows the data descriptively
     * @param pattern     who did and who did not, by the value of each 0/1 term (empty unless the model
     *                    is exploratory or separated)
     */
    public record ModelSection(
            String name,
            List<Term> terms,
            int n,
            int events,
            double logLik,
            double aic,
            double bic,
            String method,
            String sentence,
            List<String> warnings,
            boolean exploratory,
            List<PatternRow> pattern) {
        public ModelSection {
            terms = List.copyOf(terms);
            warnings = List.copyOf(warnings);
            pattern = List.copyOf(pattern);
        }

        /** A section without warnings or pattern. */
        public ModelSection(
                String name,
                List<Term> terms,
                int n,
                int events,
                double logLik,
                double aic,
                double bic,
                String method,
                String sentence) {
            this(name, terms, n, events, logLik, aic, bic, method, sentence, List.of(), false, List.of());
        }
    }

    /**
     * A coefficient with its standard error, p value and stars. A term affected by separation
     * ({@code separated}) carries no stars: its estimate and standard error are not meaningful.
     */
    public record Term(
            String name, String level, double estimate, double se, double p, String stars, boolean separated) {
        /** A term not affected by separation. */
        public Term(String name, String level, double estimate, double se, double p, String stars) {
            this(name, level, estimate, se, p, stars, false);
        }
    }

    /**
     * One line of the descriptive table of an exploratory or separated model.
     *
     * @param term       a 0/1 term of the model
     * @param value      its value, 0 or 1
     * @param stateYears state-years at risk with that value
     * @param events     events among them
     * @param states     the states with an event among them (ISO3), sorted
     */
    public record PatternRow(String term, int value, int stateYears, int events, List<String> states) {
        public PatternRow {
            states = List.copyOf(states);
        }
    }

    /** In- and out-of-sample statistics of one model. */
    public record ComparisonRow(
            String model,
            double logLik,
            double aic,
            double bic,
            Double lrStatistic,
            Integer lrDf,
            Double lrP,
            double logScore,
            double brier,
            double auc) {}

    /**
     * One holdout or withdrawn state, explained.
     *
     * @param iso3          state
     * @param name          name
     * @param status        none, signatory or withdrawn
     * @param type          typology label (blocked, hesitant, opposed, rejecting, regressed ...)
     * @param typeMeaning   what the type means
     * @param adherence     adherence level 0-3
     * @param measures      every measure with its scope and years, in words
     * @param year          year explained
     * @param hazard        modelled hazard that year
     * @param cumulative    modelled probability of having joined (or withdrawn) by then
     * @param international international block's contribution (logit units)
     * @param domestic      domestic-pressure block's contribution (logit units)
     * @param perception    perception block's contribution (logit units)
     * @param incentives    incentives block's contribution (logit units)
     * @param typeProbability probability, from parameter draws, that the state lies in its typology cell
     *                      (null for labels outside the perception x pressure table)
     * @param contributions contribution per variable
     * @param sentence      the explanation in words
     */
    public record Holdout(
            String iso3,
            String name,
            String status,
            String type,
            String typeMeaning,
            int adherence,
            List<String> measures,
            int year,
            double hazard,
            double cumulative,
            double international,
            double domestic,
            double perception,
            double incentives,
            Double typeProbability,
            Map<String, Double> contributions,
            String sentence) {}

    /**
     * The baseline ensemble replaying history from the opening year, against the observed curve.
     *
     * @param years    simulated years
     * @param observed observed parties (null after the last observed year)
     * @param mean     mean simulated parties
     * @param q05      5 % quantile
     * @param q25      25 % quantile
     * @param q50      median
     * @param q75      75 % quantile
     * @param q95      95 % quantile
     * @param sentence whether the observed curve lies inside the band, and the scores, in words
     * @param scores   proper scores against what happened and against a no-covariate baseline, with the
     *                 per-state calibration (null when not computed)
     */
    public record Replay(
            int[] years,
            Integer[] observed,
            double[] mean,
            double[] q05,
            double[] q25,
            double[] q50,
            double[] q75,
            double[] q95,
            String sentence,
            ReplayScores scores) {
        /** A replay without scores. */
        public Replay(
                int[] years,
                Integer[] observed,
                double[] mean,
                double[] q05,
                double[] q25,
                double[] q50,
                double[] q75,
                double[] q95,
                String sentence) {
            this(years, observed, mean, q05, q25, q50, q75, q95, sentence, null);
        }
    }

    /**
     * The replay scored against what happened, beside a no-covariate baseline replayed the same way.
     *
     * @param crps            mean over the observed years of the CRPS of the simulated number of parties
     *                        (in states; lower is better)
     * @param crpsBaseline    the same for the baseline
     * @param brier           Brier score of each state's status (party or not) in {@code year}, over the
     *                        states in the system (lower is better)
     * @param brierBaseline   the same for the baseline
     * @param year            the last observed year, whose statuses are scored
     * @param holdouts        states in the system not party in {@code year}
     * @param holdoutsParty   expected number of them the replay makes party by {@code year}
     * @param joined          holdouts the replay makes party with probability 0.5 or more, most likely
     *                        first
     * @param missed          parties the replay leaves below probability 0.5, least likely first
     * @param baseline        the baseline model in words
     * @param sentence        the scores in words
     */
    public record ReplayScores(
            double crps,
            double crpsBaseline,
            double brier,
            double brierBaseline,
            int year,
            int holdouts,
            double holdoutsParty,
            List<StateProbability> joined,
            List<StateProbability> missed,
            String baseline,
            String sentence) {
        public ReplayScores {
            joined = List.copyOf(joined);
            missed = List.copyOf(missed);
        }
    }

    /** A state with a probability (of being party, in the replay). */
    public record StateProbability(String iso3, String name, double probability) {}

    /**
     * A counterfactual ensemble against the baseline, with paired differences.
     *
     * @param id          short name (e.g. "russia-peace")
     * @param question    the question it answers
     * @param scenario    the scenario file's text (YAML)
     * @param years       years of the projection
     * @param baseline    mean parties in the baseline
     * @param scenarioMean mean parties in the scenario
     * @param diffMean    mean paired difference (scenario minus baseline) of parties
     * @param diffLow     5 % quantile of the paired difference
     * @param diffHigh    95 % quantile of the paired difference
     * @param focus       probability that the focus states are party (or withdrawn) per year, baseline and scenario
     * @param answer      the answer in words
     * @param counts      what the series count: "parties" (states party at the end of the year) or
     *                    "withdrawn" (states whose withdrawal has taken effect)
     * @param unit        the unit of the series ("states")
     * @param timing      "historical" (from the year the condition began, set beside what happened) or
     *                    "forward" (from the year after the last data year)
     * @param start       first simulated year
     * @param states      the states the question concerns (ISO3)
     * @param observed    for a historical run, how many of {@code states} were party (or had withdrawn)
     *                    in the last data year; null for a forward run
     * @param verdict     the effect in words: "the data cannot tell" when its interval spans both none
     *                    and a large effect
     */
    public record Counterfactual(
            String id,
            String question,
            String scenario,
            int[] years,
            double[] baseline,
            double[] scenarioMean,
            double[] diffMean,
            double[] diffLow,
            double[] diffHigh,
            List<FocusRow> focus,
            String answer,
            String counts,
            String unit,
            String timing,
            int start,
            List<String> states,
            Double observed,
            String verdict) {
        public Counterfactual {
            focus = List.copyOf(focus);
            states = List.copyOf(states);
        }
    }

    /** A focus quantity per year: e.g. "P(RUS party)" in the baseline and in the scenario. */
    public record FocusRow(String label, double[] baseline, double[] scenario) {}
}
