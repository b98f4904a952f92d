package org.normlab.store;

/** The three kinds of entry a user can import, replace and remove, each keyed by a name. */
public enum EntryKind {
    /** An instrument and its participation rows, keyed by instrument id. */
    INSTRUMENT("instrument"),
    /** An indicator and its country-year values, keyed by indicator name. */
    INDICATOR("indicator"),
    /** All ties of one kind (e.g. {@code border}), keyed by the kind. */
    TIES("ties");

    private final String code;

    EntryKind(String code) {
        this.code = code;
    }

    /** The value stored in {@code bundled_entry.kind}. */
    public String code() {
        return code;
    }
}
