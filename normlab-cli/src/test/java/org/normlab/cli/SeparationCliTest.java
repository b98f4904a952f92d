package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported treaty whose imported indicator {@code test_flag} is 1 only in state-years without
 * a consent: quasi-complete separation. Every printed form of {@code fit}, {@code compare} and
 * {@code explain} must mark the term, give it no stars and no p, and say what to do.
 */
class SeparationCliTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void importTreaty() throws Exception {
        db = dir.resolve("sep.duckdb");
        Path treaty = Cli.resource("good/no_signatures_treaty.csv");
        Cli imported = Cli.run(
                db,
                "data",
                "import",
                treaty.toString(),
                "--kind",
                "instrument",
                "--id",
                "sep-accord",
                "--title",
                "A separated accord",
                "--opened",
                "2003-01-01");
        assertThat(imported.code()).as(imported.err()).isZero();
        Set<String> parties = new HashSet<>();
        Files.readAllLines(treaty, StandardCharsets.UTF_8).stream()
                .skip(1)
                .forEach(l -> parties.add(l.substring(0, 3)));
        Path countries = dir.resolve("country.csv");
        Cli exported = Cli.run(db, "data", "export", "country", "--out", countries.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        StringBuilder ind = new StringBuilder("iso3,year,name,value,source\n");
        List<String> lines = Files.readAllLines(countries, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String iso3 = line.substring(0, line.indexOf(','));
            for (int year = 1995; year <= 2025; year++) {
                // 1 only for states that never consent: no row with test_flag = 1 has an event
                int v = !parties.contains(iso3) && year % 3 == 0 ? 1 : 0;
                ind.append(iso3)
                        .append(',')
                        .append(year)
                        .append(",test_flag,")
                        .append(v)
                        .append(",test\n");
            }
        }
        Path indicators = dir.resolve("flag.csv");
        Files.writeString(indicators, ind.toString(), StandardCharsets.UTF_8);
        Cli flag = Cli.run(db, "data", "import", indicators.toString(), "--kind", "indicators");
        assertThat(flag.code()).as(flag.err()).isZero();
    }

    private static Cli fit(String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("fit", "--instrument", "sep-accord", "--vars", "test_flag", "--se", "cluster"));
        args.addAll(List.of(more));
        Cli r = Cli.run(db, args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /** The row of a term in a text or Markdown table. */
    private static String row(String out, String term) {
        return out.lines().filter(l -> l.contains(term)).findFirst().orElseThrow();
    }

    @Test
    void tableMarksTheTermWithADaggerAndNoStarsOrP() {
        String out = fit().out();
        String row = row(out, "test_flag ");
        assertThat(row).contains("\u2020").doesNotContain("*").contains("NA");
        assertThat(out)
                .contains("quasi-complete separation in model custom: test_flag (-Inf)")
                .contains("normlab fit --firth")
                .contains("separated: the estimate diverges; its SE and p are meaningless");
        // the intercept is not separated and keeps its stars
        assertThat(row(out, "(Intercept)")).contains("***");
    }

    @Test
    void markdownAndLatexMarkTheTermAndSayWhatToDo() {
        String md = fit("--format", "markdown").out();
        assertThat(row(md, "`test_flag`")).contains("\u2020").doesNotContain("*");
        assertThat(md).contains("normlab fit --firth").contains("separated: the estimate diverges");
        String tex = fit("--format", "latex").out();
        String texRow = row(tex, "\\texttt{test\\_flag}");
        assertThat(texRow).contains("^{\\dagger}").doesNotContain("*");
        assertThat(tex).contains("normlab fit --firth").doesNotContain("\u2020");
    }

    @Test
    void jsonCarriesTheSeparationAndNoBareNaN() throws Exception {
        Cli r = fit("--format", "json");
        assertThat(r.out()).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/separation/detected").asBoolean()).isTrue();
        assertThat(j.at("/separation/kind").asText()).isEqualTo("quasi-complete");
        assertThat(j.at("/separation/terms/0/name").asText()).isEqualTo("test_flag");
        assertThat(j.at("/separation/terms/0/direction").asText()).isEqualTo("-Inf");
        assertThat(j.at("/coefficients/1/diverged").asBoolean()).isTrue();
        assertThat(j.at("/coefficients/1/p").isNull()).isTrue();
        assertThat(j.at("/coefficients/0/diverged").asBoolean()).isFalse();
        int events = j.get("events").asInt();
        assertThat(j.get("events_per_parameter").asDouble()).isEqualTo(events / 1.0);
        assertThat(j.get("exploratory").asBoolean()).isEqualTo(events < 10);
    }

    @Test
    void sharedFrailtyModelsAreMarkedToo() {
        Cli r = Cli.run(
                db, "fit", "--instrument", "sep-accord", "--vars", "test_flag", "--frailty", "--format", "markdown");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(row(r.out(), "`test_flag`")).contains("\u2020").doesNotContain("*");
        assertThat(r.out()).contains("quasi-complete separation in model custom (frailty): test_flag (-Inf)");
    }

    @Test
    void csvWritesNoPAndWarnsOnStandardError() {
        Cli r = fit("--format", "csv");
        String row = r.out()
                .lines()
                .filter(l -> l.contains(",test_flag,"))
                .findFirst()
                .orElseThrow();
        assertThat(row).contains(",NA,");
        assertThat(r.err()).contains("warning: \u2020 quasi-complete separation in model custom: test_flag (-Inf)");
    }

    @Test
    void firthFitsAreFiniteButStillSayTheDesignIsSeparated() throws Exception {
        Cli r = fit("--firth", "--format", "json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/separation/detected").asBoolean()).isTrue();
        assertThat(j.at("/separation/terms/0/diverged").asBoolean()).isFalse();
        assertThat(j.at("/coefficients/1/p").isNumber()).isTrue();
        assertThat(fit("--firth").out())
                .contains("quasi-complete separation in model custom")
                .doesNotContain("\u2020");
    }

    @Test
    void fewEventsPerParameterMakeTheModelExploratory() throws Exception {
        Cli r = Cli.run(
                db,
                "fit",
                "--instrument",
                "sep-accord",
                "--vars",
                "test_flag,nato_member,border_war",
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        int events = j.get("events").asInt();
        assertThat(events).isLessThan(30);
        assertThat(j.get("events_per_parameter").asDouble()).isEqualTo(events / 3.0);
        assertThat(j.get("exploratory").asBoolean()).isTrue();
        Cli t = Cli.run(db, "fit", "--instrument", "sep-accord", "--vars", "test_flag,nato_member,border_war");
        assertThat(t.out()).contains("exploratory (" + events + " events for 3 parameters)");
    }

    @Test
    void compareAndExplainPrintTheSameLines() throws Exception {
        Cli c = Cli.run(
                db,
                "compare",
                "--instrument",
                "sep-accord",
                "--specs",
                "international",
                "--vars",
                "test_flag",
                "--cv",
                "states:3");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("quasi-complete separation in model custom: test_flag (-Inf)");
        Cli cj = Cli.run(
                db,
                "compare",
                "--instrument",
                "sep-accord",
                "--specs",
                "international",
                "--vars",
                "test_flag",
                "--cv",
                "states:3",
                "--format",
                "json");
        assertThat(cj.code()).as(cj.err()).isZero();
        assertThat(cj.out()).doesNotContain("NaN");
        JsonNode models = new ObjectMapper().readTree(cj.out()).get("models");
        assertThat(models.get(models.size() - 1).at("/separation/detected").asBoolean())
                .isTrue();
        Cli x = Cli.run(db, "explain", "--state", "RUS", "--instrument", "sep-accord", "--vars", "test_flag");
        assertThat(x.code()).as(x.err()).isZero();
        assertThat(x.out()).contains("quasi-complete separation in model custom: test_flag (-Inf)");
        assertThat(row(x.out(), "test_flag ")).contains("\u2020");
        Cli xj = Cli.run(
                db,
                "explain",
                "--state",
                "RUS",
                "--instrument",
                "sep-accord",
                "--vars",
                "test_flag",
                "--format",
                "json");
        assertThat(xj.code()).as(xj.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(xj.out())
                        .at("/separation/detected")
                        .asBoolean())
                .isTrue();
    }
}
