package org.normlab.panel;

import java.util.Locale;

/**
 * The event a risk set is built for. {@code SIGNATURE}: states that have neither signed nor
 * consented are at risk, the event is the year of signature. {@code CONSENT}: states that are not
 * party are at risk, the event is the year the instrument of consent is deposited. {@code
 * WITHDRAWAL}: parties are at risk, the event is the year a withdrawal is notified (the decision;
 * it takes effect later).
 */
public enum Transition {
    SIGNATURE,
    CONSENT,
    WITHDRAWAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transition parse(String text) {
        for (Transition t : values()) {
            if (t.code().equals(text)) {
                return t;
            }
        }
        throw new org.normlab.data.NormlabException(
                "unknown transition '" + text + "'; use signature, consent or withdrawal");
    }
}
