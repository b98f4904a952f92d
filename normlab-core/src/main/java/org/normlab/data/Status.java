package org.normlab.data;

import java.util.Locale;

/**
 * A state's standing towards an instrument on a date: {@code NONE} (never signed or consented),
 * {@code SIGNATORY} (signed, no consent yet), {@code PARTY} (consent deposited, no withdrawal in
 * effect; a pending withdrawal does not end party status) or {@code WITHDRAWN} (a withdrawal has
 * taken effect).
 */
public enum Status {
    NONE,
    SIGNATORY,
    PARTY,
    WITHDRAWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
