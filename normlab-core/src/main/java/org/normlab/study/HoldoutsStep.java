package org.normlab.study;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.Country;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;

/**
 * Every state that can deposit and is not party at the end of the data, explained by the adoption
 * model and placed in the typology, and every state that withdrew, explained by the withdrawal model.
 * Each state gets one label: a state that withdrew is "regressed" and nothing else.
 */
final class HoldoutsStep implements StudyStep<List<StudyReport.Holdout>> {
    private final AdoptionSeries series;
    private final ModelFit adoption;
    private final ModelFit withdrawal;

    /** @param withdrawal the withdrawal model, or null without withdrawals */
    HoldoutsStep(AdoptionSeries series, ModelFit adoption, ModelFit withdrawal) {
        this.series = series;
        this.adoption = adoption;
        this.withdrawal = withdrawal;
    }

    @Override
    public String name() {
        return "holdouts";
    }

    @Override
    public List<StudyReport.Holdout> run(StudyContext c, Notes notes) {
        CountryYearData data = c.data();
        int lastYear = series.years().get(series.years().size() - 1).year();
        LocalDate end = LocalDate.of(lastYear, 12, 31);
        Map<String, Participation> part = data.participation(c.id());
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
            explain(data, adoption, iso3, status, null, out, unexplained);
        }
        for (String iso3 : withdrawn) {
            if (withdrawal != null) {
                explain(data, withdrawal, iso3, Status.WITHDRAWN.code(), "regressed", out, unexplained);
            }
        }
        if (!unexplained.isEmpty()) {
            notes.omit(
                    "Not explained, for lack of covariates in the risk set: " + String.join("; ", unexplained) + ".");
        }
        return out;
    }

    private static void explain(
            CountryYearData data,
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
}
