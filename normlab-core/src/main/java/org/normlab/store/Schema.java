package org.normlab.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The table layout of a normlab database, and the steps that migrate older layouts. */
final class Schema {
    private Schema() {}

    static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
            st.execute("CREATE TABLE country (iso3 VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, region VARCHAR, "
                    + "subregion VARCHAR, land_borders VARCHAR)");
            st.execute("CREATE TABLE system_spell (iso3 VARCHAR NOT NULL, gwcode INTEGER NOT NULL, gw_name VARCHAR, "
                    + "start_date DATE NOT NULL, end_date DATE)");
            st.execute("CREATE TABLE instrument (id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, opened DATE NOT NULL, "
                    + "eif_count INTEGER NOT NULL, source VARCHAR, bundled BOOLEAN NOT NULL)");
            st.execute("CREATE TABLE participation (instrument_id VARCHAR NOT NULL, iso3 VARCHAR NOT NULL, "
                    + "state VARCHAR, signature_date DATE, consent_date DATE, consent_type VARCHAR, "
                    + "entry_into_force_date DATE, withdrawal_notified_date DATE, withdrawal_effective_date DATE, "
                    + "notes VARCHAR, PRIMARY KEY (instrument_id, iso3))");
            st.execute("CREATE TABLE indicator (name VARCHAR PRIMARY KEY, definition VARCHAR, source VARCHAR, "
                    + "missing VARCHAR NOT NULL, bundled BOOLEAN NOT NULL)");
            st.execute("CREATE TABLE indicator_value (name VARCHAR NOT NULL, iso3 VARCHAR NOT NULL, "
                    + "year INTEGER NOT NULL, value DOUBLE NOT NULL, source VARCHAR, PRIMARY KEY (name, iso3, year))");
            st.execute("CREATE TABLE tie (iso3_a VARCHAR NOT NULL, iso3_b VARCHAR NOT NULL, kind VARCHAR NOT NULL, "
                    + "from_year INTEGER NOT NULL, to_year INTEGER, source VARCHAR, bundled BOOLEAN NOT NULL)");
        }
        createBundledEntry(conn);
        createMeasures(conn);
        addTieWeight(conn);
        addIndicatorText(conn);
    }

    /**
     * Version 5: indicators of text categories: the indicator's type ({@code number} or
     * {@code text}) and each value's category (a category has no number).
     */
    private static void addIndicatorText(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("ALTER TABLE indicator ADD COLUMN type VARCHAR DEFAULT 'number'");
            st.execute("UPDATE indicator SET type = 'number'");
            st.execute("ALTER TABLE indicator_value ALTER COLUMN value DROP NOT NULL");
            st.execute("ALTER TABLE indicator_value ADD COLUMN text VARCHAR");
        }
    }

    /** Version 4: a weight per tie (null = 1), for weighted exposures to stored networks. */
    private static void addTieWeight(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("ALTER TABLE tie ADD COLUMN weight DOUBLE");
        }
    }

    /** Version 3: dated, scoped measures tied to instruments, and who can deposit an instrument. */
    private static void createMeasures(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE measure (iso3 VARCHAR NOT NULL, instruments VARCHAR NOT NULL, "
                    + "measure VARCHAR NOT NULL, scope VARCHAR NOT NULL, scope_detail VARCHAR, year_from INTEGER, "
                    + "year_to INTEGER, source VARCHAR, notes VARCHAR, bundled BOOLEAN NOT NULL)");
            st.execute("CREATE TABLE depositor (iso3 VARCHAR PRIMARY KEY, from_year INTEGER, basis VARCHAR)");
        }
    }

    /**
     * Version 2: the keys (instrument ids, indicator names, tie kinds) of the bundled data, whether
     * or not a user's import replaces them, so that a replacement can be told from a user's own
     * entry and undone.
     */
    private static void createBundledEntry(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE bundled_entry (kind VARCHAR NOT NULL, key VARCHAR NOT NULL, "
                    + "PRIMARY KEY (kind, key))");
        }
    }

    /**
     * Brings a database of an older schema version to the current one, one step per version; the
     * caller refreshes the bundled data afterwards, which fills what a step added.
     */
    static void migrate(Connection conn, int from) throws SQLException {
        if (from < 1) {
            throw new SQLException("unknown schema version " + from);
        }
        if (from < 2) {
            createBundledEntry(conn);
        }
        if (from < 3) {
            createMeasures(conn);
        }
        if (from < 4) {
            addTieWeight(conn);
        }
        if (from < 5) {
            addIndicatorText(conn);
        }
    }
}
