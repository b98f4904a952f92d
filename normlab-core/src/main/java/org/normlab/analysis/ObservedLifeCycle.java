package org.normlab.analysis;

import java.util.ArrayList;
import java.util.List;
import org.normlab.data.AdoptionSeries;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.BassFit;
import org.normlab.estimate.BassForm;
import org.normlab.estimate.EstimationException;
import org.normlab.lifecycle.LifeCycle;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.lifecycle.YearCounts;
import org.normlab.lifecycle.YearlySeries;

/**
 * The observed life cycle of an instrument: its yearly series, the stages dated by the same rules
 * the simulation uses, and a Bass diffusion fit to its consents. Immutable.
 *
 * @param series    the observed series
 * @param lifecycle the stages
 * @param bass      the Bass fit to consents per year, or null when it cannot be fitted
 * @param bassNote  why there is no Bass fit, or ""
 */
public record ObservedLifeCycle(AdoptionSeries series, LifeCycle lifecycle, BassEstimate bass, String bassNote) {

    public static ObservedLifeCycle of(AdoptionSeries series, LifeCycleRules rules, BassForm form) {
        LifeCycle lc = LifeCycle.of(yearly(series), rules);
        double[] consents = series.years().stream()
                .mapToDouble(AdoptionSeries.Year::consents)
                .toArray();
        BassEstimate bass = null;
        String note = "";
        try {
            bass = BassFit.of().withForm(form).fit(consents);
        } catch (EstimationException e) {
            note = "no Bass fit: " + e.getMessage();
        }
        return new ObservedLifeCycle(series, lc, bass, note);
    }

    /** The series as the life-cycle rules read it: states, parties, new consents, withdrawals taking effect. */
    public static YearlySeries yearly(AdoptionSeries series) {
        List<YearCounts> rows = new ArrayList<>();
        for (AdoptionSeries.Year y : series.years()) {
            rows.add(new YearCounts(y.year(), y.states(), y.parties(), y.consents(), y.withdrawals()));
        }
        return YearlySeries.of(rows);
    }
}
