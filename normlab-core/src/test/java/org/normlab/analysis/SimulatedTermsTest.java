package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.data.ConsentType;
import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.Participation;
import org.normlab.data.Tie;
import org.normlab.data.VariableNames;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.panel.VariableInfo;
import org.normlab.panel.Variables;
import org.normlab.sim.RunFrame;
import org.normlab.sim.SimWorld;
import org.normlab.sim.TermReplay;
import org.normlab.sim.Terms;
import org.normlab.store.NormlabStore;

/**
 * Every term a panel can build has the same value in the simulation, on the observed history: the
 * world replayed with the observed statuses gives, state by state and year by year, the panel's
 * value of each term of the variable registry ({@link Variables#list}), on the bundled Mine Ban
 * data and on a small imported treaty with a weighted network of its own.
 */
class SimulatedTermsTest {
    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    static NormlabStore store;
    static CountryYearData data;

    @BeforeAll
    static void open() {
        store = NormlabStore.openForWriting(dir.resolve("terms.duckdb"));
        store.importInstrument(
                new Instrument("club-treaty", "A small treaty", LocalDate.of(2005, 3, 1), 3, "test"),
                List.of(
                        party("FRA", 2005, null),
                        party("DEU", 2006, null),
                        party("POL", 2006, 2015),
                        party("CZE", 2008, null),
                        party("AUT", 2011, null),
                        party("HUN", 2013, null),
                        party("SVK", 2019, null)),
                false);
        store.importTies(
                List.of(
                        new Tie("DEU", "POL", "club", 2000, null, 2.5),
                        new Tie("CZE", "POL", "club", 2000, 2012, 1.0),
                        new Tie("HUN", "POL", "club", 2007, null, 0.5),
                        new Tie("AUT", "HUN", "club", 2000, null, 3.0),
                        new Tie("AUT", "SVK", "club", 2010, null, 3.0),
                        new Tie("RUS", "SVK", "club", 2000, null, 1.0)),
                "club.csv",
                false);
        data = CountryYearData.load(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Participation party(String iso3, int year, Integer withdrawal) {
        LocalDate consent = LocalDate.of(year, 6, 1);
        return new Participation(
                iso3,
                iso3,
                consent,
                consent,
                ConsentType.RATIFICATION,
                consent,
                withdrawal == null ? null : LocalDate.of(withdrawal, 2, 1),
                withdrawal == null ? null : LocalDate.of(withdrawal, 8, 1),
                "");
    }

    /**
     * The concrete terms of the registry: each listed variable, a template ({@code year_YYYY},
     * {@code <indicator>_pastNN}) instantiated for two years and every indicator; the instrument's
     * own {@code party_} variable left out, as it cannot explain itself.
     */
    static List<String> registry(String instrument, int opening, int last) {
        Set<String> out = new LinkedHashSet<>();
        String self = VariableNames.PARTY_PREFIX + data.instrument(instrument).variableSuffix();
        for (VariableInfo v : Variables.list(data)) {
            String name = v.name();
            if (name.equals("year_YYYY")) {
                out.add("year_" + (opening + 1));
                out.add("year_" + last);
            } else if (name.equals("<indicator>_pastNN")) {
                data.indicators().keySet().forEach(i -> out.add(i + "_past3"));
            } else if (!name.equals(self)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    @ParameterizedTest
    @CsvSource({"mine-ban, CONSENT", "mine-ban, WITHDRAWAL", "club-treaty, CONSENT"})
    void theSimulationComputesEveryPanelTermAsThePanelDoes(String instrument, Transition transition) {
        int opening = data.instrument(instrument).opened().getYear();
        int last = data.lastDataYear();
        List<String> terms = registry(instrument, opening, last);
        assertThat(terms)
                .contains("log_duration", "opening_year", "share_global", "share_ties_border", "share_ties_nato")
                .contains(instrument.equals("club-treaty") ? "share_ties_club" : "measures_in_force")
                .anyMatch(t -> t.startsWith("party_"))
                .anyMatch(t -> t.endsWith("_past3"));
        Panel panel =
                new PanelBuilder(data).build(new PanelSpec(instrument, transition, 0, 0, 1, terms, MissingPolicy.FILL));
        assertThat(panel.rows()).isGreaterThan(50);
        // With every covariate's _missing flag in the model, the world fills unknown values with 0 as the
        // panel does, so that every value can be compared; the flags themselves are terms too.
        List<String> flags = new ArrayList<>();
        for (String t : terms) {
            if (!Terms.isBuiltIn(t)) {
                flags.add(VariableNames.missingFlag(t));
            }
        }
        List<String> worldTerms = new ArrayList<>(terms);
        worldTerms.addAll(flags);
        SimWorld world = Worlds.of(data, instrument, worldTerms, last, 1);
        RunFrame frame = RunFrame.of(world, opening, last);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String term : worldTerms) {
            double[] sim = TermReplay.values(frame, term);
            double[] expected = flags.contains(term) && !panel.names().contains(term)
                    ? new double[panel.rows()]
                    : panel.column(term);
            for (int i = 0; i < panel.rows(); i++) {
                int s = world.indexOf(panel.iso3()[i]);
                assertThat(s).as(panel.iso3()[i]).isNotNegative();
                double got = sim[(panel.year()[i] - opening) * world.stateCount() + s];
                compared++;
                if (Double.compare(got, expected[i]) != 0 && mismatches.size() < 20) {
                    mismatches.add(term + " " + panel.iso3()[i] + " " + panel.year()[i] + ": panel " + expected[i]
                            + ", simulation " + got);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isEqualTo(worldTerms.size() * panel.rows());
        if (instrument.equals("club-treaty")) {
            // The weighted network matters on these rows: in 2012 HUN sees POL (weight 0.5) and AUT (3.0),
            // both parties at the end of 2011: a share of 1; SVK sees AUT (3.0, party) and RUS (1.0, not):
            // 3 / 4, where the unweighted share would be 1/2.
            double[] club = panel.column("share_ties_club");
            for (int i = 0; i < panel.rows(); i++) {
                if (panel.iso3()[i].equals("SVK") && panel.year()[i] == 2012) {
                    assertThat(club[i]).isEqualTo(0.75);
                }
                if (panel.iso3()[i].equals("HUN") && panel.year()[i] == 2012) {
                    assertThat(club[i]).isEqualTo(1.0);
                }
            }
        }
    }
}
