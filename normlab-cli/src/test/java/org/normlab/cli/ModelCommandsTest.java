package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit, compare and explain on the bundled data. */
class ModelCommandsTest {
    @TempDir
    static Path dir;

    static Path db;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void create() {
        db = dir.resolve("models.duckdb");
    }

    @Test
    void fitJsonHasTheDocumentedFields() throws Exception {
        Cli r = Cli.run(db, "fit", "--spec", "international", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        for (String key : List.of(
                "coefficients",
                "loglik",
                "n",
                "events",
                "aic",
                "bic",
                "iterations",
                "converged",
                "vars",
                "link",
                "se_type")) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        JsonNode first = j.get("coefficients").get(0);
        assertThat(first.get("name").asText()).isEqualTo("(Intercept)");
        for (String key : List.of("name", "estimate", "se", "z", "p")) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        assertThat(j.get("converged").asBoolean()).isTrue();
        assertThat(j.get("se_type").asText()).isEqualTo("cluster");
        // AIC and BIC follow from the log-likelihood, the parameter count and n
        int k = j.get("coefficients").size();
        double ll = j.get("loglik").asDouble();
        assertThat(j.get("aic").asDouble()).isCloseTo(-2 * ll + 2 * k, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(j.get("bic").asDouble())
                .isCloseTo(-2 * ll + k * Math.log(j.get("n").asInt()), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void publicationTablesPutModelsSideBySide() {
        Cli md = Cli.run(db, "fit", "--spec", "international,domestic,two-level", "--format", "markdown");
        assertThat(md.code()).as(md.err()).isZero();
        assertThat(md.out())
                .contains(
                        "| | international | domestic | two-level |",
                        "| N |",
                        "| Events |",
                        "| Log-likelihood |",
                        "| AIC |",
                        "`conflict_territorial`",
                        "* p < 0.05");
        Cli tex = Cli.run(db, "fit", "--spec", "international,two-level", "--format", "latex");
        assertThat(tex.out())
                .contains("\\begin{tabular}{lrr}", "\\toprule", "\\texttt{share\\_global}", "^{", "Log-likelihood &");
    }

    @Test
    void compareSaysInPlainWordsWhatTheStateLevelAdds() throws Exception {
        Cli r = Cli.run(
                db,
                "compare",
                "--specs",
                "international,two-level",
                "--cv",
                "states:5",
                "--seed",
                "3",
                "--repeats",
                "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "LR test international vs two-level",
                        "Calibration of two-level",
                        "Going from international to two-level");
        // with repeated splits the words come from the paired difference, not from one split
        assertThat(r.out())
                .containsPattern("Out of sample, over 2 repeats of leave-states-out cross-validation, it predicts "
                        + "held-out states (better|worse|neither better nor worse)")
                .doesNotContain("improves the log score");
        // each block of the fullest model is judged by the same repeated, paired schemes, in a table of its own
        assertThat(r.out())
                .contains("Block tests held out: the fullest model (a) minus itself without the block (b)")
                .containsPattern("perception +two-level +two-level without perception +states +\\d+ +[-+]\\d\\.\\d{3} "
                        + "+\\d\\.\\d{3} +[012] +2 +(better|worse|indistinguishable) ")
                .containsPattern("domestic +two-level +two-level without domestic +rolling ")
                .containsPattern("The perception block \\(.*\\) in the two-level model: .*out of sample, over 2 "
                        + "repeats of leave-states-out cross-validation, the block (helps|makes)");
        JsonNode j = JSON.readTree(
                Cli.run(db, "compare", "--cv", "time:2005", "--repeats", "1", "--no-rolling", "--format", "json")
                        .out());
        assertThat(j.get("models")).hasSize(2);
        JsonNode oos = j.get("models").get(1).get("out_of_sample");
        assertThat(oos.get("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(oos.get("calibration").size()).isEqualTo(10);
        // two-level adds the perception (5), domestic-pressure (5) and incentive (2) blocks to international
        assertThat(j.get("lr_tests").get(0).get("df").asInt()).isEqualTo(12);
        List<String> blocks = new java.util.ArrayList<>();
        j.get("block_tests").forEach(b -> blocks.add(b.get("block").asText()));
        assertThat(blocks).containsExactly("international", "perception", "domestic", "incentives");
        assertThat(j.get("block_tests").get(1).get("lr_df").asInt()).isEqualTo(5);
        // the block's paired difference, in the shape of the top-level one: the fullest model minus the model
        // without the block, over the repeated leave-states-out splits (one repeat, no rolling origin here)
        for (JsonNode b : j.get("block_tests")) {
            JsonNode p = b.get("paired");
            assertThat(p).hasSize(1);
            List<String> keys = new ArrayList<>();
            p.get(0).fieldNames().forEachRemaining(keys::add);
            assertThat(keys)
                    .containsExactly(
                            "a",
                            "b",
                            "scheme",
                            "states",
                            "mean",
                            "se",
                            "repeats_won",
                            "repeats",
                            "verdict",
                            "top_states");
            assertThat(p.get(0).get("a").asText()).isEqualTo("two-level");
            assertThat(p.get(0).get("b").asText())
                    .isEqualTo("two-level without " + b.get("block").asText());
            assertThat(p.get(0).get("scheme").asText()).isEqualTo("states");
            assertThat(p.get(0).get("repeats").asInt()).isEqualTo(1);
            double mean = p.get(0).get("mean").asDouble();
            double se = p.get(0).get("se").asDouble();
            assertThat(se).isPositive();
            assertThat(p.get(0).get("verdict").asText())
                    .isEqualTo(mean > 2 * se ? "better" : mean < -2 * se ? "worse" : "indistinguishable");
            assertThat(p.get(0).get("repeats_won").asInt()).isEqualTo(mean > 0 ? 1 : 0);
            assertThat(p.get(0).get("top_states")).hasSize(5);
        }
        assertThat(r.out()).contains("LR test of the perception block", "LR test of the domestic block");
    }

    @Test
    void explainPlacesRussiaAmongTheBlocked() throws Exception {
        Cli r = Cli.run(db, "explain", "--state", "RUS");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "Russia (RUS)",
                        "international",
                        "perception",
                        "domestic pressure",
                        "conflict_territorial",
                        "party to ccw-apii (a weaker related regime) since 2005",
                        "production halt, partial (blast mines only; PFM-1, PMN, PMN-2 and PMN-4 types only), 1994-2012; not in "
                                + "force in 2025",
                        "producer listed, no restraint, 2013-2022",
                        "export moratorium, partial (non-self-destructing mines; non-detectable and non-self-destructing "
                                + "mines), 1994-2002",
                        "type: blocked (probability");
        JsonNode j = JSON.readTree(
                Cli.run(db, "explain", "--state", "RUS", "--format", "json").out());
        assertThat(j.get("type").asText()).isEqualTo("blocked");
        assertThat(j.get("adherence_level").asInt()).isEqualTo(1);
        double sum = 0;
        for (JsonNode c : j.get("contributions")) {
            sum += c.get("contribution").asDouble();
        }
        assertThat(sum)
                .isCloseTo(
                        j.get("international").asDouble()
                                + j.get("perception").asDouble()
                                + j.get("domestic").asDouble()
                                + j.get("incentives").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        boolean sawExports = false;
        for (JsonNode m : j.get("measures")) {
            if (m.get("measure").asText().equals("export_moratorium")) {
                sawExports = true;
                assertThat(m.get("scope").asText()).isEqualTo("partial");
                assertThat(m.get("year_to").asInt()).isEqualTo(2002);
                assertThat(m.get("in_force").asBoolean()).isFalse();
                assertThat(m.get("source").asText()).contains("adherence_spells.csv row");
            }
        }
        assertThat(sawExports).isTrue();
        assertThat(j.get("type_probability").asDouble()).isBetween(0.5, 1.0);
        assertThat(j.get("domestic").asDouble()).isLessThan(0);
    }

    @Test
    void explainAWithdrawalUsesFirthByDefault() throws Exception {
        Cli fit = Cli.run(
                db, "fit", "--transition", "withdrawal", "--vars", "nato_member,share_border", "--format", "json");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(JSON.readTree(fit.out()).get("method").asText()).startsWith("Firth");
        Cli off = Cli.run(
                db, "fit", "--transition", "withdrawal", "--vars", "nato_member", "--no-firth", "--format", "json");
        assertThat(JSON.readTree(off.out()).get("method").asText()).startsWith("maximum likelihood");
        Cli x = Cli.run(db, "explain", "--state", "FIN", "--transition", "withdrawal", "--spec", "international");
        assertThat(x.code()).as(x.err()).isZero();
        assertThat(x.out()).contains("Finland (FIN), 2025", "withdrawing");
    }

    @Test
    void fitWithASharedFrailtyReportsItsStandardDeviation() throws Exception {
        Cli r = Cli.run(db, "fit", "--spec", "two-level", "--frailty", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("frailty_sd").asDouble()).isPositive();
        assertThat(j.get("converged").asBoolean()).isTrue();
        // the marginal likelihood of the frailty model is at least that of the ordinary logit it nests
        double plain = JSON.readTree(Cli.run(db, "fit", "--spec", "two-level", "--format", "json")
                        .out())
                .get("loglik")
                .asDouble();
        assertThat(j.get("loglik").asDouble()).isGreaterThanOrEqualTo(plain);
        assertThat(Cli.run(db, "fit", "--spec", "two-level", "--frailty").out()).contains("with a shared frailty");
    }

    @Test
    void badModelOptionsAreRefusedWithAReason() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"fit", "--spec", "international", "--link", "probit"});
        cases.add(new String[] {"fit", "--spec", "nonsense"});
        cases.add(new String[] {"fit", "--vars", "log_duration", "--spec", "international"});
        cases.add(new String[] {"compare", "--cv", "folds:3"});
        cases.add(new String[] {"compare", "--model", "1bad=log_duration"});
        cases.add(new String[] {"compare", "--model", "a"});
        cases.add(new String[] {"compare", "--model", "a=log_duration,,polyarchy"});
        cases.add(new String[] {"compare", "--model", "a=log_duration", "--model", "a=polyarchy"});
        cases.add(new String[] {"compare", "--specs", "international", "--model", "international=log_duration"});
        cases.add(new String[] {"compare", "--model", "a=~"});
        cases.add(new String[] {"compare", "--model", "a=nonsense_variable"});
        cases.add(new String[] {"compare", "--repeats", "0"});
        cases.add(new String[] {"compare", "--folds", "1"});
        cases.add(new String[] {"compare", "--folds", "4", "--cv", "states:5"});
        cases.add(new String[] {"compare", "--table", "paired"});
        cases.add(new String[] {"compare", "--format", "csv", "--table", "pairs"});
        cases.add(new String[] {"compare", "--format", "xml"});
        cases.add(new String[] {"compare", "--ridge", "auto", "--firth"});
        cases.add(new String[] {"fit", "--spec", "international", "--ridge", "auto"});
        cases.add(new String[] {"fit", "--spec", "international", "--firth", "--ridge", "1"});
        for (String[] c : cases) {
            Cli r = Cli.run(db, c);
            assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isIn(1, 2);
            assertThat(r.err()).as(String.join(" ", c)).startsWith("normlab: ").doesNotContain("Exception");
        }
        assertThat(Cli.run(db, "fit", "--vars", "gdp").err()).contains("unknown variable 'gdp'");
    }

    @Test
    void twoModelsOfOnesOwnAreComparedWithEachOtherOnly() throws Exception {
        Cli r = Cli.run(
                db,
                "compare",
                "--model",
                "a=log_duration,share_global",
                "--model",
                "b=log_duration,share_global,polyarchy",
                "--repeats",
                "1",
                "--folds",
                "3",
                "--no-rolling",
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> names = new ArrayList<>();
        JSON.readTree(r.out())
                .get("models")
                .forEach(m -> names.add(m.get("model").asText()));
        assertThat(names).containsExactly("a", "b");
    }

    @Test
    void compareTakesNamedModelsAndReportsPairedDifferencesWithTheirNoise() throws Exception {
        String twoLevelWithoutIncentives = "log_duration,opening_year,share_global,share_border,share_subregion,"
                + "conflict_territorial,conflict_interstate,euds";
        Cli r = Cli.run(
                db,
                "compare",
                "--specs",
                "international",
                "--model",
                "noinc=" + twoLevelWithoutIncentives,
                "--model",
                "demo=~log_duration + opening_year + share_global * polyarchy",
                "--repeats",
                "2",
                "--folds",
                "3",
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode j = JSON.readTree(r.out());
        List<String> names = new ArrayList<>();
        j.get("models").forEach(m -> names.add(m.get("model").asText()));
        assertThat(names).containsExactly("international", "noinc", "demo");
        // three pairs under each of the two schemes
        JsonNode paired = j.get("paired");
        assertThat(paired).hasSize(6);
        for (JsonNode p : paired) {
            for (String key :
                    List.of("a", "b", "scheme", "mean", "se", "repeats_won", "repeats", "verdict", "top_states")) {
                assertThat(p.has(key)).as(key).isTrue();
            }
            boolean states = p.get("scheme").asText().equals("states");
            assertThat(p.get("repeats").asInt()).isEqualTo(states ? 2 : 1);
            assertThat(p.get("repeats_won").asInt())
                    .isBetween(0, p.get("repeats").asInt());
            assertThat(p.get("se").asDouble()).isPositive();
            double mean = p.get("mean").asDouble();
            double se = p.get("se").asDouble();
            assertThat(p.get("verdict").asText())
                    .isEqualTo(mean > 2 * se ? "better" : mean < -2 * se ? "worse" : "indistinguishable");
            assertThat(p.get("top_states")).hasSize(5);
            JsonNode top = p.get("top_states").get(0);
            assertThat(top.get("iso3").asText()).matches("[A-Z]{3}");
            assertThat(Math.abs(top.get("contribution").asDouble()))
                    .isGreaterThanOrEqualTo(Math.abs(
                            p.get("top_states").get(4).get("contribution").asDouble()));
        }
        assertThat(paired.get(0).get("a").asText()).isEqualTo("international");
        assertThat(paired.get(0).get("b").asText()).isEqualTo("noinc");
        for (JsonNode m : j.get("models")) {
            JsonNode held = m.get("held_out");
            assertThat(held).hasSize(2);
            assertThat(held.get(0).get("scheme").asText()).isEqualTo("states");
            assertThat(held.get(0).get("log_score").asDouble()).isNegative();
            assertThat(held.get(0).get("log_score_sd").asDouble()).isPositive();
            assertThat(held.get(0).get("brier").asDouble()).isBetween(0.0, 1.0);
            assertThat(held.get(0).get("auc").asDouble()).isBetween(0.0, 1.0);
            assertThat(held.get(1).get("scheme").asText()).isEqualTo("rolling");
            assertThat(held.get(1).get("log_score_sd").isNull()).isTrue();
        }
        assertThat(j.get("held_out_schemes").get(1).get("first_origin").asInt()).isGreaterThan(1997);

        Cli table = Cli.run(
                db,
                "compare",
                "--specs",
                "international",
                "--model",
                "noinc=" + twoLevelWithoutIncentives,
                "--repeats",
                "2",
                "--folds",
                "3",
                "--format",
                "csv",
                "--table",
                "paired");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .startsWith("a,b,scheme,states,mean,se,repeats_won,repeats,verdict,top_states\n")
                .contains("\ninternational,noinc,states,")
                .contains("\ninternational,noinc,rolling,");

        Cli blocks = Cli.run(
                db,
                "compare",
                "--specs",
                "international",
                "--model",
                "noinc=" + twoLevelWithoutIncentives,
                "--repeats",
                "2",
                "--folds",
                "3",
                "--no-rolling",
                "--format",
                "csv",
                "--table",
                "blocks");
        assertThat(blocks.code()).as(blocks.err()).isZero();
        assertThat(blocks.out())
                .startsWith("block,variables,lr_statistic,lr_df,lr_p,a,b,scheme,states,mean,se,repeats_won,repeats,"
                        + "verdict,top_states\n")
                .contains("\ninternational,share_global;share_border;share_subregion,")
                .containsPattern("\ndomestic,conflict_territorial;conflict_interstate[^,]*,[^,]+,\\d+,[^,]+,noinc,"
                        + "noinc without domestic,states,\\d+,");
    }
}
