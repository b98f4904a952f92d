package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.BassForm;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.report.html.HeadlessChromium;
import org.normlab.store.NormlabStore;
import org.normlab.study.Study;

/**
 * {@code normlab study} on the bundled data, end to end: the files, the report's numbers against the
 * library's own results (none is typed into the template), the report in a browser, and the same
 * command on an imported treaty.
 */
class StudyEndToEndTest {
    @TempDir
    static Path dir;

    static Path db;
    static Path out;
    static Cli run;
    static JsonNode data;
    static String html;

    @BeforeAll
    static void study() throws Exception {
        db = dir.resolve("study.duckdb");
        out = dir.resolve("out");
        run = Cli.run(db, "study", "--out", out.toString(), "--replicates", "300", "--seed", "5");
        assertThat(run.code()).as(run.err()).isZero();
        html = Files.readString(out.resolve("report.html"));
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"normlab-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        data = new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void writesTheReportTablesScenariosAndManifest() throws Exception {
        for (String f : List.of(
                "report.html",
                "manifest.json",
                "tables/lifecycle.csv",
                "tables/stages.csv",
                "tables/models.csv",
                "tables/models.tex",
                "tables/comparison.csv",
                "tables/holdouts.csv",
                "tables/withdrawal.tex",
                "tables/replay.csv",
                "tables/counterfactual_pressure-lifted-rus.csv",
                "tables/counterfactual_incentive.csv",
                "tables/counterfactual_threat-removed.csv",
                "scenarios/pressure-lifted-rus.yaml")) {
            assertThat(out.resolve(f)).as(f).exists().isNotEmptyFile();
        }
        for (String figure :
                List.of("lifecycle", "replay", "counterfactual_pressure-lifted-rus", "counterfactual_threat-removed")) {
            assertThat(Files.readString(out.resolve("tables/" + figure + ".svg")))
                    .as(figure)
                    .contains("<svg");
            assertThat(Files.readAllBytes(out.resolve("tables/" + figure + ".png")))
                    .as(figure)
                    .startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("seed").asLong()).isEqualTo(5);
        assertThat(manifest.get("replicates").asInt()).isEqualTo(300);
        assertThat(manifest.get("data_digest").asText()).hasSize(64);
        assertThat(run.out()).contains("Study of Convention on the Prohibition", "Russia is", "wrote ");
    }

    @Test
    void reportNumbersAreTheLibrarysResults() {
        try (NormlabStore store = NormlabStore.open(db)) {
            CountryYearData cy = CountryYearData.load(store);
            ObservedLifeCycle o =
                    ObservedLifeCycle.of(AdoptionSeries.of(cy, "mine-ban"), LifeCycleRules.DEFAULT, BassForm.PERIOD);
            JsonNode lc = data.get("lifecycle");
            assertThat(lc.get("tippingYear").asInt())
                    .isEqualTo(o.lifecycle().tippingYear().getAsInt());
            JsonNode parties = lc.get("parties");
            assertThat(parties.get(parties.size() - 1).asInt())
                    .isEqualTo(o.series()
                            .years()
                            .get(o.series().years().size() - 1)
                            .parties());
            assertThat(lc.get("bass").get("m").asDouble()).isEqualTo(o.bass().m());

            List<ModelFit> fits = Models.fitSpecs(
                    new PanelBuilder(cy),
                    PanelSpec.of("mine-ban", Transition.CONSENT, List.of()).withMissing(MissingPolicy.FILL),
                    Study.SPECS,
                    Link.LOGIT,
                    HazardEstimator.of().withSeType(SeType.CLUSTER));
            int twoLevel = Study.SPECS.indexOf("two-level");
            JsonNode models = data.get("thesis").get("models");
            for (int i = 0; i < fits.size(); i++) {
                assertThat(models.get(i).get("logLik").asDouble())
                        .isEqualTo(fits.get(i).estimate().logLikelihood());
                assertThat(models.get(i).get("terms").get(1).get("estimate").asDouble())
                        .isEqualTo(fits.get(i).estimate().coefficients()[1]);
            }
            // the printed table shows the same log-likelihood, formatted
            assertThat(html)
                    .contains(String.format(
                                    Locale.ROOT,
                                    "%.2f",
                                    fits.get(twoLevel).estimate().logLikelihood())
                            .replace('-', '\u2212'));
            // The thesis table tests perception and domestic pressure separately, each against two-level.
            List<String> rows = new java.util.ArrayList<>();
            data.get("thesis")
                    .get("comparison")
                    .forEach(r -> rows.add(r.get("model").asText()));
            assertThat(rows)
                    .contains("two-level without perception", "two-level without domestic", "perception-pressure");
            assertThat(run.out()).contains("tested separately");

            Explanation rus = Explanation.of(cy, fits.get(twoLevel), "RUS", null);
            JsonNode holdout = null;
            for (JsonNode h : data.get("holdouts")) {
                if (h.get("iso3").asText().equals("RUS")) {
                    holdout = h;
                }
            }
            assertThat(holdout).isNotNull();
            assertThat(holdout.get("type").asText())
                    .isEqualTo(rus.type().label())
                    .isEqualTo("blocked");
            assertThat(holdout.get("domestic").asDouble()).isEqualTo(rus.domestic());
            assertThat(holdout.get("perception").asDouble()).isEqualTo(rus.perception());
            assertThat(holdout.get("typeProbability").asDouble()).isEqualTo(rus.typeProbability());
            assertThat(holdout.get("measures").toString()).contains("production halt, partial (blast mines only");
        }
    }

    @Test
    void everyStateHasOneLabelAndOnlyStatesThatCanDepositAreTyped() {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        for (JsonNode h : data.get("holdouts")) {
            assertThat(labels.put(h.get("iso3").asText(), h.get("type").asText()))
                    .as(h.get("iso3").asText())
                    .isNull();
        }
        assertThat(labels).doesNotContainKeys("TWN", "UNK");
        for (String iso3 : List.of("EST", "LVA", "LTU", "FIN", "POL")) {
            assertThat(labels.get(iso3)).as(iso3).isEqualTo("regressed");
        }
        assertThat(run.out()).contains("Taiwan, Kosovo", "largest miss");
    }

    @Test
    void theReplayOfHistoryPutsTheObservedPartiesInsideTheBand() {
        JsonNode replay = data.get("replay");
        JsonNode years = replay.get("years");
        int checked = 0;
        for (int i = 0; i < years.size(); i++) {
            int year = years.get(i).asInt();
            if (year == 1997 || year == 1999 || year == 2005 || year == 2024) {
                int observed = replay.get("observed").get(i).asInt();
                assertThat((double) observed)
                        .as("observed parties in %d inside the 90 %% band", year)
                        .isBetween(
                                replay.get("q05").get(i).asDouble(),
                                replay.get("q95").get(i).asDouble());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4);
        assertThat(replay.get("sentence").asText()).contains("90 % band");
    }

    @Test
    void everyHoldoutAndWithdrawnStateIsExplained() {
        StringBuilder codes = new StringBuilder();
        data.get("holdouts").forEach(h -> codes.append(h.get("iso3").asText()).append(' '));
        for (String iso3 : List.of(
                "RUS", "USA", "CHN", "IND", "PAK", "KOR", "IRN", "ISR", "EGY", "SAU", "EST", "LVA", "LTU", "FIN",
                "POL")) {
            assertThat(codes.toString()).contains(iso3);
        }
        assertThat(data.get("withdrawal").isNull()).isFalse();
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        HeadlessChromium.require();
        Path page = out.resolve("report.html");
        String dom = HeadlessChromium.run(page, dir, "--dump-dom", 2400);
        Matcher expected = Pattern.compile("data-charts-expected=\"(\\d+)\"").matcher(html);
        assertThat(expected.find()).isTrue();
        Matcher drawn = Pattern.compile("data-charts-drawn=\"(\\d+)\"").matcher(dom);
        assertThat(drawn.find()).as("the report's script ran").isTrue();
        assertThat(drawn.group(1)).isEqualTo(expected.group(1));
        Path png = dir.resolve("study.png");
        HeadlessChromium.run(page, dir, "--screenshot=" + png, 2400);
        HeadlessChromium.Pixels p = HeadlessChromium.pixels(png, 0x1d5fa0, 12);
        assertThat(p.colours()).isGreaterThan(200);
        assertThat(p.nonWhite()).isGreaterThan(p.total() / 50);
        assertThat(p.near()).as("pixels of the parties line").isGreaterThan(300);
    }

    @Test
    void anImportedTreatyRunsUnchangedAndLeavesOutWhatDoesNotApply() throws Exception {
        Path csv = Cli.resource("good/no_signatures_treaty.csv");
        Cli imported = Cli.run(
                db,
                "data",
                "import",
                csv.toString(),
                "--kind",
                "instrument",
                "--id",
                "nordic-accord",
                "--title",
                "An accord without signatures",
                "--opened",
                "2003-01-01");
        assertThat(imported.code()).as(imported.err()).isZero();
        Path o2 = dir.resolve("imported");
        Cli r = Cli.run(
                db,
                "study",
                "--repeats",
                "2",
                "--instrument",
                "nordic-accord",
                "--out",
                o2.toString(),
                "--replicates",
                "100");
        assertThat(r.code()).as(r.err()).isZero();
        String page = Files.readString(o2.resolve("report.html"));
        assertThat(page).contains("An accord without signatures");
        assertThat(r.out()).contains("records no signatures", "no state has withdrawn");
        // The imported treaty's explanation lists no landmine measures, and its holdouts show none.
        Cli x = Cli.run(
                db,
                "explain",
                "--state",
                "RUS",
                "--instrument",
                "nordic-accord",
                "--spec",
                "two-level",
                "--format",
                "json");
        assertThat(x.code()).as(x.err()).isZero();
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(x.out());
        assertThat(j.get("measures")).isEmpty();
        assertThat(j.get("partial_measures")).isEmpty();
        assertThat(j.get("adherence_level").asInt()).isZero();
        assertThat(x.out()).doesNotContain("production halt", "ccw-apii", "unga_");
        assertThat(Cli.run(db, "explain", "--state", "RUS", "--instrument", "nordic-accord")
                        .out())
                .contains("none recorded");
        assertThat(o2.resolve("tables/withdrawal.tex")).doesNotExist();
        assertThat(o2.resolve("tables/counterfactual_threat-removed.csv")).doesNotExist();
        assertThat(o2.resolve("tables/counterfactual_incentive.csv")).exists();
    }

    @Test
    void theCounterfactualsAskThePapersThreeQuestionsFromTheData() throws Exception {
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        data.get("counterfactuals").forEach(c -> byId.put(c.get("id").asText(), c));
        // Russia is typed blocked in the data, so its domestic pressure is lifted, historically, beside
        // what happened; the states that withdrew lose the threat; the largest holdouts get an incentive
        // from the year after the last data year.
        JsonNode peace = byId.get("pressure-lifted-rus");
        assertThat(peace).isNotNull();
        assertThat(peace.get("timing").asText()).isEqualTo("historical");
        assertThat(peace.get("counts").asText()).isEqualTo("parties");
        assertThat(peace.get("observed").asDouble()).isZero();
        assertThat(peace.get("scenario").asText()).contains("RUS", "conflict_territorial", "value: 0");
        JsonNode threat = byId.get("threat-removed");
        assertThat(threat.get("counts").asText()).isEqualTo("withdrawn");
        assertThat(threat.get("states").toString()).contains("EST", "FIN", "LTU", "LVA", "POL");
        assertThat(threat.get("scenario").asText()).contains("border_war");
        // the withdrawal model rests on five events and separation: it carries no verdict
        assertThat(threat.get("verdict").asText()).startsWith("the data cannot tell");
        JsonNode incentive = byId.get("incentive");
        assertThat(incentive.get("timing").asText()).isEqualTo("forward");
        try (NormlabStore store = NormlabStore.open(db)) {
            int last = CountryYearData.load(store).lastDataYear();
            assertThat(incentive.get("start").asInt()).isEqualTo(last + 1);
            assertThat(peace.get("start").asInt()).isLessThanOrEqualTo(last);
        }
        // The scenario files the study wrote are scenarios normlab reads back and runs.
        Path file = out.resolve("scenarios/pressure-lifted-rus.yaml");
        org.normlab.scenario.Scenario s = org.normlab.scenario.ScenarioReader.read(file);
        assertThat(s.overrides()).isNotEmpty();
        assertThat(s.model().adoptionFrailty()).isPresent();
    }

    @Test
    void theReplayIsScoredAgainstABaselineAndTheBassFitIsChecked() {
        JsonNode scores = data.get("replay").get("scores");
        assertThat(scores.get("crps").asDouble()).isPositive();
        assertThat(scores.get("crpsBaseline").asDouble()).isPositive();
        assertThat(scores.get("brier").asDouble()).isBetween(0.0, 1.0);
        assertThat(scores.get("brier").asDouble())
                .isLessThan(scores.get("brierBaseline").asDouble());
        assertThat(scores.get("holdouts").asInt()).isPositive();
        // the states the replay makes join are real holdouts, listed with their probabilities, most likely first
        JsonNode joined = scores.get("joined");
        for (int i = 1; i < joined.size(); i++) {
            assertThat(joined.get(i).get("probability").asDouble())
                    .isLessThanOrEqualTo(joined.get(i - 1).get("probability").asDouble());
        }
        JsonNode bass = data.get("lifecycle").get("bass");
        assertThat(bass.get("status").asText())
                .isEqualTo(bass.get("m").asDouble() < bass.get("adopted").asDouble() ? "failed" : "fitted");
        assertThat(data.get("citation").asText()).contains("unpublished essay");
        for (JsonNode f : data.get("findings")) {
            assertThat(f.get("plain").asText()).doesNotContain("--");
            assertThat(f.get("technical").asText()).isNotBlank();
        }
    }
}
