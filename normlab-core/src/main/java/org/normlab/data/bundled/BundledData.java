package org.normlab.data.bundled;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.normlab.data.Country;
import org.normlab.data.Depositor;
import org.normlab.data.IndicatorInfo;
import org.normlab.data.IndicatorValue;
import org.normlab.data.Instrument;
import org.normlab.data.Measure;
import org.normlab.data.Participation;
import org.normlab.data.ParticipationFile;
import org.normlab.data.SystemSpell;
import org.normlab.data.Tie;
import org.normlab.data.csv.CsvTable;

/**
 * The data shipped inside normlab (see DATA.md for sources and licences), read from the class
 * path and turned into the domain's values: countries, the state system, two instruments,
 * country-year indicators and ties. Participation files go through the same checks as a user's
 * import. Immutable once loaded.
 */
public final class BundledData {
    private static final String ROOT = "/org/normlab/data/bundled/";
    /** Files in the order they enter the data digest. */
    static final List<String> FILES = List.of(
            "countries.csv",
            "memberships.csv",
            "treaties/mine_ban_convention.csv",
            "treaties/ccw_amended_protocol_ii.csv",
            "conflicts/gw_iso3_crosswalk.csv",
            "conflicts/conflict_country_year.csv",
            "regime/regime_country_year.csv",
            "policy/producers.csv",
            "policy/export_moratoria.csv",
            "policy/stockpiles.csv",
            "policy/use.csv",
            "policy/unga_votes.csv",
            "depositors.csv",
            "policy/adherence_spells.csv",
            "policy/stockpile_destruction.csv",
            "conflicts/UcdpPrioConflict_v25_1.csv");
    /**
     * Version of the rules that turn the bundled files into tables and indicators; part of the data
     * digest, so that a database filled by older rules is refreshed. Raise it when a rule changes.
     */
    static final int DERIVATION = 3;
    /** Last year for which step indicators (memberships, declared policies) are written out. */
    public static final int LAST_DATA_YEAR = 2025;
    /** Last day of the bundled Gleditsch–Ward list; later dates carry it forward. */
    public static final LocalDate SYSTEM_LIST_END = LocalDate.of(2020, 12, 31);

    private final List<Country> countries;
    private final List<SystemSpell> spells;
    private final Map<Instrument, List<Participation>> instruments;
    private final List<IndicatorInfo> indicatorInfo;
    private final List<IndicatorValue> indicatorValues;
    private final List<Tie> ties;
    private final List<Measure> measures;
    private final List<Depositor> depositors;
    private final String digest;

    private BundledData() {
        countries = readCountries();
        Set<String> known = knownStates(countries);
        spells = readSpells();
        instruments = new LinkedHashMap<>();
        instruments.put(
                new Instrument(
                        "mine-ban",
                        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
                                + "Anti-Personnel Mines and on their Destruction (Mine Ban Convention, 1997)",
                        LocalDate.of(1997, 12, 3),
                        40,
                        "UN Treaty Collection XXVI-5, status as at 2026-02-03; "
                                + "Poland's withdrawal effective 2026-02-20 per ICBL"),
                participation("treaties/mine_ban_convention.csv", known));
        instruments.put(
                new Instrument(
                        "ccw-apii",
                        "Protocol on Prohibitions or Restrictions on the Use of Mines, Booby-Traps and Other Devices "
                                + "as amended on 3 May 1996 (CCW Amended Protocol II)",
                        LocalDate.of(1996, 5, 3),
                        20,
                        "UN Treaty Collection XXVI-2.b, status as at 2026-02-03"),
                participation("treaties/ccw_amended_protocol_ii.csv", known));
        indicatorInfo = new ArrayList<>();
        indicatorValues = new ArrayList<>();
        depositors = readDepositors(known);
        readConflicts();
        readRegime();
        readMemberships();
        Policy.read(this::table, indicatorInfo, indicatorValues);
        ties = readTies();
        measures = Policy.measures(
                this::table,
                List.copyOf(instruments.keySet().stream().map(Instrument::id).toList()));
        digest = computeDigest();
    }

    /** Loads and checks everything bundled. */
    public static BundledData load() {
        return new BundledData();
    }

    public List<Country> countries() {
        return countries;
    }

    public List<SystemSpell> spells() {
        return spells;
    }

    public Map<Instrument, List<Participation>> instruments() {
        return instruments;
    }

    public List<IndicatorInfo> indicatorInfo() {
        return indicatorInfo;
    }

    public List<IndicatorValue> indicatorValues() {
        return indicatorValues;
    }

    public List<Tie> ties() {
        return ties;
    }

    /** Dated, scoped measures short of joining (policy/adherence_spells.csv), each with its source row. */
    public List<Measure> measures() {
        return measures;
    }

    /** Who can deposit an instrument with the depositary (depositors.csv). */
    public List<Depositor> depositors() {
        return depositors;
    }

    /**
     * Instruments of a weaker regime related to each bundled instrument: membership of one is a
     * measure of perception of the other's norm (Amended Protocol II for the Mine Ban Convention).
     */
    public static final Map<String, List<String>> RELATED = Map.of("mine-ban", List.of("ccw-apii"));

    /**
     * Indicators that record a state's perception of a bundled instrument's norm: its latest vote on
     * the annual UN General Assembly resolution supporting the Mine Ban Convention.
     */
    public static final Map<String, List<String>> PERCEPTION_INDICATORS =
            Map.of("mine-ban", List.of("unga_yes", "unga_abstain", "unga_absent"));

    /** SHA-256 of the bundled files, in a fixed order. */
    public String digest() {
        return digest;
    }

    /** Codes accepted in files: the ISO list plus any code the state system maps to. */
    public static Set<String> knownStates(List<Country> countries) {
        Set<String> known = new HashSet<>();
        countries.forEach(c -> known.add(c.iso3()));
        return known;
    }

    /** Reads a bundled file with every column of its header. */
    CsvTable table(String file) {
        return CsvTable.read("bundled " + file, open(file), List.of(), headerOf(file));
    }

    private static List<String> headerOf(String file) {
        try (InputStream in = open(file)) {
            String first = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).split("\n", 2)[0];
            return Arrays.stream(first.split(",")).map(String::trim).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = BundledData.class.getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalStateException("bundled file missing from the build: " + file);
        }
        return in;
    }

    private List<Country> readCountries() {
        List<Country> out = new ArrayList<>();
        for (CsvTable.Row row : table("countries.csv").rows()) {
            String borders = row.get("land_borders");
            out.add(new Country(
                    row.get("iso3"),
                    row.get("name"),
                    row.get("region"),
                    row.get("subregion"),
                    borders.isEmpty() ? List.of() : Arrays.asList(borders.split(";"))));
        }
        return List.copyOf(out);
    }

    private List<SystemSpell> readSpells() {
        List<SystemSpell> out = new ArrayList<>();
        for (CsvTable.Row row : table("conflicts/gw_iso3_crosswalk.csv").rows()) {
            if (row.get("iso3").isEmpty()) {
                continue; // defunct states (GDR, Czechoslovakia, South Yemen) and entities without ISO3
            }
            String end = row.get("gw_end");
            out.add(new SystemSpell(
                    row.get("iso3"),
                    Integer.parseInt(row.get("gwcode")),
                    row.get("gw_name"),
                    LocalDate.parse(row.get("gw_start")),
                    end.isEmpty() ? null : LocalDate.parse(end)));
        }
        return List.copyOf(out);
    }

    private List<Participation> participation(String file, Set<String> known) {
        return ParticipationFile.parse(
                CsvTable.read("bundled " + file, open(file), ParticipationFile.COLUMNS, ParticipationFile.OPTIONAL),
                known,
                false);
    }

    private void readConflicts() {
        String source = "UCDP/PRIO Armed Conflict Dataset v25.1 (country-year aggregation, see DATA.md)";
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(
                "conflict_intrastate",
                "intrastate|1 if an intrastate or internationalised intrastate armed "
                        + "conflict (>=25 battle deaths) is located in the state that year, else 0");
        columns.put(
                "conflict_territorial",
                "intrastate_territorial|1 if such a conflict is over territory " + "(secession or autonomy), else 0");
        columns.put(
                "conflict_interstate",
                "interstate|1 if the state is a primary party to an interstate armed " + "conflict that year, else 0");
        columns.put(
                "conflict_intensity",
                "max_intensity|highest intensity of the state's conflicts: 0 none, "
                        + "1 = 25-999 battle deaths, 2 = 1,000 or more");
        yearly("conflicts/conflict_country_year.csv", columns, source, "na", Math::max);
        interstateWar(source);
        outsideSystemZeros(List.copyOf(columns.keySet()), 1989, 2024, source);
    }

    /**
     * {@code conflict_interstate_war}: 1 if the state is a primary party (side A or B, not a
     * secondary supporter) to an interstate conflict (UCDP type 2) at war intensity (intensity level
     * 2, 1,000 or more battle deaths in the year), else 0; read from the UCDP/PRIO conflict-year file,
     * GW codes mapped to ISO3 by the crosswalk.
     */
    private void interstateWar(String source) {
        String name = "conflict_interstate_war";
        indicatorInfo.add(new IndicatorInfo(
                name,
                "1 if the state is a primary party (side A or B, not a secondary "
                        + "supporter) to an interstate armed conflict (UCDP type 2) at war intensity (UCDP intensity level 2: "
                        + "1,000 or more battle deaths in the year), else 0; years 1989-2024",
                source + "; conflicts/UcdpPrioConflict_v25_1.csv",
                "na"));
        Map<Integer, String> iso = new HashMap<>();
        for (CsvTable.Row row : table("conflicts/gw_iso3_crosswalk.csv").rows()) {
            if (!row.get("iso3").isEmpty()) {
                iso.put(Integer.parseInt(row.get("gwcode")), row.get("iso3"));
            }
        }
        Map<String, Double> out = new TreeMap<>();
        // every state-year of the country-year panel starts at 0
        for (CsvTable.Row row : table("conflicts/conflict_country_year.csv").rows()) {
            if (!row.get("iso3").isEmpty()) {
                out.put(row.get("iso3") + "|" + row.get("year"), 0.0);
            }
        }
        for (CsvTable.Row row : table("conflicts/UcdpPrioConflict_v25_1.csv").rows()) {
            int year = Integer.parseInt(row.get("year"));
            if (year < 1989 || !"2".equals(row.get("type_of_conflict")) || !"2".equals(row.get("intensity_level"))) {
                continue;
            }
            for (String side : List.of("gwno_a", "gwno_b")) {
                for (String code : row.get(side).split(",")) {
                    String c = code.trim();
                    String iso3 = c.isEmpty() ? null : iso.get(Integer.parseInt(c));
                    if (iso3 != null) {
                        out.put(iso3 + "|" + year, 1.0);
                    }
                }
            }
        }
        out.forEach((key, value) -> {
            String[] k = key.split("\\|");
            indicatorValues.add(IndicatorValue.of(name, k[0], Integer.parseInt(k[1]), value, source));
        });
    }

    /**
     * The conflict data cover the Gleditsch-Ward list; UCDP records no conflict located in or fought
     * by the depositors outside it (Holy See, Cook Islands, Niue, Palestine), so they are coded 0 from
     * the year they can deposit, as the source has them, rather than left unknown.
     */
    private void outsideSystemZeros(List<String> names, int first, int last, String source) {
        List<String> all = new ArrayList<>(names);
        all.add("conflict_interstate_war");
        for (Depositor d : depositors) {
            if (d.fromYear() == null) {
                continue;
            }
            for (String name : all) {
                for (int y = Math.max(first, d.fromYear()); y <= last; y++) {
                    indicatorValues.add(IndicatorValue.of(
                            name,
                            d.iso3(),
                            y,
                            0.0,
                            source + " (outside the Gleditsch-Ward list: no conflict recorded)"));
                }
            }
        }
    }

    private List<Depositor> readDepositors(Set<String> known) {
        List<Depositor> out = new ArrayList<>();
        for (CsvTable.Row row : table("depositors.csv").rows()) {
            if (!known.contains(row.get("iso3"))) {
                throw new IllegalStateException("depositors.csv: unknown code " + row.get("iso3"));
            }
            String from = row.get("from_year");
            out.add(new Depositor(row.get("iso3"), from.isEmpty() ? null : Integer.parseInt(from), row.get("basis")));
        }
        return List.copyOf(out);
    }

    private void readRegime() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("polity2", "polity2|Polity5 combined score, -10 (autocracy) to +10 (democracy); ends 2018");
        columns.put("polyarchy", "v2x_polyarchy|V-Dem electoral democracy index, 0 to 1; ends 2024");
        columns.put(
                "euds",
                "euds|extended Unified Democracy Score (Pemstein, Meserve and Melton 2010; "
                        + "Marquez 2016; built in the isard panel), a latent democracy index centred near 0, higher = more "
                        + "democratic; every Gleditsch-Ward state-year 1989-2025, microstates included");
        yearly(
                "regime/regime_country_year.csv",
                columns,
                "Polity5 p5v2018, V-Dem and extended UDS (via the isard R package " + "0.2.0 gw_democracy panel)",
                "na",
                Math::max);
    }

    /** Country-year columns of a GW panel; duplicates (SRB in 2006) are merged with {@code merge}. */
    private void yearly(
            String file,
            Map<String, String> columns,
            String source,
            String missing,
            java.util.function.BinaryOperator<Double> merge) {
        CsvTable t = table(file);
        for (var e : columns.entrySet()) {
            String[] parts = e.getValue().split("\\|", 2);
            indicatorInfo.add(new IndicatorInfo(e.getKey(), parts[1], source, missing));
            Map<String, Double> merged = new TreeMap<>();
            for (CsvTable.Row row : t.rows()) {
                String iso3 = row.get("iso3");
                String text = row.get(parts[0]);
                if (iso3.isEmpty() || text.isEmpty() || "NA".equals(text)) {
                    continue;
                }
                merged.merge(iso3 + "|" + row.get("year"), Double.parseDouble(text), merge);
            }
            merged.forEach((key, value) -> {
                String[] k = key.split("\\|");
                indicatorValues.add(IndicatorValue.of(e.getKey(), k[0], Integer.parseInt(k[1]), value, source));
            });
        }
    }

    private void readMemberships() {
        String source = "memberships.csv (EU and NATO accession dates, transcribed from the pages listed in DATA.md)";
        indicatorInfo.add(new IndicatorInfo(
                "eu_member",
                "1 if a member of the EU (EEC/EC before 1993) on 31 " + "December of the year",
                source,
                "zero"));
        indicatorInfo.add(
                new IndicatorInfo("nato_member", "1 if a member of NATO on 31 December of the year", source, "zero"));
        for (CsvTable.Row row : table("memberships.csv").rows()) {
            String name = "EU".equals(row.get("organisation")) ? "eu_member" : "nato_member";
            LocalDate joined = LocalDate.parse(row.get("joined_date"));
            String left = row.get("left_date");
            int last = left.isEmpty() ? LAST_DATA_YEAR : LocalDate.parse(left).getYear() - 1;
            for (int y = joined.getYear(); y <= last; y++) {
                indicatorValues.add(IndicatorValue.of(name, row.get("iso3"), y, 1.0, source));
            }
        }
    }

    private List<Tie> readTies() {
        List<Tie> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> iso = knownStates(countries);
        for (Country c : countries) {
            for (String n : c.landBorders()) {
                // The source lists India as Sri Lanka's land neighbour; they share no land border.
                if (!iso.contains(n) || Set.of(c.iso3(), n).equals(Set.of("LKA", "IND"))) {
                    continue;
                }
                String a = c.iso3().compareTo(n) < 0 ? c.iso3() : n;
                String b = a.equals(c.iso3()) ? n : c.iso3();
                if (seen.add(a + b)) {
                    out.add(new Tie(a, b, "border", 1800, null));
                }
            }
        }
        // Alliance ties: every pair of NATO members, from the year both are members.
        Map<String, Integer> natoFrom = new TreeMap<>();
        for (CsvTable.Row row : table("memberships.csv").rows()) {
            if ("NATO".equals(row.get("organisation"))) {
                natoFrom.put(
                        row.get("iso3"), LocalDate.parse(row.get("joined_date")).getYear());
            }
        }
        List<String> members = new ArrayList<>(natoFrom.keySet());
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                out.add(new Tie(
                        members.get(i),
                        members.get(j),
                        "nato",
                        Math.max(natoFrom.get(members.get(i)), natoFrom.get(members.get(j))),
                        null));
            }
        }
        return List.copyOf(out);
    }

    /**
     * SHA-256 of the bundled files of this build, without loading them; computed once per process,
     * since every store opened checks it and the class path does not change.
     */
    public static String currentDigest() {
        String d = currentDigest;
        if (d == null) {
            d = computeDigest();
            currentDigest = d;
        }
        return d;
    }

    private static volatile String currentDigest;

    private static String computeDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("normlab bundled data, derivation " + DERIVATION + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String f : FILES) {
                try (InputStream in = open(f)) {
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
