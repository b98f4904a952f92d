package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported tie kind K becomes the exposure share_ties_K in panels, fits and simulations, weighted
 * when the tie file has a weight column; a scenario can add ties.
 */
class NetworksTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void importTies() throws Exception {
        db = dir.resolve("net.duckdb");
        Path ties = dir.resolve("testnet.csv");
        // Afghanistan (party from 2002) tied to Canada (party from 1997), Norway (1998) and Russia (never,
        // tie ends 1999).
        Files.writeString(
                ties,
                "iso3_a,iso3_b,kind,from_year,to_year\nAFG,CAN,testnet,1990,\nAFG,NOR,testnet,1990,\n"
                        + "AFG,RUS,testnet,1990,1999\n");
        Cli r = Cli.run(db, "data", "import", ties.toString(), "--kind", "ties");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void listedAndComputedFromLastYearsParticipation() throws Exception {
        assertThat(Cli.run(db, "panel", "--list-variables").out()).contains("share_ties_testnet", "share_ties_border");
        Path out = dir.resolve("p.csv");
        Cli p = Cli.run(db, "panel", "--vars", "share_ties_testnet", "--out", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        Map<Integer, Double> afg = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] f = line.split(",");
            if (f[0].equals("AFG")) {
                afg.put(Integer.parseInt(f[1]), Double.parseDouble(f[3]));
            }
        }
        // exposure in year t = partners party at the end of t - 1
        assertThat(afg)
                .containsEntry(1997, 0.0)
                .containsEntry(1998, 1.0 / 3)
                .containsEntry(1999, 2.0 / 3)
                .containsEntry(2000, 2.0 / 3)
                .containsEntry(2001, 1.0)
                .containsEntry(2002, 1.0);
        assertThat(afg).doesNotContainKey(2003); // party from 2002: no longer at risk
    }

    @Test
    void changesAFitAndUnknownKindsAreNamed() throws Exception {
        JsonNode without = fit("log_duration,opening_year,share_global");
        JsonNode with = fit("log_duration,opening_year,share_global,share_ties_testnet");
        assertThat(with.get("coefficients").findValuesAsText("name")).contains("share_ties_testnet");
        assertThat(with.get("loglik").asDouble())
                .isNotEqualTo(without.get("loglik").asDouble());
        Cli bad = Cli.run(db, "fit", "--vars", "share_ties_nope");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("share_ties_nope", "testnet");
    }

    @Test
    void weightsGiveAWeightedShareAndBadWeightsAreRefusedWithTheirLine() throws Exception {
        Path weighted = dir.resolve("weighted.csv");
        // Afghanistan tied to Canada (weight 3, party from 1997) and Russia (weight 1, never party).
        Files.writeString(
                weighted, "iso3_a,iso3_b,kind,from_year,to_year,weight\nAFG,CAN,wnet,1990,,3\nAFG,RUS,wnet,1990,,\n");
        Cli r = Cli.run(db, "data", "import", weighted.toString(), "--kind", "ties");
        assertThat(r.code()).as(r.err()).isZero();
        Path out = dir.resolve("w.csv");
        Cli p = Cli.run(db, "panel", "--vars", "share_ties_wnet", "--out", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        // 1999: Canada party at the end of 1998, Russia not: 3 / (3 + 1), where unweighted it would be 1/2
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("AFG,1999,") && l.endsWith(",0.75"));
        Path bad = dir.resolve("bad-weight.csv");
        Files.writeString(
                bad, "iso3_a,iso3_b,kind,from_year,to_year,weight\nAFG,CAN,bnet,1990,,0\nAFG,RUS,bnet,1990,,NaN\n");
        Cli b = Cli.run(db, "data", "import", bad.toString(), "--kind", "ties");
        assertThat(b.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(b.err())
                .contains("bad-weight.csv:2: weight '0'", "bad-weight.csv:3: weight 'NaN'")
                .doesNotContain("\tat ");
        assertThat(Cli.run(db, "panel", "--list-variables").out())
                .contains("share_ties_wnet")
                .doesNotContain("share_ties_bnet");
    }

    @Test
    void aSimulationUsesTheNetworkAndAScenarioAddingTiesRaisesTheCurve() throws Exception {
        // A saved fit with the network's exposure runs as a scenario's model.
        Cli f = Cli.run(db, "fit", "--vars", "log_duration,share_global,share_ties_testnet", "--format", "json");
        assertThat(f.code()).as(f.err()).isZero();
        Files.writeString(dir.resolve("fit.json"), f.out());
        Path fitted = dir.resolve("fitted.yaml");
        Files.writeString(fitted, """
                instrument: mine-ban
                start: 2020
                horizon: 2030
                model: {fit: fit.json}
                ties:
                  - {kind: testnet, add: [[RUS, CAN], [USA, CAN]], years: 2019-2030}
                """);
        Cli a = Cli.run(
                db,
                "simulate",
                "--scenario",
                fitted.toString(),
                "--replicates",
                "20",
                "--out",
                dir.resolve("a").toString());
        assertThat(a.code()).as(a.err()).isZero();
        // With a positive coefficient, ties from holdouts to parties raise the curve over the baseline.
        Path given = dir.resolve("given.yaml");
        Files.writeString(given, """
                instrument: mine-ban
                start: 2020
                horizon: 2030
                model:
                  coefficients: {"(Intercept)": -6, share_ties_testnet: 6}
                ties:
                  - kind: testnet
                    add: [[RUS, CAN], [USA, CAN], [CHN, NOR], [IND, CAN], [PAK, NOR], [ISR, CAN], [EGY, NOR]]
                    years: 2019-2030
                """);
        Path out = dir.resolve("b");
        Cli b = Cli.run(db, "simulate", "--scenario", given.toString(), "--replicates", "40", "--out", out.toString());
        assertThat(b.code()).as(b.err()).isZero();
        java.util.List<String> diff = Files.readAllLines(out.resolve("diff.csv"));
        String[] last = diff.get(diff.size() - 1).split(",");
        assertThat(last[1]).isEqualTo("2030");
        // Each of the seven joins with probability 0.5 a year instead of 0.0025: about 7 more parties.
        assertThat(Double.parseDouble(last[2])).isGreaterThan(5.0);
        String[] first = diff.get(1).split(",");
        assertThat(Double.parseDouble(first[2])).isLessThanOrEqualTo(Double.parseDouble(last[2]));
    }

    private static JsonNode fit(String vars) throws Exception {
        Cli c = Cli.run(db, "fit", "--vars", vars, "--format", "json");
        assertThat(c.code()).as(c.err()).isZero();
        return new ObjectMapper().readTree(c.out());
    }
}
