package org.normlab.data;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An international instrument (treaty) that carries a norm. Immutable.
 *
 * @param id        short identifier, lower case letters, digits and dashes (e.g. {@code mine-ban})
 * @param title     full title
 * @param opened    date it was opened for signature (or adopted)
 * @param eifCount  number of consents needed for entry into force, or 0 when not given
 * @param source    where the participation data comes from
 */
public record Instrument(String id, String title, LocalDate opened, int eifCount, String source) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public Instrument {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(opened, "opened");
        checkId(id);
        if (eifCount < 0) {
            throw new InputException("--eif-count must be >= 0, got " + eifCount);
        }
        source = source == null ? "" : source;
    }

    /** Throws a user-facing error when {@code id} is not a valid instrument id. */
    public static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InputException("instrument id '" + id
                    + "' is not valid: use 1-40 lower-case letters, digits and dashes, starting with a letter");
        }
    }

    /** The id as a variable-name suffix: {@code ccw-apii} becomes {@code ccw_apii}. */
    public String variableSuffix() {
        return id.replace('-', '_');
    }
}
