package org.normlab.sim;

/**
 * A state's status towards an instrument, as a byte so that a replicate's statuses are one
 * {@code byte[]}. Withdrawn is absorbing over a simulation's horizon.
 */
public final class Status {
    /** Not party: at risk of adoption when in the system. */
    public static final byte NOT_PARTY = 0;
    /** Party: at risk of withdrawal when in the system. */
    public static final byte PARTY = 1;
    /** Withdrawn: no longer at risk of anything. */
    public static final byte WITHDRAWN = 2;

    private Status() {}

    /** Name of a status code, for messages. */
    public static String name(byte status) {
        return switch (status) {
            case NOT_PARTY -> "not party";
            case PARTY -> "party";
            case WITHDRAWN -> "withdrawn";
            default -> "invalid status " + status;
        };
    }
}
