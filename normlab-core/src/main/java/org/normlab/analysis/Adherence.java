package org.normlab.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.Measure;
import org.normlab.data.Participation;
import org.normlab.data.Status;

/**
 * Graded adoption of an instrument's norm in a year, computed from what is in force that year:
 * 0 none, 1 partial (the state shares the norm in deeds: a measure concerning the instrument of any
 * scope but {@code none} in force, or membership of a weaker related regime), 2 signatory, 3 party.
 * Only measures that concern the instrument count, so an imported instrument has none unless
 * measures were imported for it. Immutable.
 *
 * @param level     0 to 3
 * @param measures  every measure of the state concerning the instrument and every related regime it
 *                  belongs to, in words with scope and years and whether it is in force in the year
 * @param records   the measures themselves (with their sources)
 * @param inDeeds   whether the state shares the norm in deeds in the year (the typology's perception side)
 */
public record Adherence(int level, List<String> measures, List<Measure> records, boolean inDeeds) {
    public Adherence {
        measures = List.copyOf(measures);
        records = List.copyOf(records);
    }

    public static Adherence of(CountryYearData data, String instrument, String iso3, int year) {
        List<String> words = new ArrayList<>();
        boolean deeds = false;
        LocalDate end = LocalDate.of(year, 12, 31);
        for (String related : data.relatedInstruments(instrument)) {
            Participation p = data.participation(related).get(iso3);
            if (p != null && p.consent() != null) {
                boolean party = p.statusOn(end) == Status.PARTY;
                deeds |= party;
                Instrument other = data.instrument(related);
                words.add(String.format(
                        Locale.ROOT,
                        "party to %s (a weaker related regime) since %d%s",
                        other.id(),
                        p.consent().getYear(),
                        party ? "" : "; not in force in " + year));
            }
        }
        List<Measure> records = data.measures(instrument, iso3);
        for (Measure m : records) {
            boolean inForce = m.inForce(year);
            deeds |= inForce && m.adherent();
            words.add(m.describe()
                    + (inForce ? "; in force in " + year : "; not in force in " + year)
                    + (m.adherent() ? "" : " (records no restraint)"));
        }
        Participation p = data.participation(instrument).get(iso3);
        Status s = p == null ? Status.NONE : p.statusOn(end);
        int level = switch (s) {
            case PARTY -> 3;
            case SIGNATORY -> 2;
            default -> deeds ? 1 : 0;
        };
        return new Adherence(level, words, records, deeds);
    }

    public String describe() {
        String name = switch (level) {
            case 3 -> "3 (party)";
            case 2 -> "2 (signatory)";
            case 1 -> "1 (partial: shares the norm in deeds)";
            default -> "0 (none)";
        };
        return measures.isEmpty() ? name + ", no measures recorded" : name + ": " + String.join("; ", measures);
    }
}
