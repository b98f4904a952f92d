package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options mean the same thing everywhere; every format is really produced; bad combinations are refused. */
class InterfaceTest {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void create() {
        db = dir.resolve("i.duckdb");
    }

    @Test
    void unsupportedCombinationsAreRefusedWithExitCode2() {
        Cli frailty = Cli.run(db, "fit", "--spec", "international", "--frailty", "--se", "cluster");
        assertThat(frailty.code()).isEqualTo(2);
        assertThat(frailty.err()).contains("--frailty --se cluster");
        Cli both = Cli.run(db, "fit", "--vars", "log_duration", "--formula", "log_duration");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of --vars, --formula and --spec");
        Cli profile = Cli.run(db, "fit", "--vars", "log_duration,nato_member", "--firth", "--ci", "0.95");
        assertThat(profile.code()).isEqualTo(2);
        assertThat(profile.err()).contains("--ci-method wald");
        Cli formula = Cli.run(db, "fit", "--formula", "log_duration + nope(share_global)");
        assertThat(formula.code()).isEqualTo(2);
        assertThat(formula.err()).contains("unknown function nope()");
    }

    @Test
    void csvIsCsvAndSpecsIsSpec() {
        Cli compare = Cli.run(
                db,
                "compare",
                "--specs",
                "international",
                "--formula",
                "log_duration + opening_year + share_global * polyarchy",
                "--cv",
                "states:3",
                "--repeats",
                "1",
                "--no-rolling",
                "--format",
                "csv");
        assertThat(compare.code()).as(compare.err()).isZero();
        String[] lines = compare.out().split("\n");
        assertThat(lines[0]).startsWith("model,terms,n,events,loglik,aic,bic,");
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).startsWith("formula,6,");

        Cli explain = Cli.run(
                db, "explain", "--state", "RUS", "--vars", "log_duration,opening_year,polyarchy", "--format", "csv");
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(explain.out())
                .startsWith("variable,level,value,reference,coefficient,contribution\n")
                .contains("\npolyarchy,domestic,");

        Cli fit = Cli.run(db, "fit", "--specs", "international", "--odds-ratios", "--format", "csv");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out())
                .startsWith("model,quantity,term,exp_estimate,se,z,p,lower,upper\n")
                .contains("international,exp(coefficient),share_global,");
    }
}
