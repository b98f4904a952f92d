package org.normlab.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.Simulations;
import org.normlab.data.NormlabException;
import org.normlab.estimate.EstimationException;
import org.normlab.estimate.FrailtyEstimate;
import org.normlab.estimate.FrailtyEstimator;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.panel.Variables;
import org.normlab.scenario.Scenario;
import org.normlab.sim.CountHistogram;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.EnsembleSummary;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.SimWorld;

/**
 * Replays history from the opening year with the two-level model, a dummy for the opening year (the
 * instrument was open for part of it only) and a shared frailty: each state's unobserved
 * disposition, estimated as a random intercept and drawn afresh in every replicate. The replay is
 * scored against what happened, and against a no-covariate baseline run the same way: the
 * intercept and the duration terms only (the model's baseline block), with its own estimated
 * frailty. Scores: the continuous ranked probability score (CRPS) of the yearly number of parties,
 * averaged over the observed years, and the Brier score of each state's status (party or not) in
 * the last observed year; lower is better for both. The replay's model is the one the
 * counterfactuals use.
 */
final class ReplayStep implements StudyStep<ReplayStep.Result> {
    /** A state counts as "made party by the replay" when its probability of being party is at least this. */
    static final double CALIBRATION_CUT = 0.5;

    private final ModelFit withdrawal;

    /** @param withdrawal the withdrawal model, or null */
    ReplayStep(ModelFit withdrawal) {
        this.withdrawal = withdrawal;
    }

    /**
     * The section (null when the replay cannot be run) and the validated model: the adoption hazard
     * and its frailty sd (null likewise).
     */
    record Result(StudyReport.Replay section, LinearIndexHazard adoption, FrailtyEstimate frailty) {}

    /** One replay: the ensemble, its world and the fitted frailty model. */
    private record Run(EnsembleResult result, SimWorld world, FrailtyEstimate frailty, LinearIndexHazard hazard) {}

    /** The scores of one replay against the observed history. */
    private record Scores(
            double crps,
            double brier,
            int lastYear,
            List<StudyReport.StateProbability> joined,
            List<StudyReport.StateProbability> missed,
            int holdouts,
            double holdoutsParty) {}

    @Override
    public String name() {
        return "replay of history";
    }

    @Override
    public Result run(StudyContext c, Notes notes) {
        int opening = c.instrument().opened().getYear();
        List<String> vars = new ArrayList<>();
        vars.add("year_" + opening);
        vars.addAll(Models.specVariables(c.data(), "two-level", c.id()));
        List<String> baselineVars = vars.stream()
                .filter(v -> Variables.level(v).equals(Variables.BASELINE))
                .toList();
        Run model;
        Run baseline;
        try {
            model = replay(c, "replay", vars);
            baseline = replay(c, "replay-baseline", baselineVars);
        } catch (NormlabException | EstimationException e) {
            notes.omit("No replay of history: " + e.getMessage());
            return new Result(null, null, null);
        }
        EnsembleResult r = model.result();
        EnsembleSummary s = EnsembleSummary.of(r, EnsembleSummary.Count.PARTIES);
        int k = r.yearCount();
        int[] years = s.years();
        Integer[] observed = new Integer[k];
        int inside = 0;
        int compared = 0;
        List<String> outside = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Integer parties = observedParties(model.world(), years[j]);
            observed[j] = parties;
            if (parties != null) {
                compared++;
                double lo = s.quantile(0.05, j);
                double hi = s.quantile(0.95, j);
                if (parties >= lo && parties <= hi) {
                    inside++;
                } else {
                    outside.add(
                            String.format(Locale.ROOT, "%d (observed %d, band %.0f-%.0f)", years[j], parties, lo, hi));
                }
            }
        }
        Scores ms = scores(c.data(), model);
        Scores bs = scores(c.data(), baseline);
        FrailtyEstimate frailty = model.frailty();
        String sentence = String.format(
                        Locale.ROOT,
                        "Replaying %d-%d %d times with the two-level model, a dummy "
                                + "for the opening year and a shared frailty (each state's unobserved disposition, a random "
                                + "intercept with estimated sd %.2f, SE %s; exogenous covariates from the data, exposures "
                                + "from the simulated world), the observed number of parties in the state system lies inside "
                                + "the simulated 90 %% band in %d of %d years.",
                        opening,
                        years[k - 1],
                        r.replicates(),
                        frailty.sigma(),
                        Double.isFinite(frailty.sigmaStandardError())
                                ? String.format(Locale.ROOT, "%.2f", frailty.sigmaStandardError())
                                : "not estimable: the sd is on its boundary at 0",
                        inside,
                        compared)
                + (outside.isEmpty()
                        ? ""
                        : " Outside: " + String.join(", ", outside) + ". Where the band lies above "
                                + "the observed curve, the model lets the states that stay out join at the rate of observably "
                                + "similar states: what keeps the hard core out is not all in the covariates.");
        String check = String.format(
                Locale.ROOT,
                "Scored against what happened, and against a baseline with no covariates (intercept and duration "
                        + "terms only, with its own frailty): CRPS of the yearly number of parties %.2f against %.2f, "
                        + "Brier score of each state's status in %d %.3f against %.3f (lower is better for both; %s). "
                        + "Of the %d states not party in %d, the replay makes on average %.1f party by then%s; "
                        + "of the parties, it leaves %d below even odds%s.",
                ms.crps(),
                bs.crps(),
                ms.lastYear(),
                ms.brier(),
                bs.brier(),
                ms.crps() < bs.crps() && ms.brier() < bs.brier()
                        ? "the covariates improve both"
                        : ms.crps() < bs.crps() || ms.brier() < bs.brier()
                                ? "the covariates improve one of the two"
                                : "the covariates improve neither",
                ms.holdouts(),
                ms.lastYear(),
                ms.holdoutsParty(),
                ms.joined().isEmpty()
                        ? ""
                        : ", and " + ms.joined().size() + " at even odds or more: " + list(ms.joined(), 8),
                ms.missed().size(),
                ms.missed().isEmpty() ? "" : " (" + list(ms.missed(), 8) + ")");
        StudyReport.Replay section = new StudyReport.Replay(
                years,
                observed,
                s.mean(),
                s.quantiles(0.05),
                s.quantiles(0.25),
                s.quantiles(0.50),
                s.quantiles(0.75),
                s.quantiles(0.95),
                sentence + " " + check,
                new StudyReport.ReplayScores(
                        ms.crps(),
                        bs.crps(),
                        ms.brier(),
                        bs.brier(),
                        ms.lastYear(),
                        ms.holdouts(),
                        ms.holdoutsParty(),
                        ms.joined(),
                        ms.missed(),
                        "intercept and duration terms (" + String.join(", ", baselineVars)
                                + ") with an estimated frailty",
                        check));
        return new Result(section, model.hazard(), frailty);
    }

    private static String list(List<StudyReport.StateProbability> states, int max) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(max, states.size()); i++) {
            StudyReport.StateProbability p = states.get(i);
            parts.add(String.format(Locale.ROOT, "%s %.2f", p.name(), p.probability()));
        }
        return String.join(", ", parts) + (states.size() > max ? " and " + (states.size() - max) + " more" : "");
    }

    private Run replay(StudyContext c, String id, List<String> vars) {
        int opening = c.instrument().opened().getYear();
        int last = c.data().lastDataYear();
        ModelFit base = Models.fit(
                id,
                c.builder().build(PanelSpec.of(c.id(), Transition.CONSENT, vars)),
                vars,
                Link.LOGIT,
                HazardEstimator.of());
        FrailtyEstimate frailty = FrailtyEstimator.of().fit(Models.problem(base.panel(), vars, Link.LOGIT));
        LinearIndexHazard hazard =
                StudyScenarios.hazard(frailty.coefficientNames(), frailty.coefficients(), frailty.link());
        Scenario s = StudyScenarios.scenario(
                id,
                c.id(),
                StudyScenarios.model(hazard, frailty.sigma(), withdrawal),
                opening,
                last,
                List.of(),
                List.of());
        try {
            FitResolver resolver = new FitResolver(c.data(), c.id());
            SimWorld world = Simulations.world(c.data(), resolver, List.of(s));
            s.validate(world);
            EnsembleResult r = c.ensemble().run(s.simulation(world, resolver));
            return new Run(r, world, frailty, hazard);
        } catch (org.normlab.scenario.ScenarioException e) {
            throw new NormlabException(id + ": " + e.getMessage(), e);
        }
    }

    private static String name(org.normlab.data.CountryYearData data, String iso3) {
        var country = data.countries().get(iso3);
        return country == null ? iso3 : country.name();
    }

    private static Integer observedParties(SimWorld world, int year) {
        var status = world.observedStatus(year);
        if (status.isEmpty()) {
            return null;
        }
        int parties = 0;
        byte[] st = status.get();
        for (int s = 0; s < st.length; s++) {
            if (st[s] == org.normlab.sim.Status.PARTY && world.inSystem(year, s)) {
                parties++;
            }
        }
        return parties;
    }

    /** The replay's scores against the observed years. */
    private static Scores scores(org.normlab.data.CountryYearData data, Run run) {
        EnsembleResult r = run.result();
        SimWorld world = run.world();
        double crps = 0;
        int scored = 0;
        int lastK = -1;
        for (int k = 0; k < r.yearCount(); k++) {
            Integer y = observedParties(world, r.year(k));
            if (y != null) {
                crps += crps(r.parties(k), y);
                scored++;
                lastK = k;
            }
        }
        if (lastK < 0) {
            throw new NormlabException("no observed year to score the replay against");
        }
        int year = r.year(lastK);
        byte[] st = world.observedStatus(year).orElseThrow();
        double brier = 0;
        int states = 0;
        int holdouts = 0;
        double holdoutsParty = 0;
        List<StudyReport.StateProbability> joined = new ArrayList<>();
        List<StudyReport.StateProbability> missed = new ArrayList<>();
        for (int s = 0; s < r.stateCount(); s++) {
            if (!world.inSystem(year, s)) {
                continue;
            }
            double p = r.partyProbability(s, lastK);
            boolean party = st[s] == org.normlab.sim.Status.PARTY;
            brier += (p - (party ? 1 : 0)) * (p - (party ? 1 : 0));
            states++;
            String iso3 = world.iso3(s);
            if (!party) {
                holdouts++;
                holdoutsParty += p;
                if (p >= CALIBRATION_CUT) {
                    joined.add(new StudyReport.StateProbability(iso3, name(data, iso3), p));
                }
            } else if (p < CALIBRATION_CUT) {
                missed.add(new StudyReport.StateProbability(iso3, name(data, iso3), p));
            }
        }
        joined.sort(Comparator.comparingDouble(StudyReport.StateProbability::probability)
                .reversed()
                .thenComparing(StudyReport.StateProbability::iso3));
        missed.sort(Comparator.comparingDouble(StudyReport.StateProbability::probability)
                .thenComparing(StudyReport.StateProbability::iso3));
        return new Scores(crps / scored, brier / states, year, joined, missed, holdouts, holdoutsParty);
    }

    /**
     * CRPS of an integer-valued ensemble forecast F for the outcome y: the sum over integers x of
     * (F(x) − 1{x ≥ y})², which equals the integral of the squared difference of the two step
     * functions when the support is the integers.
     */
    static double crps(CountHistogram h, int y) {
        long n = h.count();
        int lo = Math.min(h.orderStatistic(0), y);
        int hi = Math.max(h.orderStatistic(n - 1), y);
        double sum = 0;
        long below = 0;
        for (int x = lo; x <= hi; x++) {
            below += h.frequency(x);
            double f = (double) below / n;
            double d = f - (x >= y ? 1 : 0);
            sum += d * d;
        }
        return sum;
    }
}
