package org.normlab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a state expressed its consent to be bound by an instrument (as the UN depositary records it). */
public enum ConsentType {
    RATIFICATION,
    ACCESSION,
    ACCEPTANCE,
    APPROVAL,
    SUCCESSION,
    CONSENT_TO_BE_BOUND;

    /** The lower-case name used in files, e.g. {@code consent_to_be_bound}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConsentType> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code.trim())).findFirst();
    }

    public static String allowedCodes() {
        return Arrays.stream(values()).map(ConsentType::code).collect(Collectors.joining(", "));
    }
}
