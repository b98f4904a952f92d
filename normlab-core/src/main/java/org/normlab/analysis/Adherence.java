package org.normlab.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.Participation;
import org.normlab.data.Status;

/**
 * Graded adoption: 0 none, 1 partial (the state shares the norm in deeds: a related instrument,
 * a production halt, an export moratorium), 2 signatory, 3 party. Immutable.
 *
 * @param level    0 to 3
 * @param measures the partial measures found, in words with their first year
 */
public record Adherence(int level, List<String> measures) {
    public Adherence {
        measures = List.copyOf(measures);
    }

    public static Adherence of(CountryYearData data, String instrument, String iso3, int year) {
        List<String> measures = new ArrayList<>();
        LocalDate end = LocalDate.of(year, 12, 31);
        for (Instrument other : data.instruments().values()) {
            if (other.id().equals(instrument)) {
                continue;
            }
            Participation p = data.participation(other.id()).get(iso3);
            if (p != null && p.statusOn(end) == Status.PARTY) {
                measures.add("party to " + other.id() + " since " + p.consent().getYear());
            }
        }
        for (String indicator : List.of("production_halt", "export_moratorium")) {
            if (!data.indicators().containsKey(indicator)) {
                continue;
            }
            int since = -1;
            for (int y = year; y >= 1900; y--) {
                double v = data.value(indicator, iso3, Math.min(y, data.lastDataYear()));
                if (!(v > 0)) {
                    break;
                }
                since = y;
            }
            if (since > 0) {
                measures.add(indicator.replace('_', ' ') + " since " + since);
            }
        }
        Participation p = data.participation(instrument).get(iso3);
        Status s = p == null ? Status.NONE : p.statusOn(end);
        int level = switch (s) {
            case PARTY -> 3;
            case SIGNATORY -> 2;
            default -> measures.isEmpty() ? 0 : 1;
        };
        return new Adherence(level, measures);
    }

    public String describe() {
        String name = switch (level) {
            case 3 -> "3 (party)";
            case 2 -> "2 (signatory)";
            case 1 -> "1 (partial)";
            default -> "0 (none)";
        };
        return measures.isEmpty() ? name + ", no partial measures" : name + ": " + String.join("; ", measures);
    }
}
