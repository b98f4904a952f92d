package org.normlab.study;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.panel.Variables;
import org.normlab.scenario.CovariateOverride;
import org.normlab.scenario.Incentive;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioModel;
import org.normlab.scenario.ScenarioTree;
import org.normlab.scenario.StateSelector;
import org.normlab.scenario.YearRange;
import org.normlab.sim.Comparison;
import org.normlab.sim.EffectWords;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.EnsembleSummary;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;
import org.normlab.sim.ProbabilitySummary;
import org.normlab.sim.SimWorld;

/**
 * The counterfactuals: each shipped {@link CounterfactualTemplate} turned into scenarios from the
 * data of the instrument studied, run against their baseline with common random numbers. They use
 * the model the replay validates (the two-level model with the opening-year dummy and the estimated
 * frailty), and the withdrawal model when there is one. A template that cannot apply (no blocked
 * holdout, no withdrawal, no term to change) is left out with the reason.
 */
final class CounterfactualStep implements StudyStep<CounterfactualStep.Result> {
    /** z of a two-sided 90 % interval, the level of every band in the study. */
    static final double Z90 = 1.6448536269514722;
    /** A coefficient of this size or more either way (an odds ratio of 2) is a large incentive. */
    static final double LARGE_COEFFICIENT = Math.log(2);

    private final CountryYearData data;
    private final List<StudyReport.Holdout> holdouts;
    private final ModelFit fullest;
    private final ModelFit withdrawal;
    /** Why the withdrawal model cannot carry a verdict (exploratory, separated), or null. */
    private final String withdrawalCaveat;

    private final ReplayStep.Result replay;

    CounterfactualStep(
            CountryYearData data,
            List<StudyReport.Holdout> holdouts,
            ModelFit fullest,
            WithdrawalStep.Result withdrawal,
            ReplayStep.Result replay) {
        this.data = data;
        this.withdrawalCaveat = caveat(withdrawal.section());
        this.holdouts = holdouts;
        this.fullest = fullest;
        this.withdrawal = withdrawal.fit();
        this.replay = replay;
    }

    /** The counterfactuals and each scenario's file text by id. */
    record Result(List<StudyReport.Counterfactual> counterfactuals, Map<String, String> scenarios) {}

    /** The adoption model the scenarios run with, its frailty and the standard errors of its terms. */
    private record Model(LinearIndexHazard hazard, Map<String, Double> se, String description) {

        ScenarioModel scenarioModel(ModelFit withdrawal) {
            return StudyScenarios.posteriorModel(hazard, withdrawal);
        }
    }

    @Override
    public String name() {
        return "counterfactual ensembles";
    }

    @Override
    public Result run(StudyContext c, Notes notes) {
        Model model = model(notes);
        int last = data.lastDataYear();
        int opening = c.instrument().opened().getYear();
        int horizon = Math.max(c.options().horizon(), last + 1);
        SimWorld world;
        try {
            Scenario probe = StudyScenarios.scenario(
                    "probe", c.id(), model.scenarioModel(withdrawal), opening, horizon, List.of(), List.of());
            world = Simulations.world(data, new FitResolver(data, c.id()), List.of(probe));
        } catch (ScenarioException e) {
            notes.omit("No counterfactuals: " + e.getMessage());
            return new Result(List.of(), Map.of());
        }
        List<StudyReport.Counterfactual> out = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (CounterfactualTemplate t : CounterfactualTemplate.shipped()) {
            List<StudyReport.Holdout> targets = targets(t);
            if (targets.isEmpty()) {
                notes.omit("No counterfactual " + t.id() + ": " + none(t, c.id()) + ".");
                continue;
            }
            if (t.counts() == CounterfactualTemplate.Counts.WITHDRAWN && withdrawal == null) {
                notes.omit("No counterfactual " + t.id() + ": there is no withdrawal model.");
                continue;
            }
            List<List<StudyReport.Holdout>> groups = new ArrayList<>();
            if (t.perState()) {
                targets.forEach(h -> groups.add(List.of(h)));
            } else {
                groups.add(targets);
            }
            for (List<StudyReport.Holdout> g : groups) {
                String id = t.perState() ? t.id() + "-" + g.get(0).iso3().toLowerCase(Locale.ROOT) : t.id();
                StudyReport.Counterfactual cf = t.change() == CounterfactualTemplate.Change.REMOVE
                        ? removal(c, t, id, g, model, world, horizon, notes, texts)
                        : incentive(c, t, id, g, model, horizon, notes, texts);
                if (cf != null) {
                    out.add(cf);
                }
            }
        }
        return new Result(out, texts);
    }

    private Model model(Notes notes) {
        if (replay != null && replay.adoption() != null) {
            FrailtyEstimate f = replay.frailty();
            Map<String, Double> se = new LinkedHashMap<>();
            double[] s = f.coefficientStandardErrors();
            for (int i = 0; i < f.coefficientNames().size(); i++) {
                se.put(f.coefficientNames().get(i), s[i]);
            }
            LinearIndexHazard h = FitResolver.hazard(f);
            String description;
            List<String> diverged =
                    h.covariance().map(ParameterCovariance::diverged).orElse(List.of());
            if (!diverged.isEmpty()) {
                description = "the replay's model (two-level with an opening-year dummy); the estimates of "
                        + String.join(", ", diverged) + " diverged (the risk set separates the events on them), so "
                        + "the coefficients are held at their estimates and the intervals leave out estimation "
                        + "uncertainty";
            } else if (h.frailtySd() > 0 && h.covariance().isPresent()) {
                description = String.format(
                        Locale.ROOT,
                        "the replay's model (two-level with an opening-year dummy and a shared frailty of estimated sd "
                                + "%.2f); each state's frailty is drawn from its posterior given its history before the "
                                + "start, and the coefficients and the frailty sd are drawn in every replicate from their "
                                + "estimated sampling distribution, so the intervals include estimation uncertainty",
                        h.frailtySd());
            } else if (h.covariance().isPresent()) {
                description =
                        "the replay's model (two-level with an opening-year dummy; its estimated frailty sd is 0, "
                                + "so no frailty); the coefficients are drawn in every replicate from their estimated sampling "
                                + "distribution, so the intervals include estimation uncertainty";
            } else {
                description = "the replay's model (two-level with an opening-year dummy); its covariance cannot be "
                        + "sampled, so the coefficients are held at their estimates and the intervals leave out "
                        + "estimation uncertainty";
            }
            return new Model(h, se, description);
        }
        notes.omit("The counterfactuals use the " + fullest.name() + " model without frailty: the replay, whose "
                + "model they would use, could not be run.");
        Map<String, Double> se = new LinkedHashMap<>();
        var e = fullest.estimate();
        for (int i = 0; i < e.names().size(); i++) {
            se.put(e.names().get(i), e.standardErrors()[i]);
        }
        return new Model(
                FitResolver.hazard(e),
                se,
                "the " + fullest.name() + " model without frailty; the coefficients are drawn in every replicate from "
                        + "their estimated sampling distribution when it can be sampled");
    }

    /** The template's target states, the hardest first (lowest modelled hazard), at most its limit. */
    private List<StudyReport.Holdout> targets(CounterfactualTemplate t) {
        List<StudyReport.Holdout> out = new ArrayList<>();
        for (StudyReport.Holdout h : holdouts) {
            boolean regressed = Status.WITHDRAWN.code().equals(h.status()) || "regressed".equals(h.type());
            switch (t.target()) {
                case BLOCKED -> {
                    if ("blocked".equals(h.type())) {
                        out.add(h);
                    }
                }
                case WITHDRAWN -> {
                    if (regressed) {
                        out.add(h);
                    }
                }
                case LARGEST_HOLDOUTS -> {
                    if (!regressed) {
                        out.add(h);
                    }
                }
            }
        }
        if (t.target() == CounterfactualTemplate.Target.WITHDRAWN) {
            out.sort(Comparator.comparing(StudyReport.Holdout::iso3));
        } else if (t.target() == CounterfactualTemplate.Target.LARGEST_HOLDOUTS) {
            // Size in the model's own terms: a state with more land neighbours moves more others through
            // their neighbour exposure when it joins. Ties: the lowest modelled hazard first.
            out.sort(Comparator.comparingInt((StudyReport.Holdout h) -> -neighbours(h.iso3()))
                    .thenComparingDouble(StudyReport.Holdout::hazard)
                    .thenComparing(StudyReport.Holdout::iso3));
        } else {
            out.sort(Comparator.comparingDouble(StudyReport.Holdout::hazard).thenComparing(StudyReport.Holdout::iso3));
        }
        return t.limit() > 0 && out.size() > t.limit() ? List.copyOf(out.subList(0, t.limit())) : out;
    }

    private static String caveat(StudyReport.ModelSection w) {
        if (w == null) {
            return null;
        }
        List<String> why = new ArrayList<>();
        if (w.exploratory()) {
            why.add("the withdrawal model is exploratory (" + w.events() + " event" + (w.events() == 1 ? "" : "s")
                    + ")");
        }
        List<String> separated = w.terms().stream()
                .filter(StudyReport.Term::separated)
                .map(StudyReport.Term::name)
                .toList();
        if (!separated.isEmpty()) {
            why.add("its estimates of " + String.join(", ", separated)
                    + " rest on separation, so their size depends on the penalty");
        }
        return why.isEmpty() ? null : String.join(" and ", why) + "; the numbers above only illustrate the fit";
    }

    private int neighbours(String iso3) {
        var country = data.countries().get(iso3);
        if (country == null) {
            return 0;
        }
        int n = 0;
        for (String b : country.landBorders()) {
            if (data.countries().containsKey(b)) {
                n++;
            }
        }
        return n;
    }

    private static String none(CounterfactualTemplate t, String instrument) {
        return switch (t.target()) {
            case BLOCKED -> "no holdout of " + instrument + " is typed as blocked";
            case WITHDRAWN -> "no state has withdrawn from " + instrument;
            case LARGEST_HOLDOUTS -> "every state that can deposit is party to " + instrument;
        };
    }

    /** The 0/1 terms of the template's block that push the states away from the norm in {@code hazard}. */
    private static List<String> pressureTerms(
            CounterfactualTemplate t, Map<String, Double> coefficients, boolean adoption, SimWorld world) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            String term = e.getKey();
            boolean away = adoption ? e.getValue() < 0 : e.getValue() > 0;
            if (away && Variables.level(term).equals(t.block()) && world.hasCovariate(term) && binary(world, term)) {
                out.add(term);
            }
        }
        return out;
    }

    private static boolean binary(SimWorld world, String term) {
        for (double v : world.covariateValues(term)) {
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first year, from the opening year to the last data year, in which any of the terms is on for
     * any of the states (the year the pressure began, or the opening year if it was already on); -1
     * when none is ever on.
     */
    private static int began(SimWorld world, List<String> states, List<String> terms, int opening, int last) {
        int n = world.stateCount();
        int from = -1;
        for (String iso3 : states) {
            int s = world.indexOf(iso3);
            if (s < 0) {
                continue;
            }
            for (int year = Math.max(opening, world.firstYear()); year <= Math.min(last, world.lastYear()); year++) {
                if (on(world, terms, s, year, n)) {
                    from = from < 0 ? year : Math.min(from, year);
                    break;
                }
            }
        }
        return from;
    }

    private static boolean on(SimWorld world, List<String> terms, int s, int year, int n) {
        int t = year - world.firstYear();
        for (String term : terms) {
            if (world.covariateValues(term)[t * n + s] != 0) {
                return true;
            }
        }
        return false;
    }

    private StudyReport.Counterfactual removal(
            StudyContext c,
            CounterfactualTemplate t,
            String id,
            List<StudyReport.Holdout> group,
            Model model,
            SimWorld world,
            int horizon,
            Notes notes,
            Map<String, String> texts) {
        boolean adoption = t.counts() == CounterfactualTemplate.Counts.PARTIES;
        Map<String, Double> coefficients = adoption
                ? model.hazard().coefficients()
                : StudyScenarios.hazard(withdrawal).coefficients();
        List<String> terms = pressureTerms(t, coefficients, adoption, world);
        List<String> states = group.stream().map(StudyReport.Holdout::iso3).toList();
        if (terms.isEmpty()) {
            notes.omit("No counterfactual " + id + ": the " + (adoption ? "adoption" : "withdrawal")
                    + " model has no 0/1 " + t.block() + " term that " + (adoption ? "lowers" : "raises")
                    + " its hazard.");
            return null;
        }
        int opening = c.instrument().opened().getYear();
        int last = c.data().lastDataYear();
        int from = began(world, states, terms, opening, last);
        if (from < 0) {
            notes.omit("No counterfactual " + id + ": " + names(group) + " faced none of " + String.join(", ", terms)
                    + " after the opening year.");
            return null;
        }
        List<StateSelector> selectors = selectors(states);
        List<CovariateOverride> overrides = new ArrayList<>();
        for (String term : terms) {
            overrides.add(new CovariateOverride(
                    selectors, term, YearRange.of(from, horizon), new CovariateOverride.Change.SetTo(0)));
        }
        Scenario s = StudyScenarios.scenario(
                id, c.id(), model.scenarioModel(withdrawal), from, horizon, overrides, List.of());
        String question = t.question(Map.of(
                "states",
                names(group),
                "from",
                Integer.toString(from),
                "to",
                Integer.toString(horizon),
                "terms",
                String.join(", ", terms)));
        Comparison run = simulate(c, id, s, adoption ? states : List.of());
        texts.put(id, ScenarioTree.yaml(s));
        return report(c, t, id, question, group, s, run, model, null);
    }

    private StudyReport.Counterfactual incentive(
            StudyContext c,
            CounterfactualTemplate t,
            String id,
            List<StudyReport.Holdout> group,
            Model model,
            int horizon,
            Notes notes,
            Map<String, String> texts) {
        Double b = model.hazard().coefficients().get(t.like());
        Double se = model.se().get(t.like());
        if (b == null || se == null || !Double.isFinite(se)) {
            notes.omit("No counterfactual " + id + ": the model has no " + t.like() + " term to size the incentive.");
            return null;
        }
        int from = c.data().lastDataYear() + 1;
        List<String> states = group.stream().map(StudyReport.Holdout::iso3).toList();
        double[] sizes = {b - Z90 * se, b, b + Z90 * se};
        // The incentive takes the model's coefficient of the term it is like, drawn with it in every
        // replicate, so its interval carries the uncertainty of that estimate.
        Scenario s = StudyScenarios.scenario(
                id,
                c.id(),
                model.scenarioModel(withdrawal),
                from,
                horizon,
                List.of(),
                List.of(new Incentive(
                        "incentive", 0, selectors(states), YearRange.of(from, horizon), Optional.of(t.like()))));
        Comparison run = simulate(c, id, s, states);
        String question = t.question(Map.of(
                "states",
                names(group),
                "from",
                Integer.toString(from),
                "to",
                Integer.toString(horizon),
                "like",
                t.like(),
                "coefficient",
                String.format(Locale.ROOT, "%.2f", b),
                "interval",
                String.format(Locale.ROOT, "%.2f to %.2f", sizes[0], sizes[2])));
        texts.put(id, ScenarioTree.yaml(s));
        return report(c, t, id, question, group, s, run, model, sizes);
    }

    private static Comparison simulate(StudyContext c, String id, Scenario s, List<String> focus) {
        try {
            return Simulations.run(c.data(), s, null, c.ensemble(focus));
        } catch (ScenarioException e) {
            throw new NormlabException("counterfactual " + id + ": " + e.getMessage(), e);
        }
    }

    private static List<StateSelector> selectors(List<String> states) {
        List<StateSelector> out = new ArrayList<>();
        states.forEach(s -> out.add(new StateSelector.State(s)));
        return out;
    }

    private static String names(List<StudyReport.Holdout> group) {
        List<String> names = group.stream().map(StudyReport.Holdout::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Expected number of the focus states party (or withdrawn) each year, in a run. */
    private static double[] focus(EnsembleResult r, List<String> states, boolean withdrawn) {
        double[] out = new double[r.yearCount()];
        for (String iso3 : states) {
            int s = r.iso3().indexOf(iso3);
            if (s < 0) {
                continue;
            }
            for (int k = 0; k < out.length; k++) {
                out[k] += withdrawn ? r.withdrawnProbability(s, k) : r.partyProbability(s, k);
            }
        }
        return out;
    }

    private StudyReport.Counterfactual report(
            StudyContext c,
            CounterfactualTemplate t,
            String id,
            String question,
            List<StudyReport.Holdout> group,
            Scenario s,
            Comparison run,
            Model model,
            double[] sizes) {
        boolean withdrawn = t.counts() == CounterfactualTemplate.Counts.WITHDRAWN;
        EnsembleSummary.Count count = withdrawn ? EnsembleSummary.Count.WITHDRAWN : EnsembleSummary.Count.PARTIES;
        EnsembleSummary base = EnsembleSummary.of(run.baseline(), count);
        EnsembleSummary scen = EnsembleSummary.of(run.scenario(), count);
        EnsembleSummary diff = EnsembleSummary.difference(run, count);
        List<String> states = group.stream().map(StudyReport.Holdout::iso3).toList();
        double[] fb = focus(run.baseline(), states, withdrawn);
        double[] fs = focus(run.scenario(), states, withdrawn);
        int[] years = scen.years();
        int k = years.length - 1;
        String what = withdrawn ? "withdrawn" : "party";
        List<StudyReport.FocusRow> rows = new ArrayList<>();
        if (group.size() == 1) {
            rows.add(new StudyReport.FocusRow("P(" + states.get(0) + " " + what + ")", fb, fs));
        } else {
            rows.add(new StudyReport.FocusRow(
                    "expected " + what + " among " + String.join(", ", states) + " (states)", fb, fs));
        }
        // Historical runs are set beside what happened in the last data year.
        int last = c.data().lastDataYear();
        Double observed = null;
        Double scenarioAtLast = null;
        int at = last - years[0];
        if (t.timing() == CounterfactualTemplate.Timing.HISTORICAL && at >= 0 && at < years.length) {
            observed = (double) observedCount(c, states, last, withdrawn);
            scenarioAtLast = fs[at];
        }
        double per = (fs[k] - fb[k]) / states.size();
        String verdict;
        String uncertainty;
        if (withdrawn) {
            EnsembleSummary base0 = base;
            verdict = EffectWords.classify(
                            diff.quantile(0.05, k), diff.quantile(0.95, k), EffectWords.Scale.count(base0.mean()[k]))
                    .words();
            uncertainty = "the interval is that of the paired difference over all states";
            if (withdrawalCaveat != null) {
                verdict = "the data cannot tell: " + withdrawalCaveat;
            }
        } else {
            List<String> parts = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (String iso3 : states) {
                ProbabilitySummary d = run.partyProbabilityDifference(iso3, years[k]);
                String w = EffectWords.classify(d).words();
                words.add(w);
                parts.add(String.format(
                        Locale.ROOT,
                        "%s %+.3f, 90 %% interval %+.3f to %+.3f: %s",
                        iso3,
                        d.mean(),
                        d.q05(),
                        d.q95(),
                        w));
            }
            uncertainty = "effect on the probability of having joined by then, " + String.join("; ", parts);
            verdict = words.stream().distinct().count() == 1 ? words.get(0) : String.join("; ", parts);
            if (sizes != null && sizeUnknown(sizes[0], sizes[2])) {
                verdict = "the data cannot tell";
                uncertainty += String.format(
                        Locale.ROOT,
                        "; the incentive's own size is unknown: its coefficient's 90 %% interval, %.2f to %.2f, runs "
                                + "from none to an odds ratio of 2 or more either way",
                        sizes[0],
                        sizes[2]);
            }
        }
        String unit = withdrawn ? "withdrawn states" : "parties";
        String head = group.size() == 1
                ? String.format(
                        Locale.ROOT,
                        "By %d the probability that %s is %s is %.2f in the scenario against %.2f in the baseline "
                                + "(%+.3f; %s)",
                        years[k],
                        names(group),
                        withdrawn ? "withdrawn" : "party",
                        fs[k],
                        fb[k],
                        per,
                        uncertainty)
                : String.format(
                        Locale.ROOT,
                        "By %d the expected number of %s among %s is %.2f in the scenario against %.2f in the baseline "
                                + "(%+.3f per state; %s)",
                        years[k],
                        unit,
                        names(group),
                        fs[k],
                        fb[k],
                        per,
                        uncertainty);
        String answer = head
                + String.format(
                        Locale.ROOT,
                        "; over all states the mean number of %s changes by %+.2f (90 %% interval of the paired "
                                + "difference %+.0f to %+.0f).%s Verdict: %s. Model: %s.",
                        unit,
                        diff.mean()[k],
                        diff.quantile(0.05, k),
                        diff.quantile(0.95, k),
                        observed == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " In %d, the last data year, the scenario expects %.2f of them %s; in fact %.0f %s.",
                                        last,
                                        scenarioAtLast,
                                        withdrawn ? "to have withdrawn" : "to be party",
                                        observed,
                                        withdrawn ? "had withdrawn" : "were party"),
                        verdict,
                        model.description());
        return new StudyReport.Counterfactual(
                id,
                question,
                ScenarioTree.yaml(s),
                years,
                base.mean(),
                scen.mean(),
                diff.mean(),
                diff.quantiles(0.05),
                diff.quantiles(0.95),
                rows,
                answer,
                withdrawn ? "withdrawn" : "parties",
                "states",
                t.timing().name().toLowerCase(Locale.ROOT),
                s.start(),
                states,
                observed,
                verdict);
    }

    /**
     * Whether an incentive's size is unknown: the 90 % interval of the coefficient it copies spans 0
     * and reaches an odds ratio of 2 ({@link #LARGE_COEFFICIENT}) on either side.
     */
    static boolean sizeUnknown(double low, double high) {
        return low < 0 && high > 0 && (high >= LARGE_COEFFICIENT || low <= -LARGE_COEFFICIENT);
    }

    private static int observedCount(StudyContext c, List<String> states, int year, boolean withdrawn) {
        Map<String, Participation> part = c.data().participation(c.id());
        LocalDate end = LocalDate.of(year, 12, 31);
        int n = 0;
        for (String iso3 : states) {
            Participation p = part.get(iso3);
            Status st = p == null ? Status.NONE : p.statusOn(end);
            if (withdrawn ? st == Status.WITHDRAWN : st == Status.PARTY) {
                n++;
            }
        }
        return n;
    }
}
