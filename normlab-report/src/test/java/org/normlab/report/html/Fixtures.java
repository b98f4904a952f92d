package org.normlab.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.normlab.study.Citation;
import org.normlab.study.StudyReport;
import org.normlab.study.StudyReport.BassRow;
import org.normlab.study.StudyReport.ComparisonRow;
import org.normlab.study.StudyReport.Counterfactual;
import org.normlab.study.StudyReport.FocusRow;
import org.normlab.study.StudyReport.Holdout;
import org.normlab.study.StudyReport.LifeCycleSection;
import org.normlab.study.StudyReport.Meta;
import org.normlab.study.StudyReport.ModelSection;
import org.normlab.study.StudyReport.Replay;
import org.normlab.study.StudyReport.StageRow;
import org.normlab.study.StudyReport.Term;
import org.normlab.study.StudyReport.ThesisSection;

/** Synthetic study reports: every section filled, and one with the nullable sections left out. */
final class Fixtures {
    static final String EVIL_NAME = "Ruritania <script>alert('x')</script> & Co";
    static final int FIRST = 1997;
    static final int LAST = 2026;
    static final int HORIZON = 2040;

    private Fixtures() {}

    static int[] years(int from, int to) {
        return IntStream.rangeClosed(from, to).toArray();
    }

    /** A logistic curve of parties: smooth, increasing, with an odd fraction so rounding shows. */
    static double curve(double year) {
        return 160.0 / (1 + Math.exp(-0.55 * (year - 1999.3)));
    }

    static StudyReport full() {
        return new StudyReport(
                meta(),
                headlines(),
                List.of("No counterfactual with a withdrawal focus: synthetic test reason"),
                lifecycle(true),
                thesis(),
                withdrawal(),
                holdouts(),
                replay(),
                counterfactuals(),
                List.of(),
                Citation.paper());
    }

    /** Withdrawal, replay, Bass, signatories, withdrawn and the tipping year null; no counterfactuals. */
    static StudyReport minimal() {
        return new StudyReport(
                meta(),
                headlines(),
                List.of(
                        "No withdrawal section: no state has withdrawn (synthetic)",
                        "No replay section: the ensemble was not run (synthetic)",
                        "No Bass fit: too few consents (synthetic)"),
                lifecycle(false),
                thesis(),
                null,
                holdouts(),
                null,
                List.of(),
                List.of(),
                Citation.paper());
    }

    static Meta meta() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("link", "cloglog");
        parameters.put("standard errors", "clustered by state");
        return new Meta(
                "mine-ban",
                "Synthetic Convention on Test Mines",
                "0.1.0-test",
                "3f8a1c0d9e2b7a6f5c4d3e2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29",
                4242L,
                37,
                "2026-02-03",
                parameters);
    }

    static List<String> headlines() {
        return List.of(
                "Synthetic headline one: international pressure moves the curve.",
                "Synthetic headline two: domestic conflict keeps holdouts out.",
                "Synthetic headline three: the band covers the observed curve.");
    }

    static LifeCycleSection lifecycle(boolean full) {
        int[] years = years(FIRST, LAST);
        int n = years.length;
        int[] states = new int[n];
        int[] signatories = new int[n];
        int[] parties = new int[n];
        int[] withdrawn = new int[n];
        double[] observed = new double[n];
        double[] fitted = new double[n];
        for (int i = 0; i < n; i++) {
            states[i] = 185 + i / 3;
            parties[i] = (int) Math.round(curve(years[i]));
            signatories[i] = Math.max(0, 122 - parties[i]);
            withdrawn[i] = years[i] >= 2025 ? 3 + (years[i] - 2025) * 2 : 0;
            observed[i] = i == 0 ? parties[0] : parties[i] - parties[i - 1];
            fitted[i] = (i == 0 ? curve(years[0]) : curve(years[i]) - curve(years[i - 1])) * 1.05 + 0.125;
        }
        List<StageRow> stages = List.of(
                new StageRow("emergence", 1997, 1998, "Synthetic rule: before entry into force"),
                new StageRow("cascade", 1999, 2006, "Synthetic rule: after the tipping year"),
                new StageRow("internalisation", 2007, null, "Synthetic rule: growth below one state a year"));
        BassRow bass = full
                ? new BassRow(
                        "cumulative",
                        161.2345,
                        0.01234,
                        0.56789,
                        2.3456,
                        0.00456,
                        0.06789,
                        "Synthetic Bass text: m = 161.2 (SE 2.3), p = 0.012, q = 0.568.",
                        fitted,
                        observed)
                : null;
        return new LifeCycleSection(
                years,
                states,
                full ? signatories : null,
                parties,
                full ? withdrawn : null,
                stages,
                full ? 1999 : null,
                "Synthetic tipping rule: one third of the states are party",
                bass);
    }

    static ThesisSection thesis() {
        ModelSection international = new ModelSection(
                "International",
                List.of(
                        new Term("(Intercept)", "baseline", -3.45678, 0.21234, 0.0, "***"),
                        new Term("share_global", "international", 0.45678, 0.12345, 0.0002, "***"),
                        new Term("share_border", "international", 1.23456, 0.60001, 0.04, "*")),
                4321,
                161,
                -612.3456,
                1232.6912,
                1250.1234,
                "Synthetic method: logit, cluster-robust SEs",
                "Synthetic sentence of the international model.");
        ModelSection domestic = new ModelSection(
                "Domestic",
                List.of(
                        new Term("(Intercept)", "baseline", -2.98765, 0.19876, 0.0, "***"),
                        new Term("conflict_territorial", "domestic", -1.23456, 0.34567, 0.0004, "***"),
                        new Term("polity", "domestic", 0.07654, 0.02345, 0.0011, "**")),
                4321,
                161,
                -640.9876,
                1287.9752,
                1305.4321,
                "Synthetic method: logit, cluster-robust SEs",
                "Synthetic sentence of the domestic model.");
        ModelSection twoLevel = new ModelSection(
                "Two-level",
                List.of(
                        new Term("(Intercept)", "baseline", -3.11111, 0.22222, 0.0, "***"),
                        new Term("share_global", "international", 0.39876, 0.13579, 0.0033, "**"),
                        new Term("share_border", "international", 0.98765, 0.61234, 0.11, ""),
                        new Term("conflict_territorial", "domestic", -1.05432, 0.35791, 0.0032, "**"),
                        new Term("polity", "domestic", 0.06543, 0.02468, 0.008, "**")),
                4321,
                161,
                -598.7654,
                1209.5308,
                1238.8642,
                "Synthetic method: logit, cluster-robust SEs",
                "Synthetic sentence of the two-level model.");
        List<ComparisonRow> comparison = List.of(
                new ComparisonRow(
                        "International",
                        -612.3456,
                        1232.6912,
                        1250.1234,
                        null,
                        null,
                        null,
                        -0.345678,
                        0.0456789,
                        0.812345),
                new ComparisonRow(
                        "Domestic", -640.9876, 1287.9752, 1305.4321, null, null, null, -0.367891, 0.0467891, 0.776543),
                new ComparisonRow(
                        "Two-level",
                        -598.7654,
                        1209.5308,
                        1238.8642,
                        27.1604,
                        2,
                        0.0000013,
                        -0.331234,
                        0.0445678,
                        0.834567));
        return new ThesisSection(
                List.of(international, domestic, twoLevel),
                comparison,
                List.of(
                        "Synthetic finding one: the two-level model fits best.",
                        "Synthetic finding two: it also forecasts best out of sample."),
                "Synthetic note: discrete-time hazard models; * p < 0.05, ** p < 0.01, *** p < 0.001.");
    }

    static ModelSection withdrawal() {
        return new ModelSection(
                "Withdrawal",
                List.of(
                        new Term("(Intercept)", "baseline", -6.54321, 0.87654, 0.0, "***"),
                        new Term("threat", "domestic", 2.34567, 0.76543, 0.0022, "**")),
                3210,
                5,
                -30.1234,
                64.2468,
                76.5432,
                "Synthetic method: Firth-penalised cloglog",
                "Synthetic withdrawal sentence: threat drives withdrawal.");
    }

    static List<Holdout> holdouts() {
        Map<String, Double> rus = new LinkedHashMap<>();
        rus.put("share_global", 0.61234);
        rus.put("conflict_territorial", -1.98765);
        return List.of(
                new Holdout(
                        "RUS",
                        "Russian Federation",
                        "none",
                        "opposed",
                        "Synthetic meaning: opposes the norm",
                        1,
                        List.of("export moratorium"),
                        2025,
                        0.00123,
                        0.04567,
                        0.61234,
                        -1.98765,
                        0.31234,
                        0.0,
                        0.876,
                        rus,
                        "Synthetic: Russia stays out because of domestic conflict."),
                new Holdout(
                        "USA",
                        "United States of America",
                        "signatory",
                        "hesitant",
                        "Synthetic meaning: hesitant",
                        2,
                        List.of("no use since 1991", "no production"),
                        2025,
                        0.01234,
                        0.23456,
                        0.81234,
                        -0.43219,
                        0.1,
                        -0.2,
                        0.654,
                        Map.of("share_global", 0.81234),
                        "Synthetic: the United States follows the norm in part."),
                new Holdout(
                        "EST",
                        "Estonia",
                        "withdrawn",
                        "regressed",
                        "Synthetic meaning: left again",
                        0,
                        List.of(),
                        2025,
                        0.04321,
                        0.08765,
                        -0.12345,
                        1.54321,
                        0.0,
                        0.4,
                        null,
                        Map.of(),
                        "Synthetic: Estonia withdrew under a new threat."),
                new Holdout(
                        "RUR",
                        EVIL_NAME,
                        "none",
                        "blocked",
                        "Synthetic meaning: blocked",
                        3,
                        List.of(),
                        2025,
                        0.00321,
                        0.01234,
                        0.2,
                        -0.3,
                        0.1,
                        0.0,
                        0.5,
                        Map.of(),
                        "Synthetic: " + EVIL_NAME + " is blocked."));
    }

    static Replay replay() {
        int[] years = years(FIRST, HORIZON);
        int n = years.length;
        Integer[] observed = new Integer[n];
        double[] mean = new double[n];
        double[][] q = new double[5][n];
        double[] spread = {-12, -5, 0, 5, 12};
        for (int i = 0; i < n; i++) {
            observed[i] = years[i] <= LAST ? (int) Math.round(curve(years[i])) : null;
            double m = curve(years[i] - 0.3) + 0.25;
            mean[i] = m;
            for (int k = 0; k < 5; k++) {
                q[k][i] = Math.max(0, m + spread[k] * Math.min(1, (years[i] - FIRST) / 6.0));
            }
        }
        return new Replay(
                years,
                observed,
                mean,
                q[0],
                q[1],
                q[2],
                q[3],
                q[4],
                "Synthetic replay sentence: the observed curve lies inside the band.");
    }

    static List<Counterfactual> counterfactuals() {
        int[] years = years(LAST, HORIZON);
        int n = years.length;
        double[] base = new double[n];
        double[] scen = new double[n];
        double[] diff = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        double[] pBase = new double[n];
        double[] pScen = new double[n];
        double[] qBase = new double[n];
        double[] qScen = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 160.5 + 0.1 * i;
            diff[i] = 0.09 * i;
            scen[i] = base[i] + diff[i];
            low[i] = diff[i] - 0.04 * i;
            high[i] = diff[i] + 0.06 * i;
            pBase[i] = 0.01 + 0.002 * i;
            pScen[i] = Math.min(1, 0.01 + 0.045 * i);
            qBase[i] = 0.2;
            qScen[i] = 0.2 + 0.01 * i;
        }
        Counterfactual peace = partiesCounterfactual(
                "russia-peace",
                "Synthetic question: would Russia join if its conflict ended?",
                "instrument: mine_ban\nstart: 2026\nhorizon: 2040\noverrides:\n  - states: [RUS]  # a <comment> & more\n",
                years,
                base,
                scen,
                diff,
                low,
                high,
                List.of(new FocusRow("P(RUS party)", pBase, pScen), new FocusRow("P(USA party)", qBase, qScen)),
                "Synthetic answer: more likely, but still unlikely by the horizon.");
        Counterfactual threat = partiesCounterfactual(
                "baltic-threat",
                "Synthetic question: would a new threat make more states leave?",
                "instrument: mine_ban\nstart: 2026\n",
                years,
                base,
                base.clone(),
                new double[n],
                new double[n],
                new double[n],
                List.of(),
                "Synthetic answer: no difference.");
        return List.of(peace, threat);
    }

    /** A counterfactual counting parties, historical, without states, observed count or verdict. */
    private static Counterfactual partiesCounterfactual(
            String id,
            String question,
            String scenario,
            int[] years,
            double[] baseline,
            double[] scenarioMean,
            double[] diffMean,
            double[] diffLow,
            double[] diffHigh,
            List<FocusRow> focus,
            String answer) {
        return new Counterfactual(
                id,
                question,
                scenario,
                years,
                baseline,
                scenarioMean,
                diffMean,
                diffLow,
                diffHigh,
                focus,
                answer,
                "parties",
                "states",
                "historical",
                years.length == 0 ? 0 : years[0],
                List.of(),
                null,
                "");
    }

    /**
     * The full report with a failed Bass fit (market potential below the consents observed) and one
     * counterfactual of withdrawals whose expected count reaches 2.2 states.
     */
    static StudyReport failedBassAndWithdrawals() {
        StudyReport full = full();
        LifeCycleSection lc = full.lifecycle();
        BassRow b = lc.bass();
        double observed = java.util.Arrays.stream(b.observed()).sum();
        BassRow failed = new BassRow(
                b.form(),
                observed - 40.25,
                b.p(),
                b.q(),
                b.seM(),
                b.seP(),
                b.seQ(),
                b.text(),
                b.fitted(),
                b.observed(),
                BassRow.FAILED,
                observed);
        Counterfactual c = full.counterfactuals().get(0);
        int n = c.years().length;
        double[] base = new double[n];
        double[] scen = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 2.2 * i / (n - 1);
            scen[i] = 0.5 * base[i];
        }
        Counterfactual withdrawals = new Counterfactual(
                "threat-removed",
                "Synthetic question: without the threat next door, would fewer states withdraw?",
                c.scenario(),
                c.years(),
                base,
                scen,
                c.diffMean(),
                c.diffLow(),
                c.diffHigh(),
                List.of(new FocusRow("expected withdrawn among AAA, BBB", base, scen)),
                "Synthetic answer.",
                "withdrawn",
                "states",
                "historical",
                c.years()[0],
                List.of("AAA", "BBB"),
                2.0,
                "Synthetic verdict.");
        return new StudyReport(
                full.meta(),
                full.headlines(),
                full.omitted(),
                new LifeCycleSection(
                        lc.years(),
                        lc.states(),
                        lc.signatories(),
                        lc.parties(),
                        lc.withdrawn(),
                        lc.stages(),
                        lc.tippingYear(),
                        lc.tippingRule(),
                        failed),
                full.thesis(),
                full.withdrawal(),
                full.holdouts(),
                full.replay(),
                List.of(withdrawals),
                List.of(),
                Citation.paper());
    }

    /** Charts the full fixture draws: life cycle, Bass, holdouts, replay, 2 per counterfactual, 1 focus. */
    static final int FULL_CHARTS = 1 + 1 + 1 + 1 + 2 + 1 + 2;
    /** Charts the minimal fixture draws: life cycle and holdouts. */
    static final int MINIMAL_CHARTS = 2;
}
