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
import org.normlab.data.Measure;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.data.VariableNames;
import org.normlab.sim.Terms;
import org.normlab.sim.TieNetwork;

/**
 * Builds risk-set panels (one row per state-year at risk) from the stored data. The states are the
 * members of the state system in each year; covariates are read {@code lag} years before the risk
 * year; the exposures come from the participation of the other states at the end of the previous
 * year (see {@link Variables}). The states are those that can deposit the instrument (see
 * {@link CountryYearData#canDeposit}); every event left out of a panel is listed with its reason.
 * Thread safe: holds only immutable data.
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

    /** Throws naming the problem when {@code variable} is not one normlab knows for the instrument. */
    public void check(String instrument, String variable) {
        Variables.check(data, instrument, variable);
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
        WorldHistory history = WorldHistory.of(
                data,
                spec.instrument(),
                Math.min(spec.firstYear() - expoLag, spec.firstYear() - spec.lag()),
                spec.lastYear());

        List<String> iso3 = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<Double> events = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int k = spec.variables().size();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        boolean[] anyMissing = new boolean[k];
        List<boolean[]> missingRows = new ArrayList<>();
        java.util.Set<String> inPanel = new java.util.HashSet<>();
        Map<String, TieNetwork> networks = new HashMap<>();
        Map<String, String> droppedFor = new HashMap<>();

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
                        event = p != null
                                && p.signature() != null
                                && p.signature().getYear() == t;
                    }
                    case CONSENT -> {
                        atRisk = before == Status.NONE || before == Status.SIGNATORY;
                        event = p != null && p.consent() != null && p.consent().getYear() == t;
                    }
                    default -> {
                        atRisk = before == Status.PARTY
                                && (p.withdrawalNotified() == null
                                        || p.withdrawalNotified().getYear() >= t);
                        event = p != null
                                && p.withdrawalNotified() != null
                                && p.withdrawalNotified().getYear() == t;
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
                    double value =
                            value(v, spec.instrument(), state, s, t, spec.lag(), opening, shares, history, networks);
                    if (Double.isNaN(value)) {
                        if (spec.missing() == MissingPolicy.FILL
                                && !data.levels(v).isEmpty()) {
                            throw new InputException(v + " holds text categories and has no value for " + state
                                    + " in risk year " + t + "; --missing fill cannot set a category to 0: "
                                    + "use --missing drop, or import a category for unknown values");
                        }
                        miss[j] = true;
                        anyMissing[j] = true;
                        if (spec.missing() == MissingPolicy.DROP) {
                            dropped.merge(v, 1, Integer::sum);
                            drop = true;
                            droppedFor.putIfAbsent(state + "|" + t, v);
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
                if (event) {
                    inPanel.add(state + "|" + t);
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
        Map<String, List<String>> levels = new HashMap<>();
        for (String v : spec.variables()) {
            if (!data.levels(v).isEmpty()) {
                levels.put(v, data.levels(v));
            }
        }
        return new Panel(
                spec,
                iso3.toArray(String[]::new),
                yearArr,
                eventArr,
                List.copyOf(names),
                columns,
                Map.copyOf(dropped),
                Map.copyOf(filled),
                leftOut(spec, part, inPanel, droppedFor),
                Map.copyOf(levels));
    }

    /**
     * Every event of the year range that is not an event row of the panel, with the reason: the
     * state cannot deposit, was not in the risk set that year, or a covariate was missing.
     */
    private Map<String, List<String>> leftOut(
            PanelSpec spec,
            Map<String, Participation> part,
            java.util.Set<String> inPanel,
            Map<String, String> droppedFor) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (Participation p : new java.util.TreeMap<>(part).values()) {
            LocalDate d = switch (spec.transition()) {
                case SIGNATURE -> p.signature();
                case CONSENT -> p.consent();
                default -> p.withdrawalNotified();
            };
            if (d == null
                    || d.getYear() < spec.firstYear()
                    || d.getYear() > spec.lastYear()
                    || inPanel.contains(p.iso3() + "|" + d.getYear())) {
                continue;
            }
            int t = d.getYear();
            String reason;
            if (!data.depositors().isEmpty() && !data.depositors().containsKey(p.iso3())) {
                reason = "cannot deposit (not on the depositor list)";
            } else if (!data.canDeposit(p.iso3(), t)) {
                reason = "not in the state system or not yet able to deposit in the year of the event";
            } else if (droppedFor.containsKey(p.iso3() + "|" + t)) {
                reason = "missing value of " + droppedFor.get(p.iso3() + "|" + t) + " (--missing drop)";
            } else {
                reason = "not at risk in the year of the event (status at the end of the previous year)";
            }
            out.computeIfAbsent(reason, k -> new ArrayList<>()).add(p.iso3() + " " + t);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    private double value(
            String v,
            String instrument,
            String state,
            int s,
            int t,
            int lag,
            int opening,
            double[][] shares,
            WorldHistory history,
            Map<String, TieNetwork> networks) {
        double time = Terms.timeValue(v, t, opening);
        if (!Double.isNaN(time)) {
            return time;
        }
        int e = Variables.EXPOSURES.indexOf(v);
        if (e >= 0) {
            return shares[e][s];
        }
        String kind = Terms.tieKind(v);
        if (kind != null) {
            // exposures look back like the built-in ones: the partners' status at the end of t - max(lag, 1)
            return history.tieShare(
                    networks.computeIfAbsent(kind, k -> history.network(data.ties(k))), s, t - Math.max(lag, 1));
        }
        return covariate(v, instrument, state, t, lag);
    }

    /**
     * A state's covariate for risk year {@code t}, read {@code lag} years before (a new state's
     * first years, whose lagged year did not exist for it, read the risk year itself): an indicator,
     * {@code party_<instrument>}, {@code measures_in_force}, {@code measure_<name>},
     * {@code <indicator>_pastN} or a {@code <variable>_missing} flag. NaN when unknown. Shared with
     * the simulation's world builder, so that simulated covariates are the panel's.
     */
    public double covariate(String v, String instrument, String state, int t, int lag) {
        if (v.endsWith("_missing") && !data.indicators().containsKey(v)) {
            String base = v.substring(0, v.length() - "_missing".length());
            return Double.isNaN(covariate(base, instrument, state, t, lag)) ? 1.0 : 0.0;
        }
        if (v.startsWith("party_") && !data.indicators().containsKey(v)) {
            Participation p = participationOf(v).get(state);
            return p != null && p.statusOn(LocalDate.of(t - lag, 12, 31)) == Status.PARTY ? 1.0 : 0.0;
        }
        // A new state's first year(s): the lagged year did not exist for it, so its covariates are read
        // in the risk year itself rather than lost.
        int at = t - lag;
        if (lag > 0 && !data.canDeposit(state, at) && data.canDeposit(state, t)) {
            at = t;
        }
        if (v.equals(Variables.MEASURES_IN_FORCE) || v.startsWith(Variables.MEASURE_PREFIX)) {
            return measureValue(v, instrument, state, at);
        }
        java.util.regex.Matcher past = Variables.PAST.matcher(v);
        if (past.matches()
                && data.indicators().containsKey(past.group(1))
                && !data.indicators().containsKey(v)) {
            int n = Integer.parseInt(past.group(2));
            for (int y = at - n; y < at; y++) {
                if (data.value(past.group(1), state, y) > 0) {
                    return 1.0;
                }
            }
            return 0.0;
        }
        return data.value(v, state, at);
    }

    /** {@code measures_in_force} or {@code measure_<name>} for the instrument being modelled. */
    private double measureValue(String v, String instrument, String state, int year) {
        for (Measure m : data.measures(instrument, state)) {
            if (!m.inForce(year)) {
                continue;
            }
            if (v.equals(Variables.MEASURES_IN_FORCE)
                    ? m.adherent()
                    : v.equals(Variables.MEASURE_PREFIX + m.measure())) {
                return 1.0;
            }
        }
        return 0.0;
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
