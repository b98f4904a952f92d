package org.normlab.store;

/** Where a stored instrument, indicator or tie kind comes from. */
public enum Origin {
    /** Shipped with normlab and refreshed by each release. */
    BUNDLED("bundled"),
    /** Imported by the user under a name normlab does not bundle. */
    IMPORTED("imported"),
    /** Imported by the user with {@code --replace} in place of a bundled entry of the same name. */
    REPLACES_BUNDLED("imported, replaces bundled");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    /** The word {@code data list} prints. */
    public String label() {
        return label;
    }
}
