package org.normlab.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.data.StatusTable;
import org.normlab.data.VariableNames;
import org.normlab.store.NormlabStore;

class PanelBuilderTest {
    @TempDir
    static Path dir;

    static NormlabStore store;
    static PanelBuilder builder;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("panel.duckdb"));
        builder = new PanelBuilder(CountryYearData.load(store));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void consentRiskSetHoldsEveryStateYearUntilTheEventAndNoneAfter() {
        Panel p = builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("log_duration")));
        assertThat(p.spec().firstYear()).isEqualTo(1997);
        assertThat(p.spec().lastYear()).isEqualTo(2025);
        Set<String> seenEvent = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < p.rows(); i++) {
            assertThat(seenEvent)
                    .as("row after the event: %s %d", p.iso3()[i], p.year()[i])
                    .doesNotContain(p.iso3()[i]);
            assertThat(keys.add(p.iso3()[i] + p.year()[i])).isTrue();
            if (p.event()[i] == 1) {
                seenEvent.add(p.iso3()[i]);
            }
        }
        // Every consent by a state that can deposit falls in the panel (the Holy See, Niue, the Cook Islands
        // and Palestine included; they are outside the state-system list).
        long expected = store.participation("mine-ban").stream()
                .filter(x -> x.consent() != null
                        && builder.data().canDeposit(x.iso3(), x.consent().getYear()))
                .count();
        assertThat(p.events()).isEqualTo((int) expected).isGreaterThan(150);
        assertThat(seenEvent).doesNotContain("RUS", "USA", "CHN").contains("CAN", "UKR", "FIN");
        // Russia is at risk in every year.
        long rus = java.util.stream.IntStream.range(0, p.rows())
                .filter(i -> p.iso3()[i].equals("RUS"))
                .count();
        assertThat(rus).isEqualTo(2025 - 1997 + 1);
        assertThat(p.column("log_duration")[0]).isEqualTo(0.0);
    }

    @Test
    void exposuresAreLastYearsShares() {
        Panel p = builder.build(PanelSpec.of(
                "mine-ban",
                Transition.CONSENT,
                List.of("share_global", "share_border", "share_subregion", "share_allies", "opening_year")));
        StatusTable end1998 = StatusTable.on(
                LocalDate.of(1998, 12, 31),
                store.participation("mine-ban"),
                store.spells(),
                store.countries(),
                store.systemListEnd());
        // The world of the exposures is the states that can deposit (the state system without Taiwan and
        // Kosovo, with the Holy See, Niue and the Cook Islands).
        java.util.function.Predicate<org.normlab.data.StateStatus> canDeposit =
                r -> builder.data().canDeposit(r.iso3(), 1998);
        long inSystemParties = end1998.rows().stream()
                .filter(canDeposit)
                .filter(r -> r.status() == Status.PARTY)
                .count();
        long inSystem = end1998.rows().stream().filter(canDeposit).count();
        assertThat(end1998.rows().stream().filter(canDeposit).map(org.normlab.data.StateStatus::iso3))
                .contains("VAT", "NIU")
                .doesNotContain("TWN");
        int i = row(p, "RUS", 1999);
        assertThat(p.column("share_global")[i])
                .isCloseTo((double) inSystemParties / inSystem, org.assertj.core.data.Offset.offset(1e-12));
        // Russia's neighbours that were party at the end of 1998: count from the raw participation.
        List<String> rusNeighbours = builder.data().countries().get("RUS").landBorders();
        long partyNeighbours = rusNeighbours.stream()
                .filter(n -> builder.data().inSystem(n, 1998))
                .filter(n -> {
                    Participation x = builder.data().participation("mine-ban").get(n);
                    return x != null && x.statusOn(LocalDate.of(1998, 12, 31)) == Status.PARTY;
                })
                .count();
        long neighbours = rusNeighbours.stream()
                .filter(n -> builder.data().inSystem(n, 1998))
                .count();
        assertThat(p.column("share_border")[i])
                .isCloseTo((double) partyNeighbours / neighbours, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.column("share_allies")[i]).isZero(); // not a NATO member
        List<String> allies = builder.data().countries().keySet().stream()
                .filter(c -> !c.equals("USA") && builder.data().value("nato_member", c, 1998) == 1.0)
                .toList();
        long partyAllies =
                allies.stream().filter(a -> end1998.statusOf(a) == Status.PARTY).count();
        assertThat(allies).hasSize(15);
        assertThat(p.column("share_allies")[row(p, "USA", 1999)])
                .isCloseTo((double) partyAllies / allies.size(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.column("opening_year")[row(p, "RUS", 1998)]).isEqualTo(1.0);
        assertThat(p.column("opening_year")[i]).isEqualTo(0.0);
    }

    @Test
    void withdrawalRiskSetIsThePartiesAndHasTheFiveWithdrawals() {
        Panel p = builder.build(PanelSpec.of("mine-ban", Transition.WITHDRAWAL, List.of("nato_member")));
        assertThat(p.events()).isEqualTo(5);
        Set<String> who = new HashSet<>();
        for (int i = 0; i < p.rows(); i++) {
            if (p.event()[i] == 1) {
                who.add(p.iso3()[i]);
                assertThat(p.year()[i]).isEqualTo(2025);
            }
        }
        assertThat(who).containsExactlyInAnyOrder("EST", "LVA", "LTU", "FIN", "POL");
        assertThat(row(p, "FIN", 2012)).isNegative(); // Finland became party in 2012: at risk from 2013
        assertThat(row(p, "FIN", 2013)).isNotNegative();
        assertThat(row(p, "RUS", 2010)).isNegative();
    }

    @Test
    void laggedIndicatorsAndRelatedInstrument() {
        Panel p = builder.build(PanelSpec.of(
                "mine-ban", Transition.CONSENT, List.of("conflict_territorial", "party_ccw_apii", "eu_member")));
        // Russia's Chechen war: territorial conflict located in Russia in 1999 explains the 2000 row.
        assertThat(p.column("conflict_territorial")[row(p, "RUS", 2000)])
                .isEqualTo(builder.data().value("conflict_territorial", "RUS", 1999));
        assertThat(p.column("party_ccw_apii")[row(p, "RUS", 2005)]).isZero();
        assertThat(p.column("party_ccw_apii")[row(p, "RUS", 2006)]).isEqualTo(1.0);
        assertThat(p.column("eu_member")[row(p, "FIN", 2000)]).isEqualTo(1.0);
    }

    @Test
    void missingValuesAreDroppedOrFilledAndReported() {
        PanelSpec spec = PanelSpec.of("mine-ban", Transition.CONSENT, List.of("polity2"));
        Panel dropped = builder.build(spec);
        Panel filled = builder.build(spec.withMissing(MissingPolicy.FILL));
        assertThat(dropped.dropped().get("polity2")).isPositive();
        assertThat(filled.rows()).isEqualTo(dropped.rows() + dropped.dropped().get("polity2"));
        assertThat(filled.names()).containsExactly("polity2", "polity2_missing");
        assertThat(filled.missingReport()).contains("polity2");
        // polity2 ends in 2018 (one state to 2020): every 2021+ row is missing
        assertThat(filled.column("polity2_missing")[row(filled, "RUS", 2022)]).isEqualTo(1.0);
    }

    @Test
    void unknownVariableIsAClearError() {
        assertThatThrownBy(() -> builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("gdp"))))
                .isInstanceOf(NormlabException.class)
                .hasMessageContaining("unknown variable 'gdp'");
        assertThatThrownBy(() -> builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("party_mine_ban"))))
                .hasMessageContaining("cannot explain itself");
    }

    @Test
    void writesCsvAndParquet() throws Exception {
        Panel p = builder.build(PanelSpec.of("mine-ban", Transition.CONSENT, List.of("share_global", "polyarchy")));
        Path csv = dir.resolve("p.csv");
        PanelWriter.write(p, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("iso3,year,event,share_global,polyarchy");
        assertThat(lines).hasSize(p.rows() + 1);
        Path parquet = dir.resolve("p.parquet");
        PanelWriter.write(p, parquet);
        assertThat(Files.size(parquet)).isPositive();
    }

    private static int row(Panel p, String iso3, int year) {
        for (int i = 0; i < p.rows(); i++) {
            if (p.iso3()[i].equals(iso3) && p.year()[i] == year) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyVariableNormlabComputesOrDerivesIsAReservedName() {
        Set<String> stored = new HashSet<>();
        store.indicators().forEach(s -> stored.add(s.info().name()));
        List<VariableInfo> computed = Variables.list(CountryYearData.load(store)).stream()
                .filter(v -> !stored.contains(v.name()))
                .toList();
        assertThat(computed)
                .extracting(VariableInfo::name)
                .contains("log_duration", "share_global", "border_war", "party_ccw_apii");
        for (VariableInfo v : computed) {
            String name = v.name().replace("YYYY", "1999").replace("<indicator>_pastNN", "conflict_territorial_past10");
            assertThat(VariableNames.reservedReason(name))
                    .as(name + " may not be imported")
                    .isPresent();
            assertThat(VariableNames.reservedReason(VariableNames.missingFlag(name)))
                    .isPresent();
        }
    }
}
