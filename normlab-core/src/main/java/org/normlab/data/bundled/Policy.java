package org.normlab.data.bundled;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.normlab.data.IndicatorInfo;
import org.normlab.data.IndicatorValue;
import org.normlab.data.csv.CsvTable;

/**
 * Turns the bundled landmine-policy records (Landmine Monitor and related sources) into dated
 * country-year indicators. Declared policies hold from their year until a later record changes
 * them; Monitor listings hold for their report year only. The rules are stated in each
 * indicator's definition so that {@code panel --list-variables} can print them.
 */
final class Policy {
    private static final String SRC = "Landmine Monitor and related sources (policy/, see DATA.md)";
    private static final Set<String> PRODUCING = Set.of("listed_producer", "active_producer", "production_indicated");
    private static final Set<String> HALTED = Set.of("production_halt_declared", "ceased_production",
            "production_ban_law", "production_ban_policy", "production_facilities_dismantled", "not_producer_declared");

    private Policy() {
    }

    static void read(Function<String, CsvTable> tables, List<IndicatorInfo> info, List<IndicatorValue> values) {
        producers(tables.apply("policy/producers.csv"), info, values);
        moratoria(tables.apply("policy/export_moratoria.csv"), info, values);
        stockpiles(tables.apply("policy/stockpiles.csv"), info, values);
        use(tables.apply("policy/use.csv"), info, values);
        votes(tables.apply("policy/unga_votes.csv"), info, values);
    }

    private static void producers(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo("ap_producer", "1 in a year a Landmine Monitor report lists the state as a "
                + "(potential or active) producer of anti-personnel mines or indicates production, else 0", SRC, "zero"));
        info.add(new IndicatorInfo("production_halt", "1 from the year a state declared a halt, ban or end of "
                + "anti-personnel mine production (or dismantled its facilities) until a declared resumption, else 0",
                SRC, "zero"));
        Map<String, Double> listed = new TreeMap<>();
        Map<String, TreeMap<Integer, Double>> halts = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            String status = row.get("status");
            String from = row.get("year_from");
            if (from.isEmpty()) {
                continue; // a declaration without a year cannot be placed on the time line
            }
            int year = Integer.parseInt(from);
            if (PRODUCING.contains(status)) {
                listed.put(row.get("iso3") + "|" + year, 1.0);
            } else if (HALTED.contains(status)) {
                halts.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>()).merge(year, 1.0, Math::max);
            } else if ("production_resumption_policy".equals(status)) {
                halts.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>()).put(year, 0.0);
            }
        }
        listed.forEach((k, v) -> {
            String[] p = k.split("\\|");
            values.add(IndicatorValue.of("ap_producer", p[0], Integer.parseInt(p[1]), v, SRC));
        });
        steps("production_halt", halts, values, false);
    }

    private static void moratoria(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo("export_moratorium", "strongest anti-personnel mine export policy declared so "
                + "far: 1 moratorium or ban, 0.5 partial moratorium or declaratory statement, 0 none; an authorised "
                + "transfer resets it to 0; policies 'in force by 1996' start in 1996", SRC, "zero"));
        Map<String, TreeMap<Integer, Double>> steps = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            String text = row.get("year_declared");
            int year;
            if (!text.isEmpty()) {
                year = Integer.parseInt(text);
            } else if ("in_force_by_1996".equals(row.get("year_basis"))) {
                year = 1996;
            } else {
                continue; // extensions without a year add nothing to the time line
            }
            double v = switch (row.get("policy")) {
                case "moratorium", "ban" -> 1.0;
                case "partial", "statement" -> 0.5;
                default -> 0.0; // transfer_authorised
            };
            TreeMap<Integer, Double> s = steps.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>());
            s.merge(year, v, Math::max);
        }
        steps("export_moratorium", steps, values, true);
    }

    /** Writes step functions out to {@link BundledData#LAST_DATA_YEAR}; {@code runningMax} keeps the strongest level. */
    private static void steps(String name, Map<String, TreeMap<Integer, Double>> steps, List<IndicatorValue> values,
                              boolean runningMax) {
        steps.forEach((iso3, s) -> {
            double level = 0;
            for (int y = s.firstKey(); y <= BundledData.LAST_DATA_YEAR; y++) {
                Double change = s.get(y);
                if (change != null) {
                    level = runningMax && change > 0 ? Math.max(level, change) : change;
                }
                values.add(IndicatorValue.of(name, iso3, y, level, SRC));
            }
        });
    }

    private static void stockpiles(CsvTable t, List<IndicatorInfo> info, List<IndicatorValue> values) {
        info.add(new IndicatorInfo("stockpile_mmines", "estimated stockpile of anti-personnel mines, millions, in "
                + "the year of the estimate (ranges at their midpoint, bounds such as '>=6000000' at the bound)",
                SRC, "na"));
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
        info.add(new IndicatorInfo("ap_use_government", "1 in a year the Landmine Monitor (or a report on it) "
                + "records new use of anti-personnel mines by the state's government forces (alleged use included), "
                + "else 0", SRC, "zero"));
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
        String src = "UN General Assembly votes on the annual Mine Ban Treaty resolution (Voeten et al.; Landmine "
                + "Monitor), policy/unga_votes.csv";
        info.add(new IndicatorInfo("unga_vote", "a non-party's latest vote on the annual UNGA resolution supporting "
                + "the Mine Ban Convention: 1 yes, 0.5 abstain, 0 no; absences skipped; the latest vote holds until the "
                + "next one (votes after 2022 are not bundled, so 2022's holds to " + BundledData.LAST_DATA_YEAR + ")",
                src, "na"));
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
            steps.computeIfAbsent(row.get("iso3"), k -> new TreeMap<>()).putIfAbsent(Integer.parseInt(row.get("year")), v);
        }
        steps("unga_vote", steps, values, false);
    }
}
