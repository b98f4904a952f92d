package org.normlab.study;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.analysis.Simulations;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.Country;
import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.BassForm;
import org.normlab.estimate.EstimationException;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.FrailtyEstimator;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.lifecycle.Stage;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.panel.Variables;
import org.normlab.report.Findings;
import org.normlab.report.RegressionTable;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.CountHistogram;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.ProgressListener;
import org.normlab.sim.SimWorld;

/**
 * The whole analysis of an instrument on the stored data, the answer to normlab's five questions:
 * where the norm stands (life cycle), whether the state level adds to the international one (the
 * three specifications in and out of sample), why each holdout stays out and why states withdrew,
 * and what counterfactual scenarios would change. Every number of the resulting
 * {@link StudyReport} is computed here or in the library it calls. Sections that do not apply to
 * the instrument (no signatures, no withdrawals, Russia already party ...) are left out and the
 * reason recorded.
 */
public final class Study {
    /** Specifications of the test of the thesis, the fullest last. */
    public static final List<String> SPECS = List.of("international", "domestic", "perception-pressure", "two-level");
    /** The withdrawal model: the threat next door and the alliance. */
    public static final List<String> WITHDRAWAL_VARS = List.of(CountryYearData.BORDER_WAR, "nato_member");
    /** Steps reported to the progress listener. */
    public static final int STEPS = 7;

    /** Told which step the study is at; ensembles report replicate progress within a step. */
    public interface Listener {
        void step(int done, int total, String what);

        /** Progress inside an ensemble. */
        default ProgressListener ensemble() {
            return ProgressListener.NONE;
        }

        Listener NONE = (done, total, what) -> {};
    }

    /** The report and the fitted models (for tables). */
    public record Outcome(
            StudyReport report, List<ModelFit> thesis, ModelFit withdrawal, Map<String, String> scenarios) {}

    private final CountryYearData data;
    private final StudyOptions options;
    private final Listener listener;
    private final Instrument instrument;
    private final PanelBuilder builder;
    private final List<String> headlines = new ArrayList<>();
    private final List<String> omitted = new ArrayList<>();
    private String blockHeadline;

    private Study(CountryYearData data, StudyOptions options, Listener listener) {
        this.data = data;
        this.options = options;
        this.listener = listener;
        this.instrument = data.instrument(options.instrument());
        this.builder = new PanelBuilder(data);
    }

    /**
     * Runs the study.
     *
     * @param version the normlab version, for the manifest
     * @param clock   gives the date the manifest records; the core reads no clock of its own
     */
    public static Outcome run(
            CountryYearData data, StudyOptions options, Listener listener, String version, Clock clock) {
        return new Study(data, options, listener).run(version, clock);
    }

    private Outcome run(String version, Clock clock) {
        listener.step(0, STEPS, "life cycle");
        AdoptionSeries series = AdoptionSeries.of(data, instrument.id());
        ObservedLifeCycle observed = ObservedLifeCycle.of(series, options.rules(), BassForm.PERIOD);
        StudyReport.LifeCycleSection lifecycle = lifecycle(observed);

        listener.step(1, STEPS, "hazard models and cross-validation");
        HazardEstimator ml = HazardEstimator.of().withSeType(SeType.CLUSTER);
        // --missing fill: a state without a democracy score (the depositors outside the state-system
        // list) stays in the risk set with a _missing flag instead of being dropped.
        List<ModelFit> fits = Models.fitSpecs(
                builder,
                PanelSpec.of(instrument.id(), Transition.CONSENT, List.of()).withMissing(MissingPolicy.FILL),
                SPECS,
                Link.LOGIT,
                ml);
        Comparison comparison =
                Comparison.of(fits, new CvScheme("states", options.folds()), options.seed(), Link.LOGIT, ml);
        StudyReport.ThesisSection thesis = thesis(comparison);
        blockHeadline = blockHeadline(comparison);

        listener.step(2, STEPS, "withdrawal model");
        ModelFit withdrawal = null;
        StudyReport.ModelSection withdrawalSection = null;
        if (series.hasWithdrawals()) {
            HazardEstimator firth =
                    HazardEstimator.of().withSeType(SeType.MODEL).withFirth(true);
            withdrawal = Models.fit(
                    "withdrawal",
                    builder.build(PanelSpec.of(instrument.id(), Transition.WITHDRAWAL, WITHDRAWAL_VARS)),
                    WITHDRAWAL_VARS,
                    Link.LOGIT,
                    firth);
            withdrawalSection = model(withdrawal, broadWithdrawal(withdrawal, firth));
        } else {
            omitted.add("No withdrawal model: no state has withdrawn from " + instrument.id() + ".");
        }

        listener.step(3, STEPS, "holdouts");
        ModelFit twoLevel = fits.get(fits.size() - 1);
        List<StudyReport.Holdout> holdouts = holdouts(series, twoLevel, withdrawal);

        listener.step(4, STEPS, "replay of history");
        StudyReport.Replay replay = replay(withdrawal);

        listener.step(5, STEPS, "counterfactual ensembles");
        Map<String, String> scenarioTexts = new LinkedHashMap<>();
        List<StudyReport.Counterfactual> counterfactuals = counterfactuals(twoLevel, withdrawal, scenarioTexts);

        listener.step(6, STEPS, "report");
        headlines(observed, thesis, holdouts, counterfactuals, replay);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("cross-validation", options.folds() + " folds of whole states");
        parameters.put(
                "tipping share",
                String.format(Locale.ROOT, "%.3f", options.rules().tippingShare()));
        parameters.put(
                "cascade rate",
                String.format(Locale.ROOT, "%.3f", options.rules().cascadeRate()));
        parameters.put("counterfactual horizon", Integer.toString(options.horizon()));
        parameters.put("covariate lag", Simulations.LAG + " year");
        StudyReport.Meta meta = new StudyReport.Meta(
                instrument.id(),
                instrument.title(),
                version,
                data.digest(),
                options.seed(),
                options.replicates(),
                LocalDate.now(clock).toString(),
                parameters);
        listener.step(STEPS, STEPS, "done");
        return new Outcome(
                new StudyReport(
                        meta,
                        headlines,
                        omitted,
                        lifecycle,
                        thesis,
                        withdrawalSection,
                        holdouts,
                        replay,
                        counterfactuals),
                fits,
                withdrawal,
                scenarioTexts);
    }

    // ------------------------------------------------------------------ life cycle

    private StudyReport.LifeCycleSection lifecycle(ObservedLifeCycle o) {
        List<AdoptionSeries.Year> ys = o.series().years();
        int n = ys.size();
        int[] years = new int[n];
        int[] states = new int[n];
        int[] signatories = new int[n];
        int[] parties = new int[n];
        int[] withdrawn = new int[n];
        double[] consents = new double[n];
        for (int i = 0; i < n; i++) {
            AdoptionSeries.Year y = ys.get(i);
            years[i] = y.year();
            states[i] = y.states();
            signatories[i] = y.signatories();
            parties[i] = y.parties();
            withdrawn[i] = y.withdrawn();
            consents[i] = y.consents();
        }
        boolean signatures = o.series().hasSignatures();
        if (!signatures) {
            omitted.add("No signature curve or signature stage: " + instrument.id() + " records no signatures.");
        }
        List<StudyReport.StageRow> stages = new ArrayList<>();
        for (Stage s : o.lifecycle().stages()) {
            stages.add(new StudyReport.StageRow(s.name().label(), s.start(), s.ongoing() ? null : s.end(), s.rule()));
        }
        StudyReport.BassRow bass = null;
        BassEstimate b = o.bass();
        if (b != null) {
            bass = new StudyReport.BassRow(
                    b.form().name().toLowerCase(Locale.ROOT),
                    b.m(),
                    b.p(),
                    b.q(),
                    b.seM(),
                    b.seP(),
                    b.seQ(),
                    bassText(b, years[0]),
                    b.fitted(),
                    consents);
        } else {
            omitted.add("No Bass fit: " + o.bassNote());
        }
        Integer tipping = o.lifecycle().tippingYear().isPresent()
                ? o.lifecycle().tippingYear().getAsInt()
                : null;
        return new StudyReport.LifeCycleSection(
                years,
                states,
                signatures ? signatories : null,
                parties,
                o.series().hasWithdrawals() ? withdrawn : null,
                stages,
                tipping,
                o.lifecycle().rules().tippingRule(),
                bass);
    }

    private static String bassText(BassEstimate b, int firstYear) {
        return String.format(
                Locale.ROOT,
                "Bass diffusion fit to consents per year (%s form, t = 1 in %d): "
                        + "m = %.1f (SE %.1f), p = %.4f (SE %.4f), q = %.3f (SE %.3f); the fitted peak of new parties "
                        + "falls at t = %.1f.%s",
                b.form().name().toLowerCase(Locale.ROOT),
                firstYear,
                b.m(),
                b.seM(),
                b.p(),
                b.seP(),
                b.q(),
                b.seQ(),
                b.peakTime(),
                b.diagnostics().isEmpty() ? "" : " Note: " + String.join("; ", b.diagnostics()) + ".");
    }

    // ------------------------------------------------------------------ thesis

    private StudyReport.ThesisSection thesis(Comparison c) {
        List<StudyReport.ModelSection> models = new ArrayList<>();
        List<StudyReport.ComparisonRow> rows = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            ModelFit f = c.fits().get(i);
            models.add(model(f, null));
            LikelihoodRatioTest lr = i < c.lrTests().size() ? c.lrTests().get(i) : null;
            ForecastScores s = c.outOfSample().get(i);
            HazardEstimate e = f.estimate();
            rows.add(new StudyReport.ComparisonRow(
                    f.name(),
                    e.logLikelihood(),
                    e.aic(),
                    e.bic(),
                    lr == null ? null : lr.statistic(),
                    lr == null ? null : lr.df(),
                    lr == null ? null : lr.pValue(),
                    s.meanLogScore(),
                    s.brierScore(),
                    s.auc()));
        }
        // Each block's contribution: the fullest model without it, tested against the fullest model.
        for (Comparison.BlockTest b : c.blockTests()) {
            HazardEstimate w = b.without().estimate();
            LikelihoodRatioTest lr = b.lr();
            rows.add(new StudyReport.ComparisonRow(
                    b.without().name(),
                    w.logLikelihood(),
                    w.aic(),
                    w.bic(),
                    lr == null ? null : lr.statistic(),
                    lr == null ? null : lr.df(),
                    lr == null ? null : lr.pValue(),
                    b.outOfSample().meanLogScore(),
                    b.outOfSample().brierScore(),
                    b.outOfSample().auc()));
        }
        HazardEstimate e = c.fits().get(0).estimate();
        Panel panel = c.fits().get(0).panel();
        String note = "Discrete-time hazard models of consent (" + e.link().label() + " link, " + e.method()
                + "), one row per state-year at risk (the states that can deposit), covariates lagged one year (a "
                + "new state's first year read in that year); a variable without a value is set to 0 beside a "
                + "<var>_missing flag; " + panel.leftOutReport() + ". Blocks: international (exposures), perception "
                + "(measures in force, the weaker related regime, UN votes), domestic pressure (secessionist war now "
                + "and within ten years, interstate war, war next door, democracy), incentives (EU, NATO); the rows "
                + "'" + c.fits().get(c.fits().size() - 1).name() + " without <block>' test each block's contribution. "
                + "Standard errors " + e.seDescription() + ". Likelihood-ratio tests are against the "
                + c.fits().get(c.fits().size() - 1).name() + " model. Out of sample: " + c.scheme() + " (seed "
                + options.seed()
                + "); a higher log score is better, a lower Brier score is better. * p < 0.05, ** p < 0.01, "
                + "*** p < 0.001.";
        return new StudyReport.ThesisSection(models, rows, Findings.comparison(c), note);
    }

    /** The paper's two state-level forces, each tested by dropping its block from the fullest model. */
    private static String blockHeadline(Comparison c) {
        List<String> parts = new ArrayList<>();
        ForecastScores full = c.outOfSample().get(c.outOfSample().size() - 1);
        for (Comparison.BlockTest b : c.blockTests()) {
            if (!b.block().equals(Variables.PERCEPTION) && !b.block().equals(Variables.DOMESTIC)) {
                continue;
            }
            String name = b.block().equals(Variables.DOMESTIC) ? "domestic pressure" : "perception";
            String lr = b.lr() == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            "likelihood-ratio chi2 = %.2f on %d df, " + "p = %.3g, ",
                            b.lr().statistic(),
                            b.lr().df(),
                            b.lr().pValue());
            parts.add(String.format(
                    Locale.ROOT,
                    "%s (%s) %s in sample (%sAIC %.1f without it) and %s out of sample "
                            + "(log score %.4f with it, %.4f without)",
                    name,
                    String.join(", ", b.variables()),
                    b.lr() != null && b.lr().pValue() < 0.05 ? "adds significantly" : "does not add significantly",
                    lr,
                    b.without().estimate().aic(),
                    full.meanLogScore() > b.outOfSample().meanLogScore() ? "helps" : "does not help",
                    full.meanLogScore(),
                    b.outOfSample().meanLogScore()));
        }
        return parts.isEmpty()
                ? null
                : "The state level's two forces, tested separately in the "
                        + c.fits().get(c.fits().size() - 1).name() + " model: " + String.join("; ", parts) + ".";
    }

    private StudyReport.ModelSection model(ModelFit f, String extra) {
        HazardEstimate e = f.estimate();
        List<StudyReport.Term> terms = new ArrayList<>();
        double[] p = e.pValues();
        List<String> significant = new ArrayList<>();
        for (int i = 0; i < e.names().size(); i++) {
            String name = e.names().get(i);
            terms.add(new StudyReport.Term(
                    name,
                    Variables.level(name),
                    e.coefficients()[i],
                    e.standardErrors()[i],
                    p[i],
                    RegressionTable.stars(p[i])));
            if (!name.equals("(Intercept)") && p[i] < 0.05) {
                significant.add(String.format(
                        Locale.ROOT,
                        "%s %s it (%.2f, p = %.3g)",
                        name,
                        e.coefficients()[i] > 0 ? "raises" : "lowers",
                        e.coefficients()[i],
                        p[i]));
            }
        }
        String what = f.panel().spec().transition() == Transition.WITHDRAWAL
                ? "the hazard of withdrawal"
                : "the hazard of joining";
        String sentence = significant.isEmpty()
                ? "No covariate is significant at 5 % in the " + f.name() + " model of " + what + "."
                : "In the " + f.name() + " model of " + what + ", " + String.join("; ", significant) + ".";
        if (!e.diagnostics().isEmpty()) {
            sentence += " Diagnostics: " + String.join("; ", e.diagnostics());
        }
        if (extra != null) {
            sentence += " " + extra;
        }
        return new StudyReport.ModelSection(
                f.name(),
                terms,
                e.n(),
                e.events(),
                e.logLikelihood(),
                e.aic(),
                e.bic(),
                e.method() + "; standard errors " + e.seDescription(),
                sentence);
    }

    /** The withdrawal model with the broad threat next door ({@code border_conflict}), in words. */
    private String broadWithdrawal(ModelFit narrow, HazardEstimator firth) {
        if (!data.indicators().containsKey(CountryYearData.BORDER_CONFLICT)) {
            return null;
        }
        List<String> vars = new ArrayList<>(WITHDRAWAL_VARS);
        vars.set(vars.indexOf(CountryYearData.BORDER_WAR), CountryYearData.BORDER_CONFLICT);
        ModelFit broad = Models.fit(
                "withdrawal (broad)",
                builder.build(PanelSpec.of(instrument.id(), Transition.WITHDRAWAL, vars)),
                vars,
                Link.LOGIT,
                firth);
        HazardEstimate e = broad.estimate();
        int i = e.index(CountryYearData.BORDER_CONFLICT);
        return String.format(
                Locale.ROOT,
                "%s is 1 when a land neighbour is a primary party to an interstate war "
                        + "(UCDP intensity level 2); with the broad version %s (a neighbour in any interstate conflict, "
                        + "25 or more battle deaths) in its place the coefficient is %.2f (SE %.2f, p = %.3g), AIC %.1f "
                        + "against %.1f.",
                CountryYearData.BORDER_WAR,
                CountryYearData.BORDER_CONFLICT,
                e.coefficients()[i],
                e.standardErrors()[i],
                e.pValues()[i],
                e.aic(),
                narrow.estimate().aic());
    }

    // ------------------------------------------------------------------ holdouts

    private List<StudyReport.Holdout> holdouts(AdoptionSeries series, ModelFit adoption, ModelFit withdrawal) {
        int lastYear = series.years().get(series.years().size() - 1).year();
        LocalDate end = LocalDate.of(lastYear, 12, 31);
        Map<String, Participation> part = data.participation(instrument.id());
        Set<String> nonParties = new TreeSet<>();
        Set<String> withdrawn = new TreeSet<>();
        for (String iso3 : data.depositorsBetween(lastYear, lastYear)) {
            Participation p = part.get(iso3);
            Status s = p == null ? Status.NONE : p.statusOn(end);
            if (s == Status.WITHDRAWN) {
                withdrawn.add(iso3);
            } else if (s != Status.PARTY) {
                nonParties.add(iso3);
            }
        }
        for (Participation p : part.values()) {
            if (p.statusOn(end) == Status.WITHDRAWN) {
                withdrawn.add(p.iso3());
            }
        }
        List<StudyReport.Holdout> out = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (String iso3 : nonParties) {
            Participation p = part.get(iso3);
            String status = p == null ? Status.NONE.code() : p.statusOn(end).code();
            explain(adoption, iso3, status, null, out, unexplained);
        }
        for (String iso3 : withdrawn) {
            if (withdrawal != null) {
                explain(withdrawal, iso3, Status.WITHDRAWN.code(), "regressed", out, unexplained);
            }
        }
        if (!unexplained.isEmpty()) {
            omitted.add(
                    "Not explained, for lack of covariates in the risk set: " + String.join("; ", unexplained) + ".");
        }
        return out;
    }

    private void explain(
            ModelFit fit,
            String iso3,
            String status,
            String type,
            List<StudyReport.Holdout> out,
            List<String> unexplained) {
        if (!data.countries().containsKey(iso3)) {
            unexplained.add(iso3);
            return;
        }
        Explanation x;
        try {
            x = Explanation.of(data, fit, iso3, null);
        } catch (NormlabException e) {
            Country c = data.countries().get(iso3);
            unexplained.add(c.name() + " (" + iso3 + ")");
            return;
        }
        Map<String, Double> contributions = new LinkedHashMap<>(x.contributionMap());
        String label = type != null ? type : x.type().label();
        String meaning = type != null
                ? "a former party that withdrew; its withdrawal hazard is explained"
                : x.type().meaning();
        out.add(new StudyReport.Holdout(
                iso3,
                x.name(),
                status,
                label,
                meaning,
                x.adherence().level(),
                x.adherence().measures(),
                x.year(),
                x.hazard(),
                x.cumulative(),
                x.international(),
                x.domestic(),
                x.perception(),
                x.incentives(),
                Double.isNaN(x.typeProbability()) ? null : x.typeProbability(),
                contributions,
                x.sentence()));
    }

    // ------------------------------------------------------------------ simulation

    private Ensemble ensemble() {
        Ensemble.Builder b = Ensemble.builder()
                .replicates(options.replicates())
                .seed(options.seed())
                .progress(listener.ensemble())
                .lifecycleRules(options.rules());
        if (options.threads() > 0) {
            b.threads(options.threads());
        }
        return b.build();
    }

    /**
     * Replays history from the opening year with the two-level model, a dummy for the opening year
     * (the instrument was open for part of it only) and a shared frailty: each state's unobserved
     * disposition, estimated as a random intercept and drawn afresh in every replicate.
     */
    private StudyReport.Replay replay(ModelFit withdrawal) {
        int opening = instrument.opened().getYear();
        int last = data.lastDataYear();
        List<String> vars = new ArrayList<>();
        vars.add("year_" + opening);
        vars.addAll(Models.specVariables(data, "two-level", instrument.id()));
        EnsembleResult r;
        SimWorld world;
        FrailtyEstimate frailty;
        try {
            ModelFit base = Models.fit(
                    "replay",
                    builder.build(PanelSpec.of(instrument.id(), Transition.CONSENT, vars)),
                    vars,
                    Link.LOGIT,
                    HazardEstimator.of());
            frailty = FrailtyEstimator.of().fit(Models.problem(base.panel(), vars, Link.LOGIT));
            StringBuilder yaml = new StringBuilder("instrument: " + instrument.id() + "\nmodel:\n")
                    .append(coefficientsYaml(frailty.coefficientNames(), frailty.coefficients(), frailty.link(), "  "))
                    .append("  frailty_sd: ")
                    .append(Double.toString(frailty.sigma()))
                    .append('\n');
            if (withdrawal != null) {
                yaml.append(withdrawalYaml(withdrawal));
            }
            yaml.append("start: ")
                    .append(opening)
                    .append("\nhorizon: ")
                    .append(last)
                    .append('\n');
            Scenario s = ScenarioReader.parse(yaml.toString(), ScenarioReader.Format.YAML, "replay", null);
            FitResolver resolver = new FitResolver(data, instrument.id());
            world = Simulations.world(data, resolver, List.of(s));
            s.validate(world);
            r = ensemble().run(s.simulation(world, resolver));
        } catch (NormlabException | EstimationException e) {
            omitted.add("No replay of history: " + e.getMessage());
            return null;
        }
        int k = r.yearCount();
        int[] years = new int[k];
        Integer[] observed = new Integer[k];
        double[][] q = new double[5][k];
        double[] mean = new double[k];
        double[] probs = {0.05, 0.25, 0.5, 0.75, 0.95};
        int inside = 0;
        int compared = 0;
        List<String> outside = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            years[j] = r.year(j);
            CountHistogram v = r.parties(j);
            mean[j] = (double) v.sum() / r.replicates();
            for (int p = 0; p < probs.length; p++) {
                q[p][j] = v.interpolated(probs[p]);
            }
            var status = world.observedStatus(years[j]);
            if (status.isPresent()) {
                int parties = 0;
                byte[] st = status.get();
                for (int s = 0; s < st.length; s++) {
                    if (st[s] == org.normlab.sim.Status.PARTY && world.inSystem(years[j], s)) {
                        parties++;
                    }
                }
                observed[j] = parties;
                compared++;
                if (parties >= q[0][j] && parties <= q[4][j]) {
                    inside++;
                } else {
                    outside.add(String.format(
                            Locale.ROOT, "%d (observed %d, band %.0f-%.0f)", years[j], parties, q[0][j], q[4][j]));
                }
            }
        }
        String sentence = String.format(
                        Locale.ROOT,
                        "Replaying %d-%d %d times with the two-level model, a dummy "
                                + "for the opening year and a shared frailty (each state's unobserved disposition, a random "
                                + "intercept with estimated sd %.2f, SE %.2f; exogenous covariates from the data, exposures "
                                + "from the simulated world), the observed number of parties in the state system lies inside "
                                + "the simulated 90 %% band in %d of %d years.",
                        opening,
                        last,
                        r.replicates(),
                        frailty.sigma(),
                        frailty.sigmaStandardError(),
                        inside,
                        compared)
                + (outside.isEmpty()
                        ? ""
                        : " Outside: " + String.join(", ", outside) + ". Where the band lies above "
                                + "the observed curve, the model lets the states that stay out join at the rate of observably "
                                + "similar states: what keeps the hard core out is not all in the covariates.");
        return new StudyReport.Replay(years, observed, mean, q[0], q[1], q[2], q[3], q[4], sentence);
    }

    /** Coefficients as a scenario's model block, indented for its place in the file; NaN (aliased) terms left out. */
    private static String coefficientsYaml(List<String> names, double[] coefficients, Link link, String indent) {
        StringBuilder b = new StringBuilder(indent + "coefficients:\n");
        for (int i = 0; i < names.size(); i++) {
            if (!Double.isNaN(coefficients[i])) {
                b.append(indent)
                        .append("  \"")
                        .append(names.get(i))
                        .append("\": ")
                        .append(Double.toString(coefficients[i]))
                        .append('\n');
            }
        }
        return b.append(indent)
                .append("link: ")
                .append(link.label())
                .append('\n')
                .toString();
    }

    private static String coefficientsYaml(ModelFit fit, String indent) {
        HazardEstimate e = fit.estimate();
        return coefficientsYaml(e.names(), e.coefficients(), e.link(), indent);
    }

    private static String withdrawalYaml(ModelFit withdrawal) {
        return "  withdrawal:\n" + coefficientsYaml(withdrawal, "    ");
    }

    private static String adoptionYaml(ModelFit adoption) {
        return "model:\n" + coefficientsYaml(adoption, "  ");
    }

    private List<StudyReport.Counterfactual> counterfactuals(
            ModelFit twoLevel, ModelFit withdrawal, Map<String, String> texts) {
        List<StudyReport.Counterfactual> out = new ArrayList<>();
        int lastObserved = data.lastDataYear();
        Participation rus = data.participation(instrument.id()).get("RUS");
        boolean russiaOut = data.countries().containsKey("RUS")
                && (rus == null || rus.statusOn(LocalDate.of(lastObserved, 12, 31)) != Status.PARTY);
        int start = 2009;
        int horizon = Math.max(options.horizon(), lastObserved + 1);
        String head = "instrument: " + instrument.id() + "\n" + adoptionYaml(twoLevel)
                + (withdrawal == null ? "" : withdrawalYaml(withdrawal)) + "start: " + start + "\nhorizon: " + horizon
                + "\n";
        Set<String> terms = new TreeSet<>(twoLevel.variables());
        if (!russiaOut) {
            omitted.add("No Russia counterfactuals: Russia is party to " + instrument.id() + ".");
        } else if (!terms.contains("conflict_territorial")) {
            omitted.add("No counterfactual (a): the adoption model has no conflict_territorial term.");
        } else {
            String yaml = head + "overrides:\n  - states: [RUS]\n    variable: conflict_territorial\n    years: "
                    + start + "-" + horizon + "\n    value: 0\n";
            String memory = terms.stream()
                    .filter(v -> v.startsWith("conflict_territorial_past"))
                    .findFirst()
                    .orElse(null);
            String also = "";
            if (memory != null) {
                // The memory of the war fades N years after it ends.
                int n = Integer.parseInt(memory.substring("conflict_territorial_past".length()));
                if (start + n <= horizon) {
                    yaml += "  - states: [RUS]\n    variable: " + memory + "\n    years: " + (start + n) + "-" + horizon
                            + "\n    value: 0\n";
                }
                also = " (and its memory, " + memory + ", had faded " + n + " years later)";
            }
            out.add(run(
                    "russia-peace",
                    "What if Russia's secessionist war had ended in " + start + also + ": would Russia have joined?",
                    yaml,
                    List.of("RUS"),
                    false,
                    texts));
        }
        if (russiaOut) {
            double eu = twoLevel.estimate().names().contains("eu_member")
                    ? twoLevel.estimate().coefficient("eu_member")
                    : Double.NaN;
            if (Double.isNaN(eu)) {
                omitted.add("No counterfactual (b): the two-level fit has no eu_member coefficient.");
            } else {
                int from = Math.max(start, lastObserved + 2);
                String yaml = head + "incentives:\n  - name: eu_style_incentive\n    coefficient: " + eu
                        + "\n    states: [RUS]\n    years: " + from + "-" + horizon + "\n";
                out.add(run(
                        "russia-incentive",
                        String.format(
                                Locale.ROOT,
                                "What if Russia were offered, from %d, an "
                                        + "incentive as strong as EU membership is in the two-level fit (coefficient %.3f%s)?",
                                from,
                                eu,
                                eu > 0
                                        ? ""
                                        : "; in this fit EU membership does not raise the odds of joining, so this "
                                                + "'incentive' cannot pull Russia in"),
                        yaml,
                        List.of("RUS"),
                        false,
                        texts));
            }
        }
        if (withdrawal == null) {
            omitted.add("No counterfactual (c): no state has withdrawn, so there is no withdrawal model.");
        } else if (!data.countries().containsKey("RUS")) {
            omitted.add("No counterfactual (c): Russia is not in the data.");
        } else {
            List<String> neighbours =
                    new ArrayList<>(new TreeSet<>(data.countries().get("RUS").landBorders()));
            neighbours.removeIf(n -> !data.countries().containsKey(n));
            int to = Math.min(2030, horizon);
            String yaml = head + "overrides:\n  - states: [" + String.join(", ", neighbours) + "]\n    variable: "
                    + CountryYearData.BORDER_WAR + "\n    years: 2022-" + to + "\n    value: 0\n";
            out.add(run(
                    "no-threat",
                    "What if, from 2022 to " + to + ", the states bordering Russia had not faced the "
                            + "threat of its interstate war: do the withdrawals disappear?",
                    yaml,
                    neighbours,
                    true,
                    texts));
        }
        return out;
    }

    private StudyReport.Counterfactual run(
            String id,
            String question,
            String yaml,
            List<String> focusStates,
            boolean withdrawals,
            Map<String, String> texts) {
        texts.put(id, yaml);
        org.normlab.sim.Comparison c;
        try {
            Scenario s = ScenarioReader.parse(yaml, ScenarioReader.Format.YAML, id, null);
            c = Simulations.run(data, s, null, ensemble());
        } catch (ScenarioException e) {
            throw new NormlabException("counterfactual " + id + ": " + e.getMessage(), e);
        }
        EnsembleResult sc = c.scenario();
        EnsembleResult base = c.baseline();
        int k = sc.yearCount();
        int n = sc.replicates();
        int[] years = new int[k];
        double[] baseMean = new double[k];
        double[] scenMean = new double[k];
        double[] diffMean = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        for (int j = 0; j < k; j++) {
            years[j] = sc.year(j);
            CountHistogram d = withdrawals ? c.withdrawnDifference(j) : c.partiesDifference(j);
            double sb = (withdrawals ? base.withdrawn(j) : base.parties(j)).sum();
            double ss = (withdrawals ? sc.withdrawn(j) : sc.parties(j)).sum();
            baseMean[j] = sb / n;
            scenMean[j] = ss / n;
            diffMean[j] = (ss - sb) / n;
            lo[j] = d.interpolated(0.05);
            hi[j] = d.interpolated(0.95);
        }
        List<StudyReport.FocusRow> focus = new ArrayList<>();
        double[] fb = new double[k];
        double[] fs = new double[k];
        for (String iso3 : focusStates) {
            int s = sc.iso3().indexOf(iso3);
            if (s < 0) {
                continue;
            }
            double[] b = new double[k];
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                b[j] = withdrawals ? base.withdrawnProbability(s, j) : base.partyProbability(s, j);
                v[j] = withdrawals ? sc.withdrawnProbability(s, j) : sc.partyProbability(s, j);
                fb[j] += b[j];
                fs[j] += v[j];
            }
            if (!withdrawals) {
                focus.add(new StudyReport.FocusRow("P(" + iso3 + " party)", b, v));
            }
        }
        if (withdrawals) {
            focus.add(new StudyReport.FocusRow("expected withdrawn among " + String.join(", ", focusStates), fb, fs));
        }
        int last = k - 1;
        String answer;
        if (withdrawals) {
            answer = String.format(
                    Locale.ROOT,
                    "By %d the baseline has on average %.2f withdrawn states among "
                            + "Russia's neighbours and %.2f in all; without the threat next door %.2f and %.2f "
                            + "(paired difference %+.2f, 90 %% interval %+.0f to %+.0f). %s",
                    years[last],
                    fb[last],
                    baseMean[last],
                    fs[last],
                    scenMean[last],
                    diffMean[last],
                    lo[last],
                    hi[last],
                    fs[last] < 0.5 * fb[last]
                            ? "Most of the withdrawals disappear: the threat, not the norm, " + "drove them."
                            : "The withdrawals do not disappear: the threat is not what drives them "
                                    + "in the model.");
        } else {
            String iso3 = focusStates.get(0);
            answer = String.format(
                    Locale.ROOT,
                    "Probability that %s is party by %d: %.3f in the scenario against "
                            + "%.3f in the baseline; the mean number of parties changes by %+.2f (90 %% interval of the "
                            + "paired difference %+.0f to %+.0f).",
                    iso3,
                    years[last],
                    fs[last],
                    fb[last],
                    diffMean[last],
                    lo[last],
                    hi[last]);
        }
        return new StudyReport.Counterfactual(
                id, question, yaml, years, baseMean, scenMean, diffMean, lo, hi, focus, answer);
    }

    // ------------------------------------------------------------------ headlines

    private void headlines(
            ObservedLifeCycle o,
            StudyReport.ThesisSection thesis,
            List<StudyReport.Holdout> holdouts,
            List<StudyReport.Counterfactual> counterfactuals,
            StudyReport.Replay replay) {
        AdoptionSeries.Year last = o.series().years().get(o.series().years().size() - 1);
        StringBuilder stage = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %d parties of %d states (%.1f %%) at " + "the end of %d",
                instrument.id(),
                last.parties(),
                last.states(),
                100 * last.partyShare(),
                last.year()));
        if (o.lifecycle().tippingYear().isPresent()) {
            stage.append("; tipping point ").append(o.lifecycle().tippingYear().getAsInt());
        } else {
            stage.append("; the tipping point has not been reached");
        }
        for (Stage s : o.lifecycle().stages()) {
            stage.append("; ")
                    .append(s.name().label())
                    .append(' ')
                    .append(s.start())
                    .append(s.ongoing() ? " onwards" : "-" + s.end());
        }
        headlines.add(stage.append('.').toString());
        if (!thesis.findings().isEmpty()) {
            // The paper's question: does the state level add to the international one?
            headlines.add("Does the state level add to the international one? "
                    + thesis.findings().get(0));
        }
        if (blockHeadline != null) {
            headlines.add(blockHeadline);
        }
        Map<String, Integer> types = new TreeMap<>();
        holdouts.forEach(h -> types.merge(h.type(), 1, Integer::sum));
        if (!holdouts.isEmpty()) {
            StringBuilder b = new StringBuilder("Holdouts and withdrawals by type: ");
            List<String> parts = new ArrayList<>();
            types.forEach((t, c) -> parts.add(c + " " + t));
            headlines.add(b.append(String.join(", ", parts)).append('.').toString());
        }
        holdouts.stream()
                .filter(h -> h.iso3().equals("RUS"))
                .findFirst()
                .ifPresent(h -> headlines.add(String.format(
                        Locale.ROOT,
                        "Russia is %s%s: %s Against the average state at risk, "
                                + "international factors contribute %+.2f to its log-odds of joining, its perception "
                                + "of the norm %+.2f, domestic pressure %+.2f and incentives %+.2f.",
                        h.type(),
                        h.typeProbability() == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " (probability %.2f of lying in " + "this cell)",
                                        h.typeProbability()),
                        h.typeMeaning() + ".",
                        h.international(),
                        h.perception(),
                        h.domestic(),
                        h.incentives())));
        // The model's largest misses: holdouts it gives the highest probability of having joined by now.
        List<StudyReport.Holdout> misses = holdouts.stream()
                .filter(h -> !"regressed".equals(h.type()))
                .sorted((a, b) -> Double.compare(b.cumulative(), a.cumulative()))
                .limit(3)
                .toList();
        if (!misses.isEmpty()) {
            List<String> parts = new ArrayList<>();
            misses.forEach(
                    h -> parts.add(String.format(Locale.ROOT, "%s (%.3f by %d)", h.name(), h.cumulative(), h.year())));
            headlines.add(
                    "The worst-fitted holdouts, which the two-level model gives the highest probability of having "
                            + "joined by now although they have not: " + String.join(", ", parts) + ". "
                            + misses.get(0).name() + " is the model's largest miss.");
        }
        List<String> cannot = data.nonDepositorsBetween(instrument.opened().getYear(), data.lastDataYear());
        headlines.add("Who can deposit: risk sets, holdouts and the typology hold the states that can deposit an "
                + "instrument with the depositary (UN members, and the Holy See, Palestine, the Cook Islands and Niue "
                + "from the year the Secretary-General accepts their instruments)"
                + (cannot.isEmpty()
                        ? "."
                        : "; "
                                + String.join(
                                        ", ",
                                        cannot.stream()
                                                .map(c -> data.countries().containsKey(c)
                                                        ? data.countries()
                                                                .get(c)
                                                                .name()
                                                        : c)
                                                .toList())
                                + ", in the state system but unable to "
                                + "deposit, are left out."));
        counterfactuals.forEach(c -> headlines.add(c.question() + " " + c.answer()));
        if (replay != null) {
            headlines.add(replay.sentence());
        }
    }
}
