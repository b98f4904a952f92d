package org.normlab.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.normlab.data.bundled.BundledData;
import org.normlab.store.IndicatorSummary;
import org.normlab.store.NormlabStore;

/**
 * An in-memory snapshot of the store for model building: countries, the state system,
 * every instrument's participation and every indicator, indexed for quick country-year look-ups.
 * Immutable after {@link #load}; safe to share between threads.
 */
public final class CountryYearData {
    private final Map<String, Country> countries = new LinkedHashMap<>();
    private final List<SystemSpell> spells;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, Map<String, Participation>> participation = new HashMap<>();
    private final Map<String, IndicatorSummary> indicators = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> values = new HashMap<>();
    private final Map<String, List<String>> levels = new HashMap<>();
    private final Map<String, List<Tie>> ties = new HashMap<>();
    private final List<Measure> measures;
    private final Map<String, Depositor> depositors = new LinkedHashMap<>();
    private final Map<String, List<String>> related = new HashMap<>();
    private final Map<String, List<String>> perceptionIndicators = new HashMap<>();
    private final int lastDataYear;
    private final LocalDate systemListEnd;
    private final String digest;

    private CountryYearData(NormlabStore store) {
        store.countries().forEach(c -> countries.put(c.iso3(), c));
        spells = store.spells();
        for (Instrument i : store.instruments()) {
            instruments.put(i.id(), i);
            Map<String, Participation> rows = new HashMap<>();
            store.participation(i.id()).forEach(p -> rows.put(p.iso3(), p));
            participation.put(i.id(), rows);
        }
        store.indicators().forEach(s -> indicators.put(s.info().name(), s));
        List<IndicatorValue> stored = store.indicatorValues(indicators.keySet());
        Map<String, TreeSet<String>> categories = new HashMap<>();
        stored.stream()
                .filter(IndicatorValue::isText)
                .forEach(v -> categories
                        .computeIfAbsent(v.name(), k -> new TreeSet<>(CODE_POINT_ORDER))
                        .add(v.text()));
        categories.forEach((name, set) -> levels.put(name, List.copyOf(set)));
        for (IndicatorValue v : stored) {
            double x = v.isText() ? levels.get(v.name()).indexOf(v.text()) + 1 : v.value();
            values.computeIfAbsent(v.name(), k -> new HashMap<>()).put(v.iso3() + v.year(), x);
        }
        // every stored kind: the bundled border and nato ties and every imported network
        for (String kind : store.tieKinds()) {
            ties.put(kind, store.ties(kind));
        }
        measures = List.copyOf(store.measures());
        store.depositors().forEach(d -> depositors.put(d.iso3(), d));
        for (String id : instruments.keySet()) {
            related.put(id, metaList(store, "related:" + id));
            perceptionIndicators.put(id, metaList(store, "perception:" + id));
        }
        deriveNeighbourWar(
                BORDER_WAR,
                "conflict_interstate_war",
                "1 if a land neighbour is a primary party to an "
                        + "interstate armed conflict at war intensity (UCDP intensity level 2, 1,000 or more battle deaths) "
                        + "that year, else 0 (the threat next door)",
                "derived from conflict_interstate_war (UCDP/PRIO " + "conflict-year file) and land borders");
        deriveNeighbourWar(
                BORDER_CONFLICT,
                "conflict_interstate",
                "1 if a land neighbour is a primary party to an "
                        + "interstate armed conflict of any intensity (25 or more battle deaths) that year, else 0: the broad "
                        + "version of " + BORDER_WAR,
                "derived from conflict_interstate (UCDP/PRIO) and land borders");
        String last = store.meta("last_data_year");
        lastDataYear = last == null ? BundledData.LAST_DATA_YEAR : Integer.parseInt(last);
        systemListEnd = store.systemListEnd();
        digest = store.dataDigest();
    }

    /** Unicode code-point order: how R's {@code sort} orders text in the C locale, on every machine. */
    public static final java.util.Comparator<String> CODE_POINT_ORDER = (a, b) ->
            java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    /** Name of the derived indicator: a land neighbour is at war with another state. */
    public static final String BORDER_WAR = VariableNames.BORDER_WAR;
    /** Name of the broad version: a land neighbour is in an interstate conflict of any intensity. */
    public static final String BORDER_CONFLICT = VariableNames.BORDER_CONFLICT;

    private static List<String> metaList(NormlabStore store, String key) {
        String v = store.meta(key);
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    /**
     * Derives {@code name}: 1 in a year in which a land neighbour of the state has {@code source} > 0
     * (e.g. Russia's war on Ukraine for the states bordering either), else 0.
     */
    private void deriveNeighbourWar(String name, String source, String definition, String provenance) {
        IndicatorSummary war = indicators.get(source);
        if (war == null || ties("border").isEmpty()) {
            return;
        }
        Map<String, List<String>> neighbours = new HashMap<>();
        for (Tie t : ties("border")) {
            neighbours.computeIfAbsent(t.iso3A(), k -> new ArrayList<>()).add(t.iso3B());
            neighbours.computeIfAbsent(t.iso3B(), k -> new ArrayList<>()).add(t.iso3A());
        }
        Map<String, Double> out = new HashMap<>();
        TreeSet<String> states = new TreeSet<>();
        Map<String, Double> atWar = values.get(source);
        for (String iso3 : countries.keySet()) {
            for (int y = war.firstYear(); y <= war.lastYear(); y++) {
                double v = 0;
                for (String n : neighbours.getOrDefault(iso3, List.of())) {
                    Double w = atWar.get(n + y);
                    if (w != null && w > 0) {
                        v = 1;
                        break;
                    }
                }
                out.put(iso3 + y, v);
                if (v > 0) {
                    states.add(iso3);
                }
            }
        }
        values.put(name, out);
        indicators.put(
                name,
                new IndicatorSummary(
                        new IndicatorInfo(name, definition, provenance, "zero"),
                        war.firstYear(),
                        war.lastYear(),
                        states.size(),
                        out.size()));
    }

    public static CountryYearData load(NormlabStore store) {
        return new CountryYearData(store);
    }

    public Map<String, Country> countries() {
        return countries;
    }

    public List<SystemSpell> spells() {
        return spells;
    }

    public Instrument instrument(String id) {
        Instrument i = instruments.get(id);
        if (i == null) {
            throw new NormlabException(
                    "unknown instrument '" + id + "'; known: " + String.join(", ", instruments.keySet()));
        }
        return i;
    }

    public Map<String, Instrument> instruments() {
        return instruments;
    }

    /** Participation rows of an instrument by ISO3 (states absent from the map never took part). */
    public Map<String, Participation> participation(String instrumentId) {
        instrument(instrumentId);
        return participation.get(instrumentId);
    }

    public Map<String, IndicatorSummary> indicators() {
        return indicators;
    }

    /** Whether an indicator's absence means 0 ("none recorded") rather than unknown. */
    public boolean missingMeansZero(String indicator) {
        IndicatorSummary s = indicators.get(indicator);
        return s != null && "zero".equals(s.info().missing());
    }

    /**
     * The categories of an indicator of text categories in code-point order (R's order in the C
     * locale), or an empty list for any other variable. {@link #value} gives a category as its
     * code: its 1-based position in this list.
     */
    public List<String> levels(String indicator) {
        return levels.getOrDefault(indicator, List.of());
    }

    /**
     * The indicator's value, or {@link Double#NaN} when there is none; a category as its code (see
     * {@link #levels}).
     */
    public double value(String indicator, String iso3, int year) {
        Map<String, Double> m = values.get(indicator);
        Double v = m == null ? null : m.get(iso3 + year);
        if (v != null) {
            return v;
        }
        return missingMeansZero(indicator) ? 0.0 : Double.NaN;
    }

    /** The kinds of ties stored: the bundled {@code border} and {@code nato} and every imported kind, sorted. */
    public java.util.Set<String> tieKinds() {
        return new java.util.TreeSet<>(ties.keySet());
    }

    /** The measures of a state that concern an instrument's norm, in a fixed order. */
    public List<Measure> measures(String instrument, String iso3) {
        return measures.stream()
                .filter(m -> m.iso3().equals(iso3) && m.concerns(instrument))
                .toList();
    }

    /** Whether any measure concerns the instrument. */
    public boolean hasMeasures(String instrument) {
        return measures.stream().anyMatch(m -> m.concerns(instrument));
    }

    /** Every stored measure. */
    public List<Measure> measures() {
        return measures;
    }

    /** Instruments of a weaker related regime whose membership counts as perception of the norm. */
    public List<String> relatedInstruments(String instrument) {
        return related.getOrDefault(instrument, List.of()).stream()
                .filter(instruments::containsKey)
                .toList();
    }

    /** Stored indicators that record perception of the instrument's norm (e.g. UN votes on it). */
    public List<String> perceptionIndicators(String instrument) {
        return perceptionIndicators.getOrDefault(instrument, List.of()).stream()
                .filter(indicators::containsKey)
                .toList();
    }

    /** Who can deposit, by ISO3 (empty for a database without the list: then every state in the system can). */
    public Map<String, Depositor> depositors() {
        return depositors;
    }

    /**
     * Whether the state can deposit an instrument in the year and so belongs to risk sets: on the
     * depositor list and either in the state system or, for an entity outside it (Holy See, Cook
     * Islands, Niue, Palestine), from the year it can deposit. States in the system that cannot
     * deposit (Taiwan, Kosovo) are left out.
     */
    public boolean canDeposit(String iso3, int year) {
        if (depositors.isEmpty()) {
            return inSystem(iso3, year);
        }
        Depositor d = depositors.get(iso3);
        if (d == null) {
            return false;
        }
        return d.fromYear() != null ? year >= d.fromYear() || inSystem(iso3, year) : inSystem(iso3, year);
    }

    /** States that can deposit at any time in the year range, sorted by ISO3. */
    public List<String> depositorsBetween(int first, int last) {
        TreeSet<String> out = new TreeSet<>();
        List<String> candidates = new ArrayList<>(statesBetween(first, last));
        candidates.addAll(depositors.keySet());
        for (String iso3 : candidates) {
            for (int y = first; y <= last; y++) {
                if (canDeposit(iso3, y)) {
                    out.add(iso3);
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** States in the system that cannot deposit (left out of risk sets), sorted. */
    public List<String> nonDepositorsBetween(int first, int last) {
        List<String> out = new ArrayList<>(statesBetween(first, last));
        out.removeIf(s -> !depositors.isEmpty() && depositors.containsKey(s));
        if (depositors.isEmpty()) {
            out.clear();
        }
        return out;
    }

    /** Ties of a kind (bundled: {@code border}, {@code nato}). */
    public List<Tie> ties(String kind) {
        return ties.getOrDefault(kind, List.of());
    }

    /** The last year the bundled data describe. */
    public int lastDataYear() {
        return lastDataYear;
    }

    public LocalDate systemListEnd() {
        return systemListEnd;
    }

    public String digest() {
        return digest;
    }

    /** States in the system at any time in the year range, sorted by ISO3. */
    public List<String> statesBetween(int first, int last) {
        TreeSet<String> out = new TreeSet<>();
        for (SystemSpell s : spells) {
            for (int y = first; y <= last; y++) {
                if (inSystem(s, y)) {
                    out.add(s.iso3());
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Membership of the system in a year; years after the list's end carry its last year forward. */
    public boolean inSystem(SystemSpell s, int year) {
        return s.aliveIn(Math.min(year, systemListEnd.getYear()));
    }

    /** Whether the state is in the system in the year (any of its spells). */
    public boolean inSystem(String iso3, int year) {
        for (SystemSpell s : spells) {
            if (s.iso3().equals(iso3) && inSystem(s, year)) {
                return true;
            }
        }
        return false;
    }
}
