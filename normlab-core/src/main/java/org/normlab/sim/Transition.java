package org.normlab.sim;

/** The two transitions a state can make in a simulated year. */
public enum Transition {
    /** Not party to party; at risk: states in the system that are not party. */
    ADOPTION(Status.NOT_PARTY),
    /** Party to withdrawn; at risk: states in the system that are party. */
    WITHDRAWAL(Status.PARTY);

    private final byte atRisk;

    Transition(byte atRisk) {
        this.atRisk = atRisk;
    }

    /** The status of the states at risk of this transition. */
    public byte atRisk() {
        return atRisk;
    }

    /** Lower-case name used in files and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
