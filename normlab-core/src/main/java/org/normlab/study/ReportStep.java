package org.normlab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.analysis.PairedDifference;
import org.normlab.data.AdoptionSeries;
import org.normlab.lifecycle.Stage;

/**
 * The headline findings: each in plain words for a policy reader (no statistics jargon, no
 * command-line options) beside the technical statement it rests on.
 */
final class ReportStep implements StudyStep<List<StudyReport.Finding>> {
    private final ObservedLifeCycle observed;
    private final ThesisStep.Result thesis;
    private final WithdrawalStep.Result withdrawal;
    private final List<StudyReport.Holdout> holdouts;
    private final StudyReport.Replay replay;
    private final List<StudyReport.Counterfactual> counterfactuals;

    ReportStep(
            ObservedLifeCycle observed,
            ThesisStep.Result thesis,
            WithdrawalStep.Result withdrawal,
            List<StudyReport.Holdout> holdouts,
            StudyReport.Replay replay,
            List<StudyReport.Counterfactual> counterfactuals) {
        this.observed = observed;
        this.thesis = thesis;
        this.withdrawal = withdrawal;
        this.holdouts = holdouts;
        this.replay = replay;
        this.counterfactuals = counterfactuals;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<StudyReport.Finding> run(StudyContext c, Notes notes) {
        List<StudyReport.Finding> out = new ArrayList<>();
        out.add(stage(c));
        List<String> findings = thesis.section().findings();
        if (!findings.isEmpty()) {
            var fullest = thesis.fullest().estimate();
            boolean exploratory = ModelSections.exploratory(fullest);
            PairedDifference p = ThesisStep.pair(
                    thesis.comparison(),
                    thesis.fits().get(0).name(),
                    thesis.fullest().name());
            String verdict = p == null ? "" : p.verdict();
            String caveat = exploratory
                    ? " There are fewer than ten adoptions for each factor the full model weighs, so its single "
                            + "estimates describe these data rather than establish effects."
                    : "";
            out.add(new StudyReport.Finding(
                    switch (verdict) {
                        // p is the international model minus the fullest: "worse" means the state level helps.
                        case "worse" ->
                            "Does what happens inside states matter, beyond pressure from other states? "
                                    + "Yes for prediction: adding states' own situation (their own measures, their "
                                    + "conflicts, their alliances) predicts states the model has not seen better, beyond "
                                    + "the noise of which states are held out." + caveat;
                        case "better" ->
                            "Does what happens inside states matter, beyond pressure from other states? "
                                    + "Adding states' own situation predicts states the model has not seen worse, beyond "
                                    + "the noise of which states are held out." + caveat;
                        default ->
                            "Does what happens inside states matter, beyond pressure from other states? The "
                                    + "data cannot tell: adding states' own situation (their own measures, their "
                                    + "conflicts, their alliances) does not predict states the model has not seen "
                                    + "detectably better or worse; the difference is within the noise of which states "
                                    + "are held out." + caveat;
                    },
                    "Does the state level add to the international one? " + findings.get(0)
                            + (exploratory
                                    ? String.format(
                                            Locale.ROOT,
                                            " The %s model is exploratory: %d events for %d slope parameters (fewer than "
                                                    + "%.0f per parameter).",
                                            thesis.fullest().name(),
                                            Math.min(fullest.events(), fullest.n() - fullest.events()),
                                            fullest.slopeParameters(),
                                            ModelSections.EVENTS_PER_PARAMETER)
                                    : "")));
        }
        if (thesis.blockHeadline() != null) {
            out.add(new StudyReport.Finding(blockWords(), thesis.blockHeadline()));
        }
        if (!thesis.separated().isEmpty()) {
            out.add(new StudyReport.Finding(
                    "Some factors coincide perfectly with the outcome in the data (for example, no state with that "
                            + "factor ever joined), so their effect cannot be measured; the models were refitted with a "
                            + "correction for this and those estimates should not be read as effects.",
                    "Separation in the adoption models (" + String.join(", ", thesis.separated())
                            + "): all thesis models were refitted with Firth's penalized likelihood; the affected "
                            + "terms carry no significance stars."));
        }
        if (withdrawal.section() != null) {
            StudyReport.ModelSection w = withdrawal.section();
            out.add(new StudyReport.Finding(
                    w.exploratory()
                            ? "Too few states have withdrawn to say what drives withdrawal; the report lists who "
                                    + "withdrew and under which conditions instead."
                            : "Withdrawal is modelled from the threat next door and alliance membership; see the "
                                    + "withdrawal section for what the estimates show.",
                    w.sentence() + (w.warnings().isEmpty() ? "" : " " + String.join(" ", w.warnings()))));
        }
        Map<String, Integer> types = new TreeMap<>();
        holdouts.forEach(h -> types.merge(h.type(), 1, Integer::sum));
        if (!holdouts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            types.forEach((t, n) -> parts.add(n + " " + t));
            String technical = "Holdouts and withdrawals by type: " + String.join(", ", parts) + ".";
            out.add(new StudyReport.Finding(
                    "Of the states outside the treaty (or that left it): " + String.join(", ", parts)
                            + ". \"Blocked\" states already act on the norm but are held back by pressure at home; "
                            + "\"hesitant\" ones act on it and face little pressure; \"opposed\" and \"rejecting\" ones "
                            + "do not act on it.",
                    technical));
        }
        holdouts.stream()
                .filter(h -> "blocked".equals(h.type()))
                .sorted((a, b) -> Double.compare(a.hazard(), b.hazard()))
                .limit(3)
                .forEach(h -> out.add(new StudyReport.Finding(
                        h.name() + " already acts on the norm, but pressure at home holds it back"
                                + (h.typeProbability() == null
                                        ? "."
                                        : String.format(
                                                Locale.ROOT,
                                                " (the model is %.0f %% sure of this reading).",
                                                100 * h.typeProbability())),
                        String.format(
                                Locale.ROOT,
                                "%s is %s%s: %s Against the average state at risk, international factors contribute "
                                        + "%+.2f to its log-odds of joining, its perception of the norm %+.2f, domestic "
                                        + "pressure %+.2f and incentives %+.2f.",
                                h.name(),
                                h.type(),
                                h.typeProbability() == null
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                " (probability %.2f of lying in this cell)",
                                                h.typeProbability()),
                                h.typeMeaning() + ".",
                                h.international(),
                                h.perception(),
                                h.domestic(),
                                h.incentives()))));
        List<StudyReport.Holdout> misses = holdouts.stream()
                .filter(h -> !"regressed".equals(h.type()))
                .sorted((a, b) -> Double.compare(b.cumulative(), a.cumulative()))
                .limit(3)
                .toList();
        if (!misses.isEmpty()) {
            List<String> parts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            misses.forEach(h -> {
                parts.add(String.format(Locale.ROOT, "%s (%.3f by %d)", h.name(), h.cumulative(), h.year()));
                names.add(h.name());
            });
            out.add(new StudyReport.Finding(
                    "The states the model most expected to have joined by now, but which have not: "
                            + String.join(", ", names) + ". What keeps them out is not in the data.",
                    "The worst-fitted holdouts, which the two-level model gives the highest probability of having "
                            + "joined by now although they have not: " + String.join(", ", parts) + ". "
                            + misses.get(0).name() + " is the model's largest miss."));
        }
        List<String> cannot =
                c
                        .data()
                        .nonDepositorsBetween(
                                c.instrument().opened().getYear(), c.data().lastDataYear())
                        .stream()
                        .map(x -> c.data().countries().containsKey(x)
                                ? c.data().countries().get(x).name()
                                : x)
                        .toList();
        out.add(new StudyReport.Finding(
                "Only states that can deposit a treaty with the United Nations are counted"
                        + (cannot.isEmpty() ? "." : "; " + String.join(", ", cannot) + " cannot and are left out."),
                "Who can deposit: risk sets, holdouts and the typology hold the states that can deposit an instrument "
                        + "with the depositary (UN members, and the non-members the Secretary-General accepts "
                        + "instruments from, from the year it does)"
                        + (cannot.isEmpty()
                                ? "."
                                : "; " + String.join(", ", cannot)
                                        + ", in the state system but unable to deposit, are left out.")));
        for (StudyReport.Counterfactual cf : counterfactuals) {
            out.add(new StudyReport.Finding(cf.question() + " " + plain(cf), cf.question() + " " + cf.answer()));
        }
        if (replay != null) {
            StudyReport.ReplayScores s = replay.scores();
            out.add(new StudyReport.Finding(
                    s == null
                            ? "Replaying history with the model reproduces the observed number of parties in most "
                                    + "years; see the replay section."
                            : String.format(
                                    Locale.ROOT,
                                    "Replaying history with the model: of the %d states still outside in %d, it lets "
                                            + "%.1f join on average, so it is too optimistic about the hard core of "
                                            + "holdouts; compared with a model that knows nothing about the states, "
                                            + "it %s.",
                                    s.holdouts(),
                                    s.year(),
                                    s.holdoutsParty(),
                                    s.brier() < s.brierBaseline() && s.crps() < s.crpsBaseline()
                                            ? "predicts both the count of parties and who joins better"
                                            : s.brier() < s.brierBaseline()
                                                    ? "predicts better who joins, not the count of parties"
                                                    : s.crps() < s.crpsBaseline()
                                                            ? "predicts the count of parties better, not who joins"
                                                            : "predicts neither the count nor who joins better"),
                    replay.sentence()));
        }
        return out;
    }

    /** The two state-level forces in words: does each fit the history better, does it predict unseen states better? */
    private String blockWords() {
        List<String> parts = new ArrayList<>();
        for (org.normlab.analysis.Comparison.BlockTest b : thesis.comparison().blockTests()) {
            String name;
            if (b.block().equals(org.normlab.panel.Variables.PERCEPTION)) {
                name = "a state's own stance on the norm (what it does about it, how it votes)";
            } else if (b.block().equals(org.normlab.panel.Variables.DOMESTIC)) {
                name = "pressure at home (wars, the threat next door)";
            } else {
                continue;
            }
            boolean inSample = b.lr() != null && b.lr().pValue() < 0.05;
            PairedDifference p = b.paired("states");
            String verdict = p == null ? "" : p.verdict();
            parts.add(name + " "
                    + (inSample ? "helps explain" : "does not clearly help explain")
                    + " who joined and when, and "
                    + switch (verdict) {
                        // p is the fullest model minus the model without the block.
                        case "better" -> "helps predict states the model has not seen";
                        case "worse" -> "makes predictions for states the model has not seen worse";
                        default -> "whether it helps predict states the model has not seen, the data cannot tell";
                    });
        }
        return parts.isEmpty()
                ? "The two forces inside states could not be tested separately."
                : "Of the two forces inside states: " + String.join("; ", parts) + ".";
    }

    private StudyReport.Finding stage(StudyContext c) {
        AdoptionSeries.Year last =
                observed.series().years().get(observed.series().years().size() - 1);
        StringBuilder stage = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %d parties of %d states (%.1f %%) at the end of %d",
                c.id(),
                last.parties(),
                last.states(),
                100 * last.partyShare(),
                last.year()));
        if (observed.lifecycle().tippingYear().isPresent()) {
            stage.append("; tipping point ")
                    .append(observed.lifecycle().tippingYear().getAsInt());
        } else {
            stage.append("; the tipping point has not been reached");
        }
        String current = "";
        for (Stage s : observed.lifecycle().stages()) {
            stage.append("; ")
                    .append(s.name().label())
                    .append(' ')
                    .append(s.start())
                    .append(s.ongoing() ? " onwards" : "-" + s.end());
            if (s.ongoing()) {
                current = s.name().label();
            }
        }
        String plain = String.format(
                        Locale.ROOT,
                        "%d of %d states (%.0f %%) are party at the end of %d. ",
                        last.parties(),
                        last.states(),
                        100 * last.partyShare(),
                        last.year())
                + (observed.lifecycle().tippingYear().isPresent()
                        ? "The norm passed its tipping point (a third of states party) in "
                                + observed.lifecycle().tippingYear().getAsInt() + "."
                        : "The norm has not reached its tipping point (a third of states party).")
                + (current.isEmpty() ? "" : " It is now in its " + current + " stage.");
        return new StudyReport.Finding(plain, stage.append('.').toString());
    }

    /** The counterfactual's answer in plain words. */
    private static String plain(StudyReport.Counterfactual cf) {
        StudyReport.FocusRow f = cf.focus().get(0);
        int k = cf.years().length - 1;
        String what = "withdrawn".equals(cf.counts()) ? "having withdrawn" : "being party";
        String answer = String.format(
                Locale.ROOT,
                "By %d, the chance of %s %s goes from %s to %s.",
                cf.years()[k],
                cf.states().size() == 1 ? "it" : "these states",
                what,
                words(f.baseline()[k], cf.states().size()),
                words(f.scenario()[k], cf.states().size()));
        return answer + " In short: " + cf.verdict() + ".";
    }

    private static String words(double expected, int states) {
        return states == 1
                ? String.format(Locale.ROOT, "%.0f %%", 100 * expected)
                : String.format(Locale.ROOT, "%.1f of %d states on average", expected, states);
    }
}
