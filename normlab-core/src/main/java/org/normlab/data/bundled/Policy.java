package org.normlab.data.bundled;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.normlab.data.IndicatorInfo;
import org.normlab.data.IndicatorValue;
import org.normlab.data.Measure;
import org.normlab.data.csv.CsvTable;

/**
 * Turns the bundled landmine-policy records (Landmine Monitor and related sources) into dated
 * country-year indicators and into measures (dated, scoped spells, see {@link #measures}). Monitor
 * listings hold for their report year only; votes hold until the next vote. The rules are stated in each
 * indicator's definition so that {@code panel --list-variables} can print them.
 */
final class Policy {
    private static final String SRC = "Landmine Monitor and related sources (policy/, see DATA.md)";
    private static final Set<String> PRODUCING = Set.of("listed_producer", "active_producer", "production_indicated");

    private Policy() {}

    static void read(Function<String, CsvTable> tables, List<IndicatorInfo> info, List<IndicatorValue> values) {
        producers(tables.apply("policy/producers.csv"), info, values);
        stockpiles(tables.apply("policy/stockpiles.csv"), info, values);
        use(tables.apply("policy/use.csv"), info, values);
        votes(tables.apply("policy/unga_votes.csv"), info, values);
    }

    private static void producers(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo(
                "ap_producer",
                "1 in a year a Landmine Monitor report lists the state as a "
                        + "(potential or active) producer of anti-personnel mines or indicates production, else 0",
                SRC,
                "zero"));
        Map<String, Double> listed = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            String from = row.get("year_from");
            if (!from.isEmpty() && PRODUCING.contains(row.get("status"))) {
                listed.put(row.get("iso3") + "|" + from, 1.0);
            }
        }
        listed.forEach((k, v) -> {
            String[] p = k.split("\\|");
            values.add(IndicatorValue.of("ap_producer", p[0], Integer.parseInt(p[1]), v, SRC));
        });
    }

    /** The landmine instruments the policy measures concern. */
    static final List<String> LANDMINE_INSTRUMENTS = List.of("mine-ban", "ccw-apii");

    private static final Map<String, String> MEASURE_FILES = Map.of(
            "producers.csv",
            "policy/producers.csv",
            "export_moratoria.csv",
            "policy/export_moratoria.csv",
            "stockpile_destruction.csv",
            "policy/stockpile_destruction.csv");

    /**
     * The coded adherence spells of {@code policy/adherence_spells.csv} (the derivation rules are in
     * that folder's SOURCES.md, which DATA.md summarises), as measures concerning the landmine
     * instruments that are stored. Scope {@code all_ap_mines} becomes {@code all}; a partial spell's
     * scope detail is the {@code scope_detail} of its partial basis rows; each measure's source names
     * its spell row and the basis rows so a reader can check it.
     */
    static List<Measure> measures(Function<String, CsvTable> tables, List<String> instruments) {
        List<String> concerned =
                LANDMINE_INSTRUMENTS.stream().filter(instruments::contains).toList();
        if (concerned.isEmpty()) {
            return List.of();
        }
        Map<String, List<CsvTable.Row>> basis = new TreeMap<>();
        MEASURE_FILES.forEach((name, file) -> basis.put(name, tables.apply(file).rows()));
        List<Measure> out = new ArrayList<>();
        int n = 0;
        for (CsvTable.Row row : tables.apply("policy/adherence_spells.csv").rows()) {
            n++;
            String scope = "all_ap_mines".equals(row.get("scope")) ? "all" : row.get("scope");
            Set<String> details = new java.util.LinkedHashSet<>();
            for (String part : row.get("basis_rows").split(";")) {
                String[] fr = part.trim().split(":", 2);
                List<CsvTable.Row> rows = basis.get(fr[0]);
                if (rows == null || fr.length < 2) {
                    throw new IllegalStateException("adherence_spells.csv row " + n + ": unknown basis " + part);
                }
                for (String r : fr[1].split(",")) {
                    CsvTable.Row b = rows.get(Integer.parseInt(r.trim()) - 1);
                    if (!b.get("iso3").equals(row.get("iso3"))) {
                        throw new IllegalStateException(
                                "adherence_spells.csv row " + n + ": basis " + part + " is about " + b.get("iso3"));
                    }
                    if ("partial".equals(scope)
                            && "partial".equals(b.get("scope"))
                            && !b.get("scope_detail").isEmpty()) {
                        details.add(b.get("scope_detail"));
                    }
                }
            }
            String from = row.get("year_from");
            String to = row.get("year_to");
            out.add(new Measure(
                    row.get("iso3"),
                    concerned,
                    row.get("measure"),
                    scope,
                    String.join("; ", details),
                    from.isEmpty() ? null : Integer.parseInt(from),
                    to.isEmpty() ? null : Integer.parseInt(to),
                    "policy/adherence_spells.csv row " + n + " (basis rows " + row.get("basis_rows") + "); " + SRC,
                    row.get("notes")));
        }
        return List.copyOf(out);
    }

    /** Writes step functions out to {@link BundledData#LAST_DATA_YEAR}. */
    private static void steps(String name, Map<String, TreeMap<Integer, Double>> steps, List<IndicatorValue> values) {
        steps.forEach((iso3, s) -> {
            double level = 0;
            for (int y = s.firstKey(); y <= BundledData.LAST_DATA_YEAR; y++) {
                Double change = s.get(y);
                if (change != null) {
                    level = change;
                }
                values.add(IndicatorValue.of(name, iso3, y, level, SRC));
            }
        });
    }

    private static void stockpiles(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo(
                "stockpile_mmines",
                "estimated stockpile of anti-personnel mines, millions, in "
                        + "the year of the estimate (ranges at their midpoint, bounds such as '>=6000000' at the bound)",
                SRC,
                "na"));
        Map<String, Double> out = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            Double v = stockpile(row.get("estimated_stockpile"));
            if (v != null) {
                out.put(row.get("iso3") + "|" + row.get("year"), v / 1e6);
            }
        }
        out.forEach((k, v) -> {
            String[] p = k.split("\\|");
            values.add(IndicatorValue.of("stockpile_mmines", p[0], Integer.parseInt(p[1]), v, SRC));
        });
    }

    static Double stockpile(String text) {
        String s = text.replaceAll("[<>=~ ]", "");
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            return null; // "unknown (large)" and similar
        }
        String[] range = s.split("-");
        if (range.length == 2) {
            return (Double.parseDouble(range[0]) + Double.parseDouble(range[1])) / 2;
        }
        return Double.parseDouble(range[0]);
    }

    private static void use(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo(
                "ap_use_government",
                "1 in a year the Landmine Monitor (or a report on it) "
                        + "records new use of anti-personnel mines by the state's government forces (alleged use included), "
                        + "else 0",
                SRC,
                "zero"));
        Map<String, Double> out = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            if (row.get("actor").startsWith("government")) {
                out.put(row.get("iso3") + "|" + row.get("year"), 1.0);
            }
        }
        out.forEach((k, v) -> {
            String[] p = k.split("\\|");
            values.add(IndicatorValue.of("ap_use_government", p[0], Integer.parseInt(p[1]), v, SRC));
        });
    }

    private static void votes(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        voteCategories(t, info, values);
        String src = "UN General Assembly votes on the annual Mine Ban Treaty resolution (Voeten et al.; Landmine "
                + "Monitor), policy/unga_votes.csv";
        info.add(new IndicatorInfo(
                "unga_vote",
                "a non-party's latest vote on the annual UNGA resolution supporting "
                        + "the Mine Ban Convention: 1 yes, 0.5 abstain, 0 no; absences skipped; the latest vote holds until the "
                        + "next one (votes after 2022 are not bundled, so 2022's holds to " + BundledData.LAST_DATA_YEAR
                        + ")",
                src,
                "na"));
        Map<String, TreeMap<Integer, Double>> steps = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            double v;
            switch (row.get("vote")) {
                case "yes" -> v = 1.0;
                case "abstain" -> v = 0.5;
                case "no" -> v = 0.0;
                default -> {
                    continue;
                }
            }
            steps.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>())
                    .putIfAbsent(Integer.parseInt(row.get("year")), v);
        }
        steps("unga_vote", steps, values);
    }

    /** Vote categories of the annual resolution, each a 0/1 indicator. */
    static final List<String> VOTES = List.of("yes", "abstain", "absent", "no");

    /**
     * {@code unga_yes}, {@code unga_abstain}, {@code unga_absent}, {@code unga_no}: the state's latest
     * recorded vote on the annual resolution, held until its next recorded vote. The file records only
     * non-parties, so a state that never voted as a non-party has 0 in all four.
     */
    private static void voteCategories(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        String src = "UN General Assembly votes on the annual Mine Ban Treaty resolution (Voeten et al.; Landmine "
                + "Monitor), policy/unga_votes.csv";
        Map<String, TreeMap<Integer, String>> latest = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            latest.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>())
                    .putIfAbsent(Integer.parseInt(row.get("year")), row.get("vote"));
        }
        for (String vote : VOTES) {
            String name = "unga_" + vote;
            info.add(new IndicatorInfo(
                    name,
                    "1 if the state's latest recorded vote on the annual UN General Assembly "
                            + "resolution supporting the Mine Ban Convention (1996 precursor included) is '" + vote
                            + "'"
                            + ("absent".equals(vote) ? " (present in the session, no vote on this resolution)" : "")
                            + ", held until its next recorded vote, else 0. Only non-parties' votes are recorded; 2020-2022 "
                            + "hold only the votes the Monitor reports, and 2022's (else the latest) holds to "
                            + BundledData.LAST_DATA_YEAR,
                    src,
                    "zero"));
            Map<String, TreeMap<Integer, Double>> steps = new TreeMap<>();
            latest.forEach((iso3, byYear) -> {
                TreeMap<Integer, Double> s = new TreeMap<>();
                byYear.forEach((y, v) -> s.put(y, vote.equals(v) ? 1.0 : 0.0));
                steps.put(iso3, s);
            });
            steps(name, steps, values);
        }
    }
}
