package org.normlab.analysis;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.data.Country;
import org.normlab.data.CountryYearData;
import org.normlab.data.Participation;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.WorldHistory;
import org.normlab.scenario.ScenarioLimits;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Status;
import org.normlab.sim.Terms;

/**
 * Builds the simulation's world from the stored data: the states of the system from the
 * instrument's opening year to the horizon, their borders, subregions and NATO membership, the
 * stored networks of the {@code share_ties_K} terms a model uses, the
 * observed status at the end of each observed year, and the covariates a model needs, lagged as in
 * the panels. Years after the data carry the last observed value forward; a state-year without a
 * value takes the state's nearest observed value, or the mean of the states that have one.
 */
public final class Worlds {
    private Worlds() {}

    /**
     * The world of an instrument.
     *
     * @param variables covariates to load (built-in terms are skipped)
     * @param horizon   last simulated year, at most {@link ScenarioLimits#LAST_YEAR}; the world reaches to
     *                  it or to the last data year, whichever is later
     * @param lag       covariate lag in years, as in the fitted panel
     */
    public static SimWorld of(
            CountryYearData data, String instrument, Collection<String> variables, int horizon, int lag) {
        if (horizon > ScenarioLimits.LAST_YEAR) {
            throw new IllegalArgumentException(
                    "horizon " + horizon + " is after the last year a world can reach, " + ScenarioLimits.LAST_YEAR);
        }
        int opening = data.instrument(instrument).opened().getYear();
        int lastObserved = data.lastDataYear();
        int last = Math.max(horizon, lastObserved);
        WorldHistory h = WorldHistory.of(data, instrument, opening, last);
        List<String> states = h.states();
        int n = states.size();
        int years = last - opening + 1;
        String[] iso3 = states.toArray(String[]::new);
        String[] region = new String[n];
        String[] subregion = new String[n];
        for (int s = 0; s < n; s++) {
            Country c = data.countries().get(iso3[s]);
            region[s] = c == null ? "" : c.region();
            subregion[s] = h.subregionNames().get(h.subregion()[s]);
        }
        boolean[][] inSystem = new boolean[years][n];
        boolean[][] ally = new boolean[years][n];
        for (int t = 0; t < years; t++) {
            for (int s = 0; s < n; s++) {
                inSystem[t][s] = h.inSystem(s, opening + t);
                ally[t][s] = h.ally(s, opening + t);
            }
        }
        SimWorld.Builder b = SimWorld.builder()
                .instrument(instrument)
                .states(iso3, region, subregion)
                .neighbours(h.neighbours())
                .years(opening, last)
                .openingYear(opening)
                .inSystem(inSystem)
                .allies(ally);
        Map<String, Participation> part = data.participation(instrument);
        for (int y = opening - 1; y <= lastObserved; y++) {
            byte[] status = new byte[n];
            LocalDate end = LocalDate.of(y, 12, 31);
            for (int s = 0; s < n; s++) {
                Participation p = part.get(iso3[s]);
                org.normlab.data.Status st = p == null ? org.normlab.data.Status.NONE : p.statusOn(end);
                status[s] = st == org.normlab.data.Status.PARTY
                        ? Status.PARTY
                        : st == org.normlab.data.Status.WITHDRAWN ? Status.WITHDRAWN : Status.NOT_PARTY;
            }
            b.observedStatus(y, status);
        }
        Set<String> names = new LinkedHashSet<>(variables);
        for (String v : names) {
            String kind = Terms.tieKind(v);
            if (kind != null) {
                new PanelBuilder(data).check(instrument, v);
                b.ties(kind, h.network(data.ties(kind)));
                continue;
            }
            if (Terms.isBuiltIn(v)) {
                continue;
            }
            b.covariate(
                    v,
                    covariate(
                            data,
                            instrument,
                            v,
                            iso3,
                            opening,
                            last,
                            lag,
                            lastObserved,
                            names.contains(v + "_missing")),
                    Math.min(last, lastObserved + lag));
        }
        return b.build();
    }

    /**
     * Whether a world can hold a variable of this name for the instrument: any variable a panel of
     * it can hold (a stored indicator, a derived one, {@code party_X}, a {@code _missing} flag, an
     * exposure {@code share_ties_K} to a stored network, whose network the world then holds).
     */
    public static boolean isVariable(CountryYearData data, String instrument, String name) {
        try {
            new PanelBuilder(data)
                    .check(
                            instrument,
                            name.endsWith("_missing") ? name.substring(0, name.length() - "_missing".length()) : name);
            return true;
        } catch (org.normlab.data.NormlabException e) {
            return false;
        }
    }

    /**
     * A covariate for every state and simulated year, read as the panel reads it
     * ({@link PanelBuilder#covariate}). {@code flagged}: the model has the variable's
     * {@code _missing} flag, so an unknown value is 0 (as in the fitted panel) rather than imputed.
     */
    private static double[] covariate(
            CountryYearData data,
            String instrument,
            String name,
            String[] iso3,
            int first,
            int last,
            int lag,
            int lastObserved,
            boolean flagged) {
        int n = iso3.length;
        int years = last - first + 1;
        double[] out = new double[years * n];
        PanelBuilder builder = new PanelBuilder(data);
        builder.check(instrument, name.endsWith("_missing") ? name.substring(0, name.length() - 8) : name);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < years; t++) {
                double v = builder.covariate(name, instrument, iso3[s], Math.min(first + t, lastObserved + lag), lag);
                out[t * n + s] = flagged && Double.isNaN(v) ? 0.0 : v;
            }
        }
        for (int s = 0; s < n; s++) {
            double lastSeen = Double.NaN;
            for (int t = 0; t < years; t++) {
                double v = out[t * n + s];
                if (Double.isNaN(v)) {
                    v = lastSeen;
                } else {
                    lastSeen = v;
                }
                out[t * n + s] = v;
            }
            // Leading gaps take the first observed value.
            double firstSeen = Double.NaN;
            for (int t = 0; t < years && Double.isNaN(firstSeen); t++) {
                firstSeen = out[t * n + s];
            }
            for (int t = 0; t < years && Double.isNaN(out[t * n + s]); t++) {
                out[t * n + s] = firstSeen;
            }
        }
        // States never observed take the year's mean over the states that are; for text categories,
        // the year's most common category (the first in order on a tie), as a category has no mean.
        boolean categories = !data.levels(name).isEmpty();
        for (int t = 0; t < years; t++) {
            double sum = 0;
            int count = 0;
            Map<Double, Integer> counts = new java.util.TreeMap<>();
            for (int s = 0; s < n; s++) {
                if (!Double.isNaN(out[t * n + s])) {
                    sum += out[t * n + s];
                    count++;
                    if (categories) {
                        counts.merge(out[t * n + s], 1, Integer::sum);
                    }
                }
            }
            double mean = count == 0 ? 0 : sum / count;
            if (categories) {
                mean = counts.isEmpty() ? Double.NaN : mode(counts);
            }
            for (int s = 0; s < n; s++) {
                if (Double.isNaN(out[t * n + s])) {
                    out[t * n + s] = mean;
                }
            }
        }
        return out;
    }

    /** The most common value, the smallest on a tie. */
    private static double mode(Map<Double, Integer> counts) {
        double best = Double.NaN;
        int most = 0;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }
}
