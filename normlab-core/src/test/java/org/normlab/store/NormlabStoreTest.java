package org.normlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.ConsentType;
import org.normlab.data.IndicatorValue;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Tie;
import org.normlab.data.bundled.BundledData;

/**
 * The store keeps a user's data apart from the bundled data across releases, opens read-only
 * beside other readers, and refuses a damaged database in one line.
 */
class NormlabStoreTest {
    @TempDir
    static Path dir;
    /** A freshly created database, copied for each test so that every test starts from the same file. */
    static Path template;

    static Map<String, Long> freshCounts;
    static long freshBorderTies;
    static long freshPolity2Values;
    static int freshMineBanRows;

    static final Instrument MY_MINE_BAN = new Instrument(
            "mine-ban",
            "My own coding of the Mine Ban Convention",
            LocalDate.of(1997, 12, 3),
            40,
            "imported from mine.csv");
    static final List<Participation> MY_ROWS = List.of(
            new Participation(
                    "CAN",
                    "Canada",
                    LocalDate.of(1997, 12, 3),
                    LocalDate.of(1997, 12, 3),
                    ConsentType.RATIFICATION,
                    null,
                    null,
                    null,
                    ""),
            new Participation(
                    "NOR",
                    "Norway",
                    LocalDate.of(1997, 12, 3),
                    LocalDate.of(1998, 7, 9),
                    ConsentType.RATIFICATION,
                    null,
                    null,
                    null,
                    ""));
    static final List<IndicatorValue> MY_POLITY2 = List.of(
            IndicatorValue.of("polity2", "RUS", 2000, 9, "mine"), IndicatorValue.of("polity2", "RUS", 2001, 9, "mine"));
    static final List<Tie> MY_BORDERS = List.of(new Tie("FIN", "RUS", "border", 1800, null));

    @BeforeAll
    static void createTemplate() {
        template = dir.resolve("template.duckdb");
        try (NormlabStore store = NormlabStore.openForWriting(template)) {
            freshCounts = store.rowCounts();
            freshBorderTies = store.ties("border").size();
            freshPolity2Values = store.indicatorValues(List.of("polity2")).size();
            freshMineBanRows = store.participation("mine-ban").size();
        }
    }

    private static Path copy(String name) throws Exception {
        Path db = dir.resolve(name + ".duckdb");
        Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
        return db;
    }

    /** Replaces a bundled instrument, indicator and tie kind, as {@code data import --replace} does. */
    private static void replaceBundled(Path db) {
        try (NormlabStore store = NormlabStore.openForWriting(db)) {
            store.importInstrument(MY_MINE_BAN, MY_ROWS, true);
            store.importIndicators(MY_POLITY2, "mine.csv", true);
            store.importTies(MY_BORDERS, "borders.csv", true);
        }
    }

    private static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Makes the file look as if an older release with other bundled data had written it. */
    private static void pretendOtherBundledData(Path db) throws SQLException {
        sql(
                db,
                "UPDATE meta SET value = '" + "0".repeat(64) + "' WHERE key = 'bundled_digest'",
                "INSERT INTO indicator (name, definition, source, missing, bundled) VALUES ('old_bundled', 'dropped by a later release', 'old', 'na', true)",
                "INSERT INTO indicator_value (name, iso3, year, value, source) VALUES ('old_bundled', 'RUS', 2000, 1, 'old')",
                "DELETE FROM participation WHERE instrument_id = 'ccw-apii' AND iso3 < 'M'",
                "DELETE FROM tie WHERE kind = 'nato' AND iso3_a < 'F'");
    }

    private static void assertReplacementsInForceAndBundledDataCurrent(NormlabStore store) {
        assertThat(store.dataDigest()).isEqualTo(BundledData.currentDigest());
        assertThat(store.instrument("mine-ban").title()).isEqualTo(MY_MINE_BAN.title());
        assertThat(store.participation("mine-ban"))
                .extracting(Participation::iso3)
                .containsExactly("CAN", "NOR");
        assertThat(store.indicatorValues(List.of("polity2")))
                .extracting(IndicatorValue::value)
                .containsExactly(9.0, 9.0);
        assertThat(store.ties("border")).hasSize(1);
        assertThat(store.indicators()).noneMatch(s -> s.info().name().equals("old_bundled"));
        Map<String, Long> counts = store.rowCounts();
        assertThat(counts.get("participation")).isEqualTo(freshCounts.get("participation") - freshMineBanRows + 2);
        assertThat(counts.get("indicator_value"))
                .isEqualTo(freshCounts.get("indicator_value") - freshPolity2Values + 2);
        assertThat(counts.get("tie")).isEqualTo(freshCounts.get("tie") - freshBorderTies + 1);
        assertThat(counts.get("indicator")).isEqualTo(freshCounts.get("indicator"));
        assertThat(store.origins(EntryKind.INSTRUMENT))
                .containsEntry("mine-ban", Origin.REPLACES_BUNDLED)
                .containsEntry("ccw-apii", Origin.BUNDLED);
        assertThat(store.origins(EntryKind.INDICATOR))
                .containsEntry("polity2", Origin.REPLACES_BUNDLED)
                .containsEntry("polyarchy", Origin.BUNDLED);
        assertThat(store.origins(EntryKind.TIES))
                .containsEntry("border", Origin.REPLACES_BUNDLED)
                .containsEntry("nato", Origin.BUNDLED);
    }

    @Test
    void replacementsOfBundledDataStayInForceWhenAnotherReleaseRefreshesTheBundledData() throws Exception {
        Path db = copy("refresh");
        replaceBundled(db);
        pretendOtherBundledData(db);
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.access()).isEqualTo(NormlabStore.Access.READ_ONLY);
            assertReplacementsInForceAndBundledDataCurrent(store);
        }
    }

    @Test
    void aSchemaOneDatabaseWithReplacementsIsMigratedAndRefreshed() throws Exception {
        // The layout of release one: no bundled_entry table; its refresh re-inserted a replaced bundled
        // instrument (a duplicate key) and merged bundled ties into a replaced kind.
        Path db = copy("schema1");
        replaceBundled(db);
        pretendOtherBundledData(db);
        sql(
                db,
                "DROP TABLE bundled_entry",
                "DROP TABLE measure",
                "DROP TABLE depositor",
                "ALTER TABLE tie DROP COLUMN weight",
                "ALTER TABLE indicator DROP COLUMN type",
                "ALTER TABLE indicator_value DROP COLUMN text",
                "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
                "INSERT INTO tie SELECT * REPLACE (true AS bundled) FROM tie WHERE kind = 'border'");
        try (NormlabStore store = NormlabStore.openForWriting(db)) {
            assertThat(store.meta("schema_version")).isEqualTo(Integer.toString(NormlabStore.SCHEMA_VERSION));
            // the tables of version 3 are back and filled by the refresh; the weights of version 4 read as 1
            assertThat(store.ties("border"))
                    .allSatisfy(t -> assertThat(t.weight()).isEqualTo(1.0));
            assertThat(store.measures()).isNotEmpty();
            assertThat(store.depositors()).isNotEmpty();
            // version 5: every indicator of an older database holds numbers
            assertThat(store.indicators())
                    .allSatisfy(i -> assertThat(i.info().type()).isEqualTo("number"));
            // the bundled copy of the user's border tie is dropped, the user's one stays
            assertThat(store.ties("border")).hasSize(1);
        }
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertReplacementsInForceAndBundledDataCurrent(store);
        }
    }

    @Test
    void aSchemaFourDatabaseTakesIndicatorsOfTextCategories() throws Exception {
        Path db = copy("schema4");
        try (NormlabStore store = NormlabStore.openForWriting(db)) {
            store.importIndicators(List.of(IndicatorValue.of("war_weariness", "RUS", 2000, 0.4, "x")), "w.csv", false);
        }
        sql(
                db,
                "ALTER TABLE indicator DROP COLUMN type",
                "ALTER TABLE indicator_value DROP COLUMN text",
                "ALTER TABLE indicator_value ALTER COLUMN value SET NOT NULL",
                "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
        try (NormlabStore store = NormlabStore.openForWriting(db)) {
            assertThat(store.indicatorValues(List.of("war_weariness")))
                    .containsExactly(IndicatorValue.of("war_weariness", "RUS", 2000, 0.4, "x"));
            store.importIndicators(
                    List.of(
                            IndicatorValue.category("regime", "RUS", 2000, "one-party state", "r.csv"),
                            IndicatorValue.category("regime", "USA", 2000, "democracy", "r.csv"),
                            IndicatorValue.category("regime", "RUS", 2001, "democracy", "r.csv")),
                    "r.csv",
                    false);
        }
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.indicators())
                    .filteredOn(i -> i.info().name().equals("regime"))
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.info().type()).isEqualTo("text");
                        assertThat(i.values()).isEqualTo(3);
                    });
            assertThat(store.indicatorValues(List.of("regime")))
                    .extracting(IndicatorValue::text)
                    .containsExactly("one-party state", "democracy", "democracy");
            org.normlab.data.CountryYearData data = org.normlab.data.CountryYearData.load(store);
            assertThat(data.levels("regime")).containsExactly("democracy", "one-party state");
            assertThat(data.levels("war_weariness")).isEmpty();
            assertThat(data.value("regime", "RUS", 2000)).isEqualTo(2.0);
            assertThat(data.value("regime", "USA", 2000)).isEqualTo(1.0);
            assertThat(data.value("regime", "USA", 2001)).isNaN();
        }
    }

    @Test
    void removingAReplacementBringsTheBundledEntryBack() throws Exception {
        Path db = copy("remove");
        replaceBundled(db);
        try (NormlabStore store = NormlabStore.openForWriting(db)) {
            store.importIndicators(List.of(IndicatorValue.of("war_weariness", "RUS", 2000, 0.4, "x")), "w.csv", false);
            assertThat(store.origins(EntryKind.INDICATOR)).containsEntry("war_weariness", Origin.IMPORTED);

            assertThat(store.removeImported(EntryKind.INSTRUMENT, "mine-ban")).isEqualTo(Origin.REPLACES_BUNDLED);
            assertThat(store.removeImported(EntryKind.INDICATOR, "polity2")).isEqualTo(Origin.REPLACES_BUNDLED);
            assertThat(store.removeImported(EntryKind.TIES, "border")).isEqualTo(Origin.REPLACES_BUNDLED);
            assertThat(store.removeImported(EntryKind.INDICATOR, "war_weariness"))
                    .isEqualTo(Origin.IMPORTED);
            assertThat(store.rowCounts()).isEqualTo(freshCounts);
            assertThat(store.instrument("mine-ban").title()).contains("Mine Ban Convention, 1997");
            assertThat(store.origins(EntryKind.INSTRUMENT)).containsEntry("mine-ban", Origin.BUNDLED);

            assertThatThrownBy(() -> store.removeImported(EntryKind.INDICATOR, "polity2"))
                    .isInstanceOf(NormlabException.class)
                    .hasMessage("indicator 'polity2' is bundled with normlab and was not replaced; only imported "
                            + "data can be removed");
            assertThatThrownBy(() -> store.removeImported(EntryKind.TIES, "csto"))
                    .hasMessage("there is no ties of kind 'csto'; see normlab data list");
        }
    }

    @Test
    void aDamagedMetaTableIsRefusedInOneLineNamingTheFileAndTheFault() throws Exception {
        Path notANumber = copy("meta-abc");
        sql(notANumber, "UPDATE meta SET value = 'abc' WHERE key = 'schema_version'");
        Path noDigest = copy("meta-nodigest");
        sql(noDigest, "DELETE FROM meta WHERE key = 'bundled_digest'");
        Path badDate = copy("meta-date");
        sql(badDate, "UPDATE meta SET value = '2020-13-45' WHERE key = 'system_list_end'");
        for (Path db : List.of(notANumber, noDigest, badDate)) {
            byte[] before = Files.readAllBytes(db);
            for (boolean readOnly : new boolean[] {true, false}) {
                assertThatThrownBy(() ->
                                (readOnly ? NormlabStore.openReadOnly(db) : NormlabStore.openForWriting(db)).close())
                        .isInstanceOf(NormlabException.class)
                        .hasMessageStartingWith(db + " is damaged: in its meta table, ")
                        .hasMessageEndingWith("; restore the file from a copy or give another --db")
                        .hasMessageNotContaining("\n");
            }
            assertThat(Files.readAllBytes(db))
                    .as("a refused database is not changed")
                    .isEqualTo(before);
        }
        assertThatThrownBy(() -> NormlabStore.openReadOnly(notANumber))
                .hasMessageContaining("schema_version 'abc' is not a number");
        assertThatThrownBy(() -> NormlabStore.openReadOnly(noDigest)).hasMessageContaining("bundled_digest is missing");
        assertThatThrownBy(() -> NormlabStore.openReadOnly(badDate))
                .hasMessageContaining("system_list_end '2020-13-45' is not a date");
    }

    @Test
    void readersShareAFileAndAWriterIsToldItIsInUse() throws Exception {
        Path db = copy("readers");
        try (NormlabStore first = NormlabStore.openReadOnly(db);
                NormlabStore second = NormlabStore.openReadOnly(db)) {
            assertThat(first.instruments()).hasSameSizeAs(second.instruments());
            assertThatThrownBy(() -> first.importTies(MY_BORDERS, "b.csv", true))
                    .isInstanceOf(NormlabException.class)
                    .hasMessageContaining("was opened read-only");
            assertThatThrownBy(() -> NormlabStore.openForWriting(db))
                    .isInstanceOf(DatabaseInUseException.class)
                    .hasMessage(db + " is in use by this process; it cannot be changed while it is being read or "
                            + "written; try again when it has finished");
        }
        try (NormlabStore writer = NormlabStore.openForWriting(db)) {
            assertThat(writer.access()).isEqualTo(NormlabStore.Access.WRITE);
        }
    }

    @Test
    void aReaderOnFirstUseCreatesTheDatabaseAndTwoRacingReadersBothSucceed() throws Exception {
        Path db = dir.resolve("new/first-use.duckdb");
        Throwable[] failure = new Throwable[2];
        int[] instruments = new int[2];
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            threads[i] = new Thread(() -> {
                try (NormlabStore store = NormlabStore.openReadOnly(db)) {
                    instruments[k] = store.instruments().size();
                } catch (Throwable t) {
                    failure[k] = t;
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure).containsOnlyNulls();
        assertThat(instruments).containsExactly(2, 2);
    }

    @Test
    void aReadOnlyFileInAReadOnlyFolderCanBeRead() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("locked"));
        Path db = folder.resolve("ro.duckdb");
        Files.copy(template, db);
        byte[] before = Files.readAllBytes(db);
        db.toFile().setWritable(false, false);
        folder.toFile().setWritable(false, false);
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.participation("mine-ban")).hasSize(freshMineBanRows);
            assertThat(store.bundledDataOutdated()).isFalse();
        } finally {
            folder.toFile().setWritable(true, false);
            db.toFile().setWritable(true, false);
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactly("ro.duckdb");
    }

    @Test
    void aReaderUsesOlderBundledDataWhileOtherReadersKeepTheRefreshOutAndTheNextOneRefreshes() throws Exception {
        Path db = copy("outdated");
        sql(db, "UPDATE meta SET value = '" + "0".repeat(64) + "' WHERE key = 'bundled_digest'");
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("access_mode", "READ_ONLY");
        try (Connection otherReader = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), readOnly);
                NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.bundledDataOutdated()).isTrue();
            assertThat(store.dataDigest()).isEqualTo("0".repeat(64));
            assertThat(store.participation("mine-ban")).hasSize(freshMineBanRows);
        }
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            assertThat(store.bundledDataOutdated()).isFalse();
            assertThat(store.dataDigest()).isEqualTo(BundledData.currentDigest());
        }
    }
}
