package org.normlab.data;

import java.util.Objects;

/**
 * A state or entity that can deposit an instrument with the depositary (the UN Secretary-General's
 * "all States" practice: UN members, and the Holy See, Palestine, the Cook Islands and Niue), from
 * the bundled {@code depositors.csv}. Entities outside the state-system list enter risk sets from
 * {@code fromYear}; the others while they are in the system. Immutable.
 *
 * @param iso3     code
 * @param fromYear first year it can deposit when it is outside the state-system list, else null
 * @param basis    why it can deposit, with its source
 */
public record Depositor(String iso3, Integer fromYear, String basis) {
    public Depositor {
        Objects.requireNonNull(iso3, "iso3");
        basis = basis == null ? "" : basis;
    }
}
