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

/** An imported tie kind K becomes the exposure share_ties_K in panels and fits. */
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

    private static JsonNode fit(String vars) throws Exception {
        Cli c = Cli.run(db, "fit", "--vars", vars, "--format", "json");
        assertThat(c.code()).as(c.err()).isZero();
        return new ObjectMapper().readTree(c.out());
    }
}
