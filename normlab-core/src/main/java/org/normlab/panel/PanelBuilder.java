package org.normlab.panel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.normlab.data.CountryYearData;
import org.normlab.data.InputException;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.data.VariableNames;
import org.normlab.sim.Exposures;

/**
 * Builds risk-set panels (one row per state-year at risk) from the stored data. The states are the
 * members of the state system in each year; covariates are read {@code lag} years before the risk
 * year; the exposures come from the participation of the other states at the end of the previous
 * year (see {@link Variables}). Thread safe: holds only immutable data.
 */
public final class PanelBuilder {
    private final CountryYearData data;

    public PanelBuilder(CountryYearData data) {
        this.data = data;
    }

    public CountryYearData data() {
        return data;
    }

    /** The years a spec covers, with defaults resolved: opening year to the last data year. */
    public PanelSpec resolve(PanelSpec spec) {
        Instrument instrument = data.instrument(spec.instrument());
        int first = spec.firstYear() == 0 ? instrument.opened().getYear() : spec.firstYear();
        int last = spec.lastYear() == 0 ? Math.max(first, data.lastDataYear()) : spec.lastYear();
        if (last < first) {
            throw new InputException("the year range " + first + "-" + last + " is empty");
        }
        return spec.withYears(first, last);
    }

    public Panel build(PanelSpec request) {
        PanelSpec spec = resolve(request);
        for (String v : spec.variables()) {
            Variables.check(data, spec.instrument(), v);
        }
        Instrument instrument = data.instrument(spec.instrument());
        Map<String, Participation> part = data.participation(spec.instrument());
        int opening = instrument.opened().getYear();
        int expoLag = Math.max(spec.lag(), 1);
        WorldHistory history = WorldHistory.of(data, spec.instrument(),
                Math.min(spec.firstYear() - expoLag, spec.firstYear() - spec.lag()), spec.lastYear());

        List<String> iso3 = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<Double> events = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int k = spec.variables().size();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        boolean[] anyMissing = new boolean[k];
        List<boolean[]> missingRows = new ArrayList<>();
        Map<String, Map<String, Participation>> others = new HashMap<>();

        for (int t = spec.firstYear(); t <= spec.lastYear(); t++) {
            double[][] shares = history.exposures(t - expoLag);
            for (int s = 0; s < history.states().size(); s++) {
                String state = history.states().get(s);
                if (!history.inSystem(s, t)) {
                    continue;
                }
                Participation p = part.get(state);
                Status before = p == null ? Status.NONE : p.statusOn(LocalDate.of(t - 1, 12, 31));
                boolean atRisk;
                boolean event;
                switch (spec.transition()) {
                    case SIGNATURE -> {
                        atRisk = before == Status.NONE;
                        event = p != null && p.signature() != null && p.signature().getYear() == t;
                    }
                    case CONSENT -> {
                        atRisk = before == Status.NONE || before == Status.SIGNATORY;
                        event = p != null && p.consent() != null && p.consent().getYear() == t;
                    }
                    default -> {
                        atRisk = before == Status.PARTY && (p.withdrawalNotified() == null
                                || p.withdrawalNotified().getYear() >= t);
                        event = p != null && p.withdrawalNotified() != null && p.withdrawalNotified().getYear() == t;
                    }
                }
                if (!atRisk) {
                    continue;
                }
                double[] x = new double[k];
                boolean[] miss = new boolean[k];
                boolean drop = false;
                for (int j = 0; j < k; j++) {
                    String v = spec.variables().get(j);
                    double value = value(v, state, s, t, spec.lag(), opening, shares, others);
                    if (Double.isNaN(value)) {
                        miss[j] = true;
                        anyMissing[j] = true;
                        if (spec.missing() == MissingPolicy.DROP) {
                            dropped.merge(v, 1, Integer::sum);
                            drop = true;
                        } else {
                            filled.merge(v, 1, Integer::sum);
                            value = 0;
                        }
                    }
                    x[j] = value;
                }
                if (drop) {
                    continue;
                }
                iso3.add(state);
                years.add(t);
                events.add(event ? 1.0 : 0.0);
                rows.add(x);
                missingRows.add(miss);
            }
        }
        List<String> names = new ArrayList<>(spec.variables());
        List<Integer> flagged = new ArrayList<>();
        if (spec.missing() == MissingPolicy.FILL) {
            for (int j = 0; j < k; j++) {
                if (anyMissing[j]) {
                    names.add(VariableNames.missingFlag(spec.variables().get(j)));
                    flagged.add(j);
                }
            }
        }
        int n = rows.size();
        double[][] columns = new double[names.size()][n];
        int[] yearArr = new int[n];
        double[] eventArr = new double[n];
        for (int i = 0; i < n; i++) {
            double[] x = rows.get(i);
            for (int j = 0; j < k; j++) {
                columns[j][i] = x[j];
            }
            for (int f = 0; f < flagged.size(); f++) {
                columns[k + f][i] = missingRows.get(i)[flagged.get(f)] ? 1.0 : 0.0;
            }
            yearArr[i] = years.get(i);
            eventArr[i] = events.get(i);
        }
        return new Panel(spec, iso3.toArray(String[]::new), yearArr, eventArr, List.copyOf(names), columns,
                Map.copyOf(dropped), Map.copyOf(filled));
    }

    private double value(String v, String state, int s, int t, int lag, int opening, double[][] shares,
                         Map<String, Map<String, Participation>> others) {
        switch (v) {
            case Variables.LOG_DURATION:
                return Math.log(Math.max(1, t - opening + 1));
            case Variables.OPENING_YEAR:
                return t == opening + 1 ? 1.0 : 0.0;
            default:
                break;
        }
        int e = Variables.EXPOSURES.indexOf(v);
        if (e >= 0) {
            return shares[e][s];
        }
        if (v.matches("year_\\d{4}")) {
            return t == Integer.parseInt(v.substring(5)) ? 1.0 : 0.0;
        }
        if (v.startsWith("party_") && !data.indicators().containsKey(v)) {
            Map<String, Participation> other = others.computeIfAbsent(v, this::participationOf);
            Participation p = other.get(state);
            return p != null && p.statusOn(LocalDate.of(t - lag, 12, 31)) == Status.PARTY ? 1.0 : 0.0;
        }
        return data.value(v, state, t - lag);
    }

    private Map<String, Participation> participationOf(String variable) {
        String suffix = variable.substring("party_".length());
        for (Instrument i : data.instruments().values()) {
            if (i.variableSuffix().equals(suffix)) {
                return data.participation(i.id());
            }
        }
        throw new InputException("unknown variable '" + variable + "'");
    }
}
