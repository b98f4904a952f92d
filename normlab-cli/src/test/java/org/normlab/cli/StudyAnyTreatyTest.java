package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code normlab study} on two imported treaties that no other test uses, with no change to the
 * code: a cluster-munitions-like convention opened in 2008 whose parties include one state that
 * notified its withdrawal in 2024, and an accord opened in 2017 with few adoptions and no
 * withdrawal. Both get a complete report, say in visible text where separation arises, leave out
 * with a reason what cannot apply, and build their counterfactuals from their own data.
 */
class StudyAnyTreatyTest {
    @TempDir
    static Path dir;

    static Path db;
    static Study cluster;
    static Study late;

    record Study(Cli run, Path out, JsonNode data, String html) {}

    @BeforeAll
    static void studies() throws Exception {
        db = dir.resolve("any.duckdb");
        importTreaty("cluster_like_treaty.csv", "cluster-like", "A cluster-munitions-like convention", "2008-12-03");
        importTreaty("late_treaty.csv", "late-accord", "An accord opened in 2017", "2017-09-20");
        cluster = study("cluster-like");
        late = study("late-accord");
    }

    private static void importTreaty(String file, String id, String title, String opened) {
        Cli r = Cli.run(
                db,
                "data",
                "import",
                Cli.resource("good/" + file).toString(),
                "--kind",
                "instrument",
                "--id",
                id,
                "--title",
                title,
                "--opened",
                opened);
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static Study study(String id) throws Exception {
        Path out = dir.resolve(id);
        Cli r = Cli.run(
                db,
                "study",
                "--repeats",
                "2",
                "--instrument",
                id,
                "--out",
                out.toString(),
                "--replicates",
                "100",
                "--seed",
                "3");
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"normlab-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        return new Study(r, out, new ObjectMapper().readTree(m.group(1)), html);
    }

    private static List<String> separatedTerms(JsonNode model) {
        List<String> out = new ArrayList<>();
        model.get("terms").forEach(t -> {
            if (t.get("separated").asBoolean()) {
                out.add(t.get("name").asText());
            }
        });
        return out;
    }

    @Test
    void bothTreatiesGetACompleteReport() {
        for (Study s : List.of(cluster, late)) {
            assertThat(s.out().resolve("manifest.json")).exists();
            assertThat(s.out().resolve("tables/lifecycle.csv")).exists();
            assertThat(s.out().resolve("tables/models.csv")).exists();
            assertThat(s.out().resolve("tables/holdouts.csv")).exists();
            assertThat(s.out().resolve("tables/replay.csv")).exists();
            assertThat(s.data().get("thesis").get("models")).hasSize(4);
            assertThat(s.data().get("replay").get("scores").get("crps").asDouble())
                    .isPositive();
            assertThat(s.data().get("findings")).isNotEmpty();
            // every state has one label
            List<String> seen = new ArrayList<>();
            s.data().get("holdouts").forEach(h -> {
                assertThat(seen).doesNotContain(h.get("iso3").asText());
                seen.add(h.get("iso3").asText());
            });
        }
    }

    @Test
    void separationIsSaidInVisibleTextWhereItArises() {
        for (Study s : List.of(cluster, late)) {
            List<String> separated = new ArrayList<>();
            s.data().get("thesis").get("models").forEach(m -> separated.addAll(separatedTerms(m)));
            if (s.data().hasNonNull("withdrawal")) {
                separated.addAll(separatedTerms(s.data().get("withdrawal")));
            }
            // The data of both treaties have separation (no state at war ever joined, the one withdrawal
            // under a threat next door), and the printed findings name it.
            assertThat(separated).isNotEmpty();
            assertThat(s.run().out()).contains("Separation");
            for (String term : separated) {
                assertThat(s.run().out()).contains(term);
            }
        }
        // the single withdrawal cannot carry a model: exploratory, with the pattern shown as counts
        JsonNode w = cluster.data().get("withdrawal");
        assertThat(w.get("exploratory").asBoolean()).isTrue();
        assertThat(w.get("pattern")).isNotEmpty();
        assertThat(w.get("pattern").toString()).contains("LTU");
        assertThat(cluster.run().out()).contains("Exploratory: 1 event(s)");
    }

    @Test
    void counterfactualsAreBuiltFromEachTreatysOwnData() {
        // The convention with a withdrawal: its withdrawn state loses the threat; no holdout is typed
        // blocked (no measures are stored for it), which the report says.
        List<String> ids = new ArrayList<>();
        cluster.data().get("counterfactuals").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).contains("threat-removed", "incentive");
        JsonNode threat = cluster.data().get("counterfactuals").get(ids.indexOf("threat-removed"));
        assertThat(threat.get("states").toString()).isEqualTo("[\"LTU\"]");
        assertThat(threat.get("observed").asDouble()).isEqualTo(1.0);
        assertThat(cluster.run().out()).contains("no holdout of cluster-like is typed as blocked");
        // The 2017 accord: no withdrawal and no blocked holdout, said; its incentive starts after its
        // own last data year; nothing starts before its opening year.
        List<String> lateIds = new ArrayList<>();
        late.data().get("counterfactuals").forEach(c -> lateIds.add(c.get("id").asText()));
        assertThat(lateIds).containsExactly("incentive");
        assertThat(late.run().out())
                .contains("no state has withdrawn from late-accord", "No counterfactual threat-removed");
        late.data()
                .get("counterfactuals")
                .forEach(c -> assertThat(c.get("start").asInt()).isGreaterThanOrEqualTo(2017));
        // the few adoptions make the thesis exploratory, and the plain finding says so beside the held-out verdict
        assertThat(late.run().out())
                .contains("fewer than ten adoptions for each factor")
                .contains("over 2 repeats of leave-states-out cross-validation");
        for (Study s : List.of(cluster, late)) {
            s.data()
                    .get("counterfactuals")
                    .forEach(c -> assertThat(c.get("verdict").asText()).isNotBlank());
            assertThat(s.html()).doesNotContain("russia-peace", "no-threat");
        }
    }
}
