package org.normlab.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every state's status towards an instrument on a date: the state system on that date (carried
 * forward from the list's last day when the date is later) plus every participant that has
 * signed or consented by then. Pure function of its inputs; thread safe.
 */
public final class StatusTable {
    private final List<StateStatus> rows;
    private final boolean extrapolated;

    private StatusTable(List<StateStatus> rows, boolean extrapolated) {
        this.rows = List.copyOf(rows);
        this.extrapolated = extrapolated;
    }

    public static StatusTable on(
            LocalDate date,
            List<Participation> participation,
            List<SystemSpell> spells,
            List<Country> countries,
            LocalDate systemListEnd) {
        boolean extrapolated = date.isAfter(systemListEnd);
        LocalDate systemDate = extrapolated ? systemListEnd : date;
        Map<String, String> names = new HashMap<>();
        countries.forEach(c -> names.put(c.iso3(), c.name()));
        Map<String, String> members = new TreeMap<>();
        for (SystemSpell s : spells) {
            if (s.aliveOn(systemDate)) {
                members.put(s.iso3(), s.name());
            }
        }
        Map<String, Participation> byState = new HashMap<>();
        participation.forEach(p -> byState.put(p.iso3(), p));
        Map<String, StateStatus> out = new TreeMap<>();
        members.forEach((iso3, gwName) -> {
            Participation p = byState.get(iso3);
            Status status = p == null ? Status.NONE : p.statusOn(date);
            out.put(iso3, new StateStatus(iso3, names.getOrDefault(iso3, gwName), status, true, extrapolated));
        });
        for (Participation p : participation) {
            if (!out.containsKey(p.iso3()) && p.statusOn(date) != Status.NONE) {
                String name = names.getOrDefault(p.iso3(), p.stateName());
                out.put(p.iso3(), new StateStatus(p.iso3(), name, p.statusOn(date), false, false));
            }
        }
        return new StatusTable(new ArrayList<>(out.values()), extrapolated);
    }

    /** Rows sorted by ISO3 code. */
    public List<StateStatus> rows() {
        return rows;
    }

    /** Whether the date lies past the end of the state-system list. */
    public boolean extrapolated() {
        return extrapolated;
    }

    public Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    public Status statusOf(String iso3) {
        return rows.stream()
                .filter(r -> r.iso3().equals(iso3))
                .map(StateStatus::status)
                .findFirst()
                .orElse(Status.NONE);
    }
}
