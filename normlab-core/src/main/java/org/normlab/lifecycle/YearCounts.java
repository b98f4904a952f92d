package org.normlab.lifecycle;

/**
 * One year of an instrument's participation record.
 *
 * @param year        calendar year
 * @param inSystem    states in the state system that year (≥ 0)
 * @param parties     states in the system that are party at the end of the year (0..inSystem)
 * @param newParties  states whose consent to be bound took effect that year (≥ 0)
 * @param withdrawals states whose withdrawal took effect that year (≥ 0)
 */
public record YearCounts(int year, int inSystem, int parties, int newParties, int withdrawals) {

    public YearCounts {
        if (inSystem < 0 || parties < 0 || newParties < 0 || withdrawals < 0) {
            throw new IllegalArgumentException(year + ": counts must not be negative");
        }
        if (parties > inSystem) {
            throw new IllegalArgumentException(
                    year + ": " + parties + " parties exceed the " + inSystem + " states in the system");
        }
    }

    /** Parties as a share of the states in the system; 0 when the system is empty. */
    public double partyShare() {
        return share(parties, inSystem);
    }

    /** New parties as a share of the states in the system; 0 when the system is empty. */
    public double adoptionRate() {
        return share(newParties, inSystem);
    }

    /** A count as a share of the states in the system; 0 when the system is empty. */
    public static double share(int count, int inSystem) {
        return inSystem == 0 ? 0.0 : (double) count / inSystem;
    }
}
