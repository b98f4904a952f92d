package org.normlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.store.NormlabStore;

/** Facts from the UN depositary and the Landmine Monitor that the bundled data must reproduce. */
class BundledFactsTest {
    @TempDir
    static Path dir;

    static NormlabStore store;

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("facts.duckdb"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static StatusTable status(String instrument, String date) {
        return StatusTable.on(
                LocalDate.parse(date),
                store.participation(instrument),
                store.spells(),
                store.countries(),
                store.systemListEnd());
    }

    @Test
    void partiesBeforeAndAfterPolandsWithdrawalTookEffect() {
        assertThat(status("mine-ban", "2026-02-03").counts().get(Status.PARTY)).isEqualTo(162);
        assertThat(status("mine-ban", "2026-03-01").counts().get(Status.PARTY)).isEqualTo(161);
        assertThat(status("mine-ban", "2026-02-03").statusOf("POL")).isEqualTo(Status.PARTY);
        assertThat(status("mine-ban", "2026-02-20").statusOf("POL")).isEqualTo(Status.WITHDRAWN);
    }

    @Test
    void fortiethConsentAndEntryIntoForce() {
        List<Participation> consents = new ArrayList<>(store.participation("mine-ban").stream()
                .filter(p -> p.consent() != null)
                .toList());
        consents.sort(Comparator.comparing(Participation::consent));
        assertThat(consents.get(39).consent()).isEqualTo(LocalDate.of(1998, 9, 16));
        assertThat(consents.get(39).entryIntoForce()).isEqualTo(LocalDate.of(1999, 3, 1));
        assertThat(consents.get(0).entryIntoForce()).isEqualTo(LocalDate.of(1999, 3, 1));
    }

    @Test
    void consentsPerYear1997To2005() {
        int[] expected = {3, 55, 32, 19, 13, 8, 11, 3, 4};
        for (int i = 0; i < expected.length; i++) {
            int year = 1997 + i;
            long n = store.participation("mine-ban").stream()
                    .filter(p -> p.consent() != null && p.consent().getYear() == year)
                    .count();
            assertThat(n).as("consents in %d", year).isEqualTo(expected[i]);
        }
    }

    @Test
    void finlandWithdrewUkraineStays() {
        assertThat(status("mine-ban", "2025-12-31").statusOf("FIN")).isEqualTo(Status.PARTY);
        assertThat(status("mine-ban", "2026-01-11").statusOf("FIN")).isEqualTo(Status.WITHDRAWN);
        assertThat(status("mine-ban", "2026-03-01").statusOf("UKR")).isEqualTo(Status.PARTY);
        for (String baltic : List.of("EST", "LVA", "LTU")) {
            assertThat(status("mine-ban", "2025-12-26").statusOf(baltic)).isEqualTo(Status.PARTY);
            assertThat(status("mine-ban", "2025-12-27").statusOf(baltic)).isEqualTo(Status.WITHDRAWN);
        }
    }

    @Test
    void greatPowersNeverParty() {
        for (String iso3 : List.of("RUS", "USA", "CHN")) {
            assertThat(store.participation("mine-ban")).noneMatch(p -> p.iso3().equals(iso3));
            for (int year = 1997; year <= 2026; year++) {
                assertThat(status("mine-ban", year + "-12-31").statusOf(iso3)).isEqualTo(Status.NONE);
            }
        }
    }

    @Test
    void russiaPartyToAmendedProtocolIiSince2005() {
        assertThat(status("ccw-apii", "2004-12-31").statusOf("RUS")).isEqualTo(Status.NONE);
        assertThat(status("ccw-apii", "2005-12-31").statusOf("RUS")).isEqualTo(Status.PARTY);
        assertThat(status("ccw-apii", "2026-03-01").statusOf("RUS")).isEqualTo(Status.PARTY);
    }

    @Test
    void entitiesOutsideTheStateSystemAreListedAndTheSystemIsCarriedForward() {
        StatusTable t = status("mine-ban", "2026-03-01");
        assertThat(t.extrapolated()).isTrue();
        for (String iso3 : List.of("COK", "VAT", "NIU", "PSE")) {
            assertThat(t.rows()).anySatisfy(r -> {
                assertThat(r.iso3()).isEqualTo(iso3);
                assertThat(r.inSystem()).isFalse();
                assertThat(r.status()).isEqualTo(Status.PARTY);
            });
        }
        assertThat(status("mine-ban", "2010-06-30").extrapolated()).isFalse();
        // Palestine acceded in 2017: not listed before it took part, as it is outside the system list.
        assertThat(status("mine-ban", "2010-06-30").rows())
                .noneMatch(r -> r.iso3().equals("PSE"));
    }

    @Test
    void nonPartiesMatchTheBundledNonPartyList() {
        StatusTable t = status("mine-ban", "2026-03-01");
        List<String> never = t.rows().stream()
                .filter(r -> r.status() == Status.NONE && r.inSystem())
                .map(StateStatus::iso3)
                .toList();
        // The list of UN members outside the Convention (31) plus Taiwan and Kosovo, which the UN list leaves out.
        assertThat(never)
                .hasSize(33)
                .contains("RUS", "USA", "CHN", "IND", "PAK", "KOR", "IRN", "ISR", "EGY", "SAU", "TWN", "UNK");
        assertThat(t.rows().stream().filter(r -> r.status() == Status.WITHDRAWN).map(StateStatus::iso3))
                .containsExactly("EST", "FIN", "LTU", "LVA", "POL");
    }
}
