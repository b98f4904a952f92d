package org.normlab.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.analysis.Adherence;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.Typology;
import org.normlab.data.CountryYearData;
import org.normlab.data.DataException;
import org.normlab.data.Instrument;
import org.normlab.data.Measure;
import org.normlab.data.MeasureFile;
import org.normlab.data.Participation;
import org.normlab.data.ParticipationFile;
import org.normlab.data.csv.CsvTable;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.store.NormlabStore;

/**
 * Facts of the sources that the measures, the threat next door and the risk sets must reproduce:
 * the Landmine Monitor's record of Russia's and China's measures, UCDP's war-intensity conflicts,
 * and every consent of the Mine Ban Convention by a state that can deposit.
 */
class MeasuresAndRiskSetFactsTest {
    @TempDir
    static Path dir;

    static NormlabStore store;
    static CountryYearData data;
    static PanelBuilder builder;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("facts.duckdb"));
        data = CountryYearData.load(store);
        builder = new PanelBuilder(data);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Measure only(String iso3, String measure) {
        List<Measure> ms = data.measures("mine-ban", iso3).stream()
                .filter(m -> m.measure().equals(measure))
                .toList();
        assertThat(ms).as(iso3 + " " + measure).hasSize(1);
        return ms.get(0);
    }

    @Test
    void russiasMeasuresAreScopedAndDatedAsTheMonitorHasThem() {
        Measure halt = only("RUS", "production_halt");
        assertThat(halt.scope()).isEqualTo("partial");
        assertThat(halt.scopeDetail()).contains("blast mines only").contains("PFM-1, PMN, PMN-2 and PMN-4");
        assertThat(halt.yearFrom()).isEqualTo(1994);
        assertThat(halt.yearTo()).isEqualTo(2012); // LM2013 lists Russia as a producer again
        Measure listed = only("RUS", "producer_listed");
        assertThat(listed.scope()).isEqualTo("none");
        assertThat(listed.yearFrom()).isEqualTo(2013);
        assertThat(listed.yearTo()).isEqualTo(2022);
        Measure exports = only("RUS", "export_moratorium");
        assertThat(exports.scope()).isEqualTo("partial");
        assertThat(exports.yearTo()).isEqualTo(2002); // expired on 1 December 2002
        assertThat(exports.inForce(2002)).isTrue();
        assertThat(exports.inForce(2003)).isFalse();
        assertThat(exports.inForce(2024)).isFalse();
        assertThat(exports.describe())
                .isEqualTo("export moratorium, partial (non-self-destructing mines; "
                        + "non-detectable and non-self-destructing mines), 1994-2002");
        assertThat(halt.source()).startsWith("policy/adherence_spells.csv row ").contains("producers.csv:14,15,16");
        assertThat(halt.instruments()).containsExactly("mine-ban", "ccw-apii");
    }

    @Test
    void russiasAdherenceFollowsWhatIsInForceEachYear() {
        // measures_in_force is read in the lagged year: the 2000 row shows 1999.
        Panel p = builder.build(PanelSpec.of(
                "mine-ban",
                Transition.CONSENT,
                List.of(
                        Variables.MEASURES_IN_FORCE,
                        "measure_production_halt",
                        "measure_export_moratorium",
                        "measure_producer_listed")));
        for (int year = 1998; year <= 2025; year++) {
            int r = row(p, "RUS", year);
            int seen = year - 1;
            assertThat(p.column("measure_production_halt")[r])
                    .as("halt " + seen)
                    .isEqualTo(seen <= 2012 ? 1.0 : 0.0);
            assertThat(p.column("measure_export_moratorium")[r])
                    .as("exports " + seen)
                    .isEqualTo(seen <= 2002 ? 1.0 : 0.0);
            assertThat(p.column("measure_producer_listed")[r])
                    .as("listed " + seen)
                    .isEqualTo(seen >= 2013 && seen <= 2022 ? 1.0 : 0.0);
            // the stockpile destruction (1996-2004) and the halt (to 2012) are the last measures in force
            assertThat(p.column(Variables.MEASURES_IN_FORCE)[r])
                    .as("in force " + seen)
                    .isEqualTo(seen <= 2012 ? 1.0 : 0.0);
        }
        // From 2013 only the weaker regime (Amended Protocol II, party since 2005) shares the norm in deeds.
        Adherence a2024 = Adherence.of(data, "mine-ban", "RUS", 2024);
        assertThat(a2024.level()).isEqualTo(1);
        assertThat(a2024.inDeeds()).isTrue();
        assertThat(a2024.measures())
                .anyMatch(m -> m.startsWith("party to ccw-apii"))
                .anyMatch(m -> m.startsWith("export moratorium, partial") && m.contains("not in force in 2024"));
        // China's partial halt ends the year before the LM2014 listing.
        Measure chn = only("CHN", "production_halt");
        assertThat(chn.scope()).isEqualTo("partial");
        assertThat(chn.yearFrom()).isEqualTo(1997);
        assertThat(chn.yearTo()).isEqualTo(2013);
    }

    @Test
    void theThreatNextDoorIsAWar() {
        for (String iso3 : List.of("IRL", "CAN", "MEX", "TUR")) {
            for (int y = 2019; y <= 2025; y++) {
                assertThat(data.value(CountryYearData.BORDER_WAR, iso3, y))
                        .as(iso3 + " " + y)
                        .isZero();
            }
        }
        for (String iso3 : List.of("FIN", "EST", "LVA", "LTU", "POL")) {
            assertThat(data.value(CountryYearData.BORDER_WAR, iso3, 2023))
                    .as(iso3)
                    .isEqualTo(1.0);
        }
        // Only Russia-Ukraine reaches war intensity among interstate conflicts since 2015.
        for (int y = 2015; y <= 2024; y++) {
            for (String iso3 : data.countries().keySet()) {
                double war = data.value("conflict_interstate_war", iso3, y);
                if (war > 0) {
                    assertThat(iso3).as("at war in " + y).isIn("RUS", "UKR");
                    assertThat(y).isBetween(2022, 2024);
                }
            }
        }
        // The broad version stays available: Ireland's neighbour (the United Kingdom) struck Yemen in 2024.
        assertThat(data.value(CountryYearData.BORDER_CONFLICT, "IRL", 2024)).isEqualTo(1.0);
        assertThat(data.value(CountryYearData.BORDER_CONFLICT, "FIN", 2023)).isEqualTo(1.0);
    }

    @Test
    void theConsentPanelHoldsEveryConsentByAStateThatCanDeposit() {
        List<Participation> consents = new ArrayList<>();
        for (Participation p : data.participation("mine-ban").values()) {
            if (p.consent() != null
                    && p.consent().getYear() >= 1997
                    && p.consent().getYear() <= 2025) {
                consents.add(p);
            }
        }
        long bySystemStates = consents.stream()
                .filter(p -> data.inSystem(p.iso3(), p.consent().getYear()))
                .count();
        assertThat(bySystemStates).isEqualTo(162);
        List<String> outside = consents.stream()
                .filter(p -> !data.inSystem(p.iso3(), p.consent().getYear()))
                .map(Participation::iso3)
                .sorted()
                .toList();
        assertThat(outside).containsExactly("COK", "NIU", "PSE", "VAT");

        PanelSpec spec = PanelSpec.of(
                        "mine-ban", Transition.CONSENT, Models.specVariables(data, "two-level", "mine-ban"))
                .withYears(1997, 2025);
        Panel filled = builder.build(spec.withMissing(MissingPolicy.FILL));
        assertThat(filled.events()).isEqualTo(consents.size());
        assertThat(filled.leftOut()).isEmpty();
        Set<String> events = new HashSet<>();
        for (int i = 0; i < filled.rows(); i++) {
            if (filled.event()[i] > 0) {
                events.add(filled.iso3()[i] + " " + filled.year()[i]);
            }
        }
        for (Participation p : consents) {
            assertThat(events).contains(p.iso3() + " " + p.consent().getYear());
        }
        // The microstates of 2025 and the successions of new states are in.
        assertThat(events).contains("MHL 2025", "TON 2025", "MNE 2006", "SSD 2011");
        // A new state's first-year covariates come from that year: Montenegro's 2006 row is complete.
        assertThat(filled.column("euds_missing")[row(filled, "MNE", 2006)]).isZero();
        assertThat(filled.column("euds")[row(filled, "MNE", 2006)]).isEqualTo(data.value("euds", "MNE", 2006));

        // Dropping rows with a missing value leaves the four entities without a democracy score out, and says so.
        Panel dropped = builder.build(spec);
        assertThat(dropped.events()).isEqualTo(162);
        assertThat(dropped.leftOut()).hasSize(1);
        String reason = dropped.leftOut().keySet().iterator().next();
        assertThat(reason).contains("missing value of euds");
        assertThat(dropped.leftOut().get(reason)).containsExactly("COK 2006", "NIU 1998", "PSE 2017", "VAT 1998");
        assertThat(dropped.leftOutReport()).contains("4 consent(s) of 1997-2025 left out");
    }

    @Test
    void taiwanAndKosovoCannotDepositAndAreInNoRiskSet() {
        Panel p = builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("share_global")));
        for (String s : p.iso3()) {
            assertThat(s).isNotIn("TWN", "UNK");
        }
        assertThat(data.nonDepositorsBetween(1997, 2025)).containsExactly("TWN", "UNK");
        assertThat(data.depositors().get("PSE").fromYear()).isEqualTo(2012);
        assertThat(row(p, "PSE", 2011)).isNegative();
        assertThat(row(p, "PSE", 2012)).isNotNegative();
        assertThat(data.depositors().get("PSE").basis()).contains("67/19");
    }

    @Test
    void missingFlagsEnterTheModel() {
        Panel p = builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("log_duration", "euds"))
                .withMissing(MissingPolicy.FILL));
        assertThat(p.names()).containsExactly("log_duration", "euds", "euds_missing");
        ModelFit fit = Models.fit(
                "m",
                p,
                List.of("log_duration", "euds"),
                Link.LOGIT,
                HazardEstimator.of().withSeType(SeType.MODEL));
        assertThat(fit.estimate().names()).contains("euds_missing");
        assertThat(fit.variables()).containsExactly("log_duration", "euds", "euds_missing");
    }

    @Test
    void russiaIsBlockedWithTheProbabilityOfItsCell() {
        List<String> vars = Models.specVariables(data, "two-level", "mine-ban");
        assertThat(Specs.blocks(vars).keySet())
                .containsExactly("international", "perception", "domestic", "incentives");
        // Amended Protocol II sits in one block only.
        assertThat(Specs.blocks(vars).values().stream()
                        .filter(b -> b.contains("party_ccw_apii"))
                        .count())
                .isEqualTo(1);
        assertThat(Variables.level("party_ccw_apii")).isEqualTo("perception");
        ModelFit fit = Models.fit(
                "two-level",
                builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, vars).withMissing(MissingPolicy.FILL)),
                vars,
                Link.LOGIT,
                HazardEstimator.of().withSeType(SeType.CLUSTER));
        Explanation rus = Explanation.of(data, fit, "RUS", 2025);
        assertThat(rus.adherence().inDeeds()).isTrue();
        assertThat(rus.type().isCell()).isTrue();
        assertThat(rus.typeProbability()).isBetween(0.0, 1.0);
        boolean strong = rus.domestic() < -Explanation.PRESSURE_THRESHOLD;
        assertThat(rus.type()).isEqualTo(strong ? Typology.BLOCKED : Typology.HESITANT);
        // The cell probability agrees with the point estimate's side more often than not.
        assertThat(rus.typeProbability()).isGreaterThanOrEqualTo(0.5);
        assertThat(rus.international() + rus.perception() + rus.domestic() + rus.incentives())
                .isCloseTo(
                        rus.contributions().stream()
                                .filter(c -> !c.level().equals("baseline"))
                                .mapToDouble(Explanation.Contribution::contribution)
                                .sum(),
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void anImportedInstrumentHasNoLandmineMeasuresUntilSomeAreImported() throws Exception {
        Path db = dir.resolve("import.duckdb");
        try (NormlabStore s = NormlabStore.open(db)) {
            String csv = "iso3,state,signature_date,consent_date,consent_type,entry_into_force_date,"
                    + "withdrawal_notified_date,withdrawal_effective_date\n"
                    + "NOR,Norway,2008-12-03,2008-12-03,ratification,2010-08-01,,\n"
                    + "FRA,France,2008-12-03,2009-09-25,ratification,2010-08-01,,\n";
            List<Participation> rows = ParticipationFile.parse(
                    CsvTable.read(
                            "ccm.csv",
                            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                            ParticipationFile.COLUMNS,
                            ParticipationFile.OPTIONAL),
                    s.knownStates(),
                    false);
            s.importInstrument(
                    new Instrument("ccm", "Convention on Cluster Munitions", LocalDate.of(2008, 12, 3), 30, "test"),
                    rows,
                    false);
            CountryYearData d = CountryYearData.load(s);
            Adherence rus = Adherence.of(d, "ccm", "RUS", 2020);
            assertThat(rus.measures()).isEmpty();
            assertThat(rus.level()).isZero();
            assertThat(Specs.perception(d, "ccm")).isEmpty();
            assertThat(Models.specVariables(d, "two-level", "ccm"))
                    .doesNotContain("party_ccw_apii", "unga_yes", Variables.MEASURES_IN_FORCE);

            String measures = "iso3,instruments,measure,scope,scope_detail,year_from,year_to,source\n"
                    + "RUS,ccm,use_moratorium,partial,air-dropped only,2015,,test source\n";
            List<Measure> ms = MeasureFile.parse(
                    CsvTable.read(
                            "m.csv",
                            new ByteArrayInputStream(measures.getBytes(StandardCharsets.UTF_8)),
                            MeasureFile.COLUMNS,
                            MeasureFile.OPTIONAL),
                    s.knownStates(),
                    Set.of("ccm", "mine-ban", "ccw-apii"),
                    false);
            s.importMeasures(ms, false);
            assertThatThrownBy(() -> s.importMeasures(ms, false)).hasMessageContaining("exists already");
            CountryYearData d2 = CountryYearData.load(s);
            Adherence after = Adherence.of(d2, "ccm", "RUS", 2020);
            assertThat(after.measures())
                    .containsExactly("use moratorium, partial (air-dropped only), from 2015 "
                            + "(open as of its last source); in force in 2020");
            assertThat(after.level()).isEqualTo(1);
            assertThat(Specs.perception(d2, "ccm")).containsExactly(Variables.MEASURES_IN_FORCE);
            // ... and the landmine instrument does not see it.
            assertThat(Adherence.of(d2, "mine-ban", "RUS", 2020).records()).noneMatch(m -> m.concerns("ccm"));
        }
    }

    @Test
    void aBadMeasuresFileIsRefusedWithFileLineAndReason() {
        String csv = "iso3,instruments,measure,scope,scope_detail,year_from,year_to,source\n"
                + "RUS,mine-ban,production_halt,some,,1994,2012,x\n"
                + "XXX,nowhere,Halt,all,,2012,1994,x\n";
        assertThatThrownBy(() -> MeasureFile.parse(
                        CsvTable.read(
                                "bad.csv",
                                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                                MeasureFile.COLUMNS,
                                MeasureFile.OPTIONAL),
                        store.knownStates(),
                        Set.of("mine-ban"),
                        false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("bad.csv:2: scope 'some' is not one of all, partial, unknown, none")
                .hasMessageContaining("bad.csv:3: unknown country code XXX")
                .hasMessageContaining("bad.csv:3: instruments: unknown instrument 'nowhere'")
                .hasMessageContaining("bad.csv:3: measure 'Halt' is not a valid name")
                .hasMessageContaining("bad.csv:3: year_to 1994 is before year_from 2012");
    }

    private static int row(Panel p, String iso3, int year) {
        for (int i = 0; i < p.rows(); i++) {
            if (p.iso3()[i].equals(iso3) && p.year()[i] == year) {
                return i;
            }
        }
        return -1;
    }
}
